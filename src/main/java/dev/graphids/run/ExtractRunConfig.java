package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.graph.Representation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} of an {@code extract} run (runtime.md §9): the fusion state of the upstream models.
 *
 * <pre>
 * config:
 *   checkpoints:                 # gat and vgae required, dgi optional; relative paths are under the lake root
 *     gat: runs/hcrl_sa/hcrl_sa_gat/fit_seed42/checkpoints/best_model.safetensors   # or a list: an ensemble
 *     vgae: runs/hcrl_sa/hcrl_sa_vgae/fit_seed42/checkpoints/best_model.safetensors
 *   max_samples: 150000          # fusion-train graphs at most
 *   max_val_samples: 30000       # fusion-val graphs at most
 *   fusion_val_fraction: 0.5     # tail of each file's upstream validation windows that becomes fusion-val
 *   batch_size: 256
 *   data: {source: {representation_cfg: ..., val_fraction: 0.2}}   # as in the upstream fit runs
 * </pre>
 */
public record ExtractRunConfig(@JsonProperty("checkpoints")
                               @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                               Map<String, List<String>> checkpoints,
                               @JsonProperty("max_samples") Integer maxSamples,
                               @JsonProperty("max_val_samples") Integer maxValSamples,
                               @JsonProperty("fusion_val_fraction") Double fusionValFraction,
                               @JsonProperty("batch_size") Integer batchSize,
                               @JsonProperty("data") DataConfig data,
                               @JsonProperty("seed_everything") Integer seedEverything) implements StageConfig {
    static final Set<String> MODELS = Set.of("gat", "vgae", "dgi");

    public ExtractRunConfig {
        if (checkpoints == null || !checkpoints.containsKey("gat") || !checkpoints.containsKey("vgae")) {
            throw new ConfigException("config.checkpoints", "expected a mapping with gat and vgae checkpoint paths"
                    + " (dgi optional), found " + (checkpoints == null ? "nothing" : checkpoints.keySet()));
        }
        for (Map.Entry<String, List<String>> e : checkpoints.entrySet()) {
            String at = "config.checkpoints." + e.getKey();
            if (!MODELS.contains(e.getKey())) {
                throw new ConfigException(at, "unknown model; expected gat, vgae or dgi");
            }
            if (e.getValue() == null || e.getValue().isEmpty()
                    || e.getValue().stream().anyMatch(p -> p == null || p.isBlank())) {
                throw new ConfigException(at, "expected a checkpoint path, found nothing");
            }
            if (e.getValue().size() > 1 && !e.getKey().equals("gat")) {
                throw new ConfigException(at, "expected one checkpoint path; only gat takes a list (an ensemble), "
                        + "found " + e.getValue().size());
            }
        }
        checkpoints = new LinkedHashMap<>(checkpoints);
        maxSamples = positive("config.max_samples", maxSamples == null ? 150_000 : maxSamples);
        maxValSamples = positive("config.max_val_samples", maxValSamples == null ? 30_000 : maxValSamples);
        batchSize = positive("config.batch_size", batchSize == null ? 256 : batchSize);
        fusionValFraction = fusionValFraction == null ? 0.5 : fusionValFraction;
        if (!(fusionValFraction > 0 && fusionValFraction < 1)) {
            throw new ConfigException("config.fusion_val_fraction", "expected a number in (0, 1), found "
                    + fusionValFraction);
        }
        data = data == null ? DataConfig.defaults() : data;
    }

    private static int positive(String path, int v) {
        if (v < 1) {
            throw new ConfigException(path, "expected >= 1, found " + v);
        }
        return v;
    }

    @Override
    public Representation nestedRepresentation() {
        return data.source().representation();
    }
}
