package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.graph.Representation;
import java.util.List;

/**
 * The {@code config} of an {@code analyze} run (runtime.md §8): analysis artifacts of a trained checkpoint on the
 * validation split of its graph cache, written into the run's {@code artifacts/} directory.
 *
 * <pre>
 * config:
 *   model_type: gat            # gat | vgae | dgi | fusion; must be the checkpoint's type
 *   ckpt_path: .../checkpoints/best_model.safetensors    # required except for model_type fusion
 *   data: {source: {...}}      # as the fit run's, so the same cache (checked against the checkpoint)
 *   embeddings: true           # gat, vgae, dgi (default true for them, false for fusion)
 *   attention: false           # gat only
 *   cka: false                 # gat only; needs cka_teacher_ckpt (a gat checkpoint)
 *   cka_teacher_ckpt: null
 *   landscape: false           # gat, vgae, dgi
 *   fusion_policy: false       # fusion only; needs fusion_predictions
 *   fusion_predictions: null   # a fusion run's prediction file, or its run / predictions directory (val split)
 *   cka_max_samples: 500
 *   landscape_resolution: 51
 *   landscape_scale: 1.0
 *   landscape_max_graphs: 500
 *   embedding_max_samples: 2000
 *   attention_max_samples: 50
 *   batch_size: 256
 *   seed: null                 # default: the experiment's seed
 * </pre>
 *
 * An artifact that does not apply to {@code model_type} is a configuration error, not a silently missing file.
 * The paths may be left null in a shipped file and given with {@code --set}; {@link #requirePaths} checks them
 * when the run starts.
 */
public record AnalyzeRunConfig(@JsonProperty("model_type") String modelType,
                               @JsonProperty("ckpt_path") String ckptPath,
                               @JsonProperty("data") DataConfig data,
                               @JsonProperty("embeddings") Boolean embeddings,
                               @JsonProperty("attention") Boolean attention,
                               @JsonProperty("cka") Boolean cka,
                               @JsonProperty("cka_teacher_ckpt") String ckaTeacherCkpt,
                               @JsonProperty("landscape") Boolean landscape,
                               @JsonProperty("fusion_policy") Boolean fusionPolicy,
                               @JsonProperty("fusion_predictions") String fusionPredictions,
                               @JsonProperty("cka_max_samples") Integer ckaMaxSamples,
                               @JsonProperty("landscape_resolution") Integer landscapeResolution,
                               @JsonProperty("landscape_scale") Double landscapeScale,
                               @JsonProperty("landscape_max_graphs") Integer landscapeMaxGraphs,
                               @JsonProperty("embedding_max_samples") Integer embeddingMaxSamples,
                               @JsonProperty("attention_max_samples") Integer attentionMaxSamples,
                               @JsonProperty("batch_size") Integer batchSize,
                               @JsonProperty("seed") Integer seed) implements StageConfig {
    public static final String FUSION = "fusion";
    static final List<String> TYPES = List.of("gat", "vgae", "dgi", FUSION);

    public AnalyzeRunConfig {
        modelType = modelType == null ? "gat" : modelType;
        if (!TYPES.contains(modelType)) {
            throw new ConfigException("config.model_type", "expected one of " + String.join(", ", TYPES)
                    + ", found '" + modelType + "'");
        }
        boolean fusion = modelType.equals(FUSION);
        data = data == null ? DataConfig.defaults() : data;
        embeddings = embeddings == null ? !fusion : embeddings;
        attention = attention != null && attention;
        cka = cka != null && cka;
        landscape = landscape != null && landscape;
        fusionPolicy = fusionPolicy != null && fusionPolicy;
        applies("embeddings", embeddings, !fusion, "gat, vgae or dgi", modelType);
        applies("attention", attention, modelType.equals("gat"), "gat", modelType);
        applies("cka", cka, modelType.equals("gat"), "gat", modelType);
        applies("landscape", landscape, !fusion, "gat, vgae or dgi", modelType);
        applies("fusion_policy", fusionPolicy, fusion, "fusion", modelType);
        if (!(embeddings || attention || cka || landscape || fusionPolicy)) {
            throw new ConfigException("config", "no artifact is enabled (embeddings, attention, cka, landscape, "
                    + "fusion_policy)");
        }
        ckaMaxSamples = ConfigChecks.atLeast("config.cka_max_samples", orElse(ckaMaxSamples, 500), 4);
        landscapeResolution = ConfigChecks.atLeast("config.landscape_resolution", orElse(landscapeResolution, 51), 2);
        landscapeScale = landscapeScale == null ? 1.0 : landscapeScale;
        if (!(landscapeScale > 0) || Double.isInfinite(landscapeScale)) {
            throw new ConfigException("config.landscape_scale", "expected a number > 0, found " + landscapeScale);
        }
        landscapeMaxGraphs = ConfigChecks.atLeast("config.landscape_max_graphs", orElse(landscapeMaxGraphs, 500), 1);
        embeddingMaxSamples = ConfigChecks.atLeast("config.embedding_max_samples", orElse(embeddingMaxSamples, 2000),
                2);
        attentionMaxSamples = ConfigChecks.atLeast("config.attention_max_samples", orElse(attentionMaxSamples, 50),
                1);
        batchSize = ConfigChecks.atLeast("config.batch_size", orElse(batchSize, 256), 1);
    }

    /** The paths the enabled artifacts need, checked when the run starts (after {@code --set} overrides). */
    /** This config with its relative paths taken from {@code lakeRoot}, as every stage takes them. */
    public AnalyzeRunConfig inLake(java.nio.file.Path lakeRoot) {
        java.util.function.UnaryOperator<String> at = p -> p == null || p.isBlank() ? p : lakeRoot.resolve(p).toString();
        return new AnalyzeRunConfig(modelType, at.apply(ckptPath), data, embeddings, attention, cka,
                at.apply(ckaTeacherCkpt), landscape, fusionPolicy, at.apply(fusionPredictions), ckaMaxSamples,
                landscapeResolution, landscapeScale, landscapeMaxGraphs, embeddingMaxSamples, attentionMaxSamples,
                batchSize, seed);
    }

    public void requirePaths() {
        if (!modelType.equals(FUSION)) {
            requiredAtLaunch("config.ckpt_path", ckptPath, "the checkpoint to analyze, e.g. {fit run}/checkpoints/"
                    + "best_model.safetensors");
        }
        if (cka) {
            requiredAtLaunch("config.cka_teacher_ckpt", ckaTeacherCkpt, "a teacher GAT checkpoint");
        }
        if (fusionPolicy) {
            requiredAtLaunch("config.fusion_predictions", fusionPredictions, "a fusion run, its predictions "
                    + "directory or a prediction file");
        }
    }

    private static void requiredAtLaunch(String key, String value, String what) {
        if (value == null || value.isBlank()) {
            throw dev.graphids.error.GraphidsException.usage(key + ": is required (" + what + "); set it in the file"
                    + " or with --set " + key + "=PATH");
        }
    }

    private static void applies(String key, boolean enabled, boolean applicable, String types, String modelType) {
        if (enabled && !applicable) {
            throw new ConfigException("config." + key, "applies to model_type " + types + " only, found model_type "
                    + modelType + "; set it to false");
        }
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public Representation nestedRepresentation() {
        return data.source().representation();
    }
}
