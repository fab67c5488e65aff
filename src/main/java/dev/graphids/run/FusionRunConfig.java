package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.fusion.FusionConfig;
import dev.graphids.graph.Representation;
import dev.graphids.train.TrainerConfig;

/**
 * The {@code config} of {@code fit} and {@code test} runs of a fuser ({@code model.type: fusion}).
 *
 * <pre>
 * config:
 *   model: {type: fusion, method: mlp}          # see FusionConfig for the methods and their settings
 *   states: runs/hcrl_sa/hcrl_sa_extract/extract_seed42   # a finished extract run (or its states/);
 *                                                         # relative paths are under the lake root
 *   trainer: {max_epochs: 50, patience: 10}     # monitor val_loss (default) or val_auroc
 *   seed_everything: 42
 *   ckpt_path: null                             # test: the fuser's checkpoint (required; lake-relative ok)
 *   stream_calibration: {quantile: 0.1}          # test, threshold-chosen fusers: scores relative to each capture
 * </pre>
 */
public record FusionRunConfig(@JsonProperty("model") FusionConfig model, @JsonProperty("states") String states,
                              @JsonProperty("trainer") TrainerConfig trainer,
                              @JsonProperty("seed_everything") Integer seedEverything,
                              @JsonProperty("ckpt_path") String ckptPath,
                              @JsonProperty("stream_calibration") StreamCalibrationConfig streamCalibration)
        implements StageConfig {
    public FusionRunConfig {
        if (model == null) {
            throw new ConfigException("config.model", "is required");
        }
        if (states == null || states.isBlank()) {
            throw new ConfigException("config.states", "expected the run directory of a finished extract run, "
                    + "found nothing");
        }
        trainer = trainer == null ? TrainerConfig.defaults() : trainer;
    }

    @Override
    public Representation nestedRepresentation() {
        return null;
    }
}
