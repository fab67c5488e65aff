package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.graph.Representation;
import dev.graphids.train.TrainerConfig;

/**
 * The {@code config} of {@code fit} and {@code test} runs.
 *
 * <pre>
 * config:
 *   model: {type: gat, scale: small, loss: {type: focal}}    # gat | vgae | dgi | rate, with hyper-parameters
 *   data: {source: {representation_cfg: ..., val_fraction: 0.2}, require_cache: false}
 *   trainer: {max_epochs: 100, patience: 20, monitor: val_auroc, gradient_clip_val: 1.0, min_steps_per_epoch: 50}
 *   seed_everything: 42
 *   ckpt_path: null      # fit: resume from this checkpoint (e.g. checkpoints/last.safetensors); test: required
 *   distillation: null   # fit: learn from a teacher checkpoint ({@link DistillationConfig})
 *   curriculum: null     # fit (classifiers): admit benign graphs easiest first ({@link CurriculumConfig})
 *   stream_calibration: null  # test: scores relative to each capture's running quantile ({@link StreamCalibrationConfig})
 * </pre>
 *
 * @param model the model's config, validated by the loader as a {@link ModelChoice} (with lines) and bound at use
 */
public record FitRunConfig(@JsonProperty("model") JsonNode model, @JsonProperty("data") DataConfig data,
                           @JsonProperty("trainer") TrainerConfig trainer,
                           @JsonProperty("seed_everything") Integer seedEverything,
                           @JsonProperty("ckpt_path") String ckptPath,
                           @JsonProperty("distillation") DistillationConfig distillation,
                           @JsonProperty("curriculum") CurriculumConfig curriculum,
                           @JsonProperty("stream_calibration") StreamCalibrationConfig streamCalibration)
        implements StageConfig {

    public FitRunConfig {
        if (model == null || model.isNull()) {
            throw new ConfigException("config.model", "is required (type: gat, vgae, dgi or rate)");
        }
        data = data == null ? DataConfig.defaults() : data;
        trainer = trainer == null ? TrainerConfig.defaults() : trainer;
    }

    /** The run's seed: {@code seed_everything} when set, else the experiment's {@code seed}. */
    public long seed(long experimentSeed) {
        return seedEverything != null ? seedEverything : experimentSeed;
    }

    public ModelChoice modelChoice() {
        return ModelChoice.of(model);
    }

    @Override
    public Representation nestedRepresentation() {
        return data.source().representation();
    }
}
