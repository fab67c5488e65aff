package dev.graphids.model.gat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.model.Checks;
import dev.graphids.model.ClassificationLoss;
import dev.graphids.model.ModelConfig;

/**
 * GAT classifier hyper-parameters (models.md §2.1). {@code scale} small = hidden 24, layers 2, heads 4; large =
 * hidden 64, layers 3, heads 8; explicit {@code hidden}/{@code layers}/{@code heads} override the scale. Only the
 * values the reported runs used are accepted for {@code conv_type} (gatv2) and {@code pool_aggrs} (mean).
 * {@code sequence_pool} (auto = mean, flat, mean, attention, gru; models.md §2.3) pools the step embeddings of
 * snapshot_sequence samples and is ignored on snapshot graphs.
 * {@code gradient_checkpointing} and {@code compile_model} are accepted for compatibility and have no effect.
 * {@code id_features} appends the 3 vehicle-independent ID features to the node features (data.md Decision 3);
 * {@code id_hash_embedding} adds a hash-bucket embedding of the raw CAN ID to the vocabulary embedding;
 * {@code embedding_dim: 0} drops the ID embedding (nodes are their features only);
 * {@code timing_features: false} hides the three timing features (node_iat_mean, node_iat_std and the edge iat) from
 * the model, which then sees every window at the benign training mean of its timing.
 */
public record GatConfig(@JsonProperty("scale") String scale, @JsonProperty("hidden") Integer hidden,
                        @JsonProperty("layers") Integer layers, @JsonProperty("heads") Integer heads,
                        @JsonProperty("dropout") Double dropout, @JsonProperty("fc_layers") Integer fcLayers,
                        @JsonProperty("embedding_dim") Integer embeddingDim,
                        @JsonProperty("conv_type") String convType, @JsonProperty("pool_aggrs") String poolAggrs,
                        @JsonProperty("sequence_pool") String sequencePool, @JsonProperty("proj_dim") Integer projDim,
                        @JsonProperty("lr") Double learningRate, @JsonProperty("weight_decay") Double decay,
                        @JsonProperty("gradient_checkpointing") Boolean gradientCheckpointing,
                        @JsonProperty("compile_model") Boolean compileModel,
                        @JsonProperty("id_features") Boolean idFeatures,
                        @JsonProperty("id_hash_embedding") Boolean idHashEmbedding,
                        @JsonProperty("timing_features") Boolean timingFeatures,
                        @JsonProperty("loss") ClassificationLoss loss) implements ModelConfig {
    public static final String TYPE = "gat";

    public GatConfig {
        scale = scale == null ? "small" : scale;
        int[] preset = switch (scale) {
            case "small" -> new int[] {24, 2, 4};
            case "large" -> new int[] {64, 3, 8};
            default -> new int[] {48, 3, 8}; // the original's fallback for an unknown scale
        };
        hidden = Checks.atLeast("hidden", hidden == null ? preset[0] : hidden, 1);
        layers = Checks.atLeast("layers", layers == null ? preset[1] : layers, 1);
        heads = Checks.atLeast("heads", heads == null ? preset[2] : heads, 1);
        dropout = Checks.probability("dropout", dropout == null ? 0.2 : dropout);
        fcLayers = Checks.atLeast("fc_layers", fcLayers == null ? 3 : fcLayers, 1);
        embeddingDim = Checks.atLeast("embedding_dim", embeddingDim == null ? 16 : embeddingDim, 0);
        convType = Checks.oneOf("conv_type", convType == null ? "gatv2" : convType, "gatv2");
        poolAggrs = Checks.oneOf("pool_aggrs", poolAggrs == null ? "mean" : poolAggrs, "mean");
        sequencePool = Checks.oneOf("sequence_pool", sequencePool == null ? "auto" : sequencePool, "auto", "flat",
                "mean", "attention", "gru");
        projDim = Checks.atLeast("proj_dim", projDim == null ? 0 : projDim, 0);
        learningRate = Checks.positive("lr", learningRate == null ? 1e-3 : learningRate);
        decay = Checks.nonNegative("weight_decay", decay == null ? 1e-4 : decay);
        gradientCheckpointing = gradientCheckpointing == null || gradientCheckpointing;
        compileModel = compileModel != null && compileModel;
        idFeatures = idFeatures == null || idFeatures;
        idHashEmbedding = idHashEmbedding != null && idHashEmbedding;
        timingFeatures = timingFeatures == null || timingFeatures;
        if (idHashEmbedding && embeddingDim == 0) {
            throw dev.graphids.error.GraphidsException.usage("id_hash_embedding: adds to the ID embedding, which "
                    + "embedding_dim: 0 removes; drop one of the two");
        }
        loss = loss == null ? ClassificationLoss.ce() : loss;
    }

    /** Defaults of a scale. */
    public static GatConfig of(String scale) {
        return new GatConfig(scale, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The same config with the ID-feature options changed. */
    public GatConfig withIdOptions(boolean features, boolean hashEmbedding) {
        return new GatConfig(scale, hidden, layers, heads, dropout, fcLayers, embeddingDim, convType, poolAggrs,
                sequencePool, projDim, learningRate, decay, gradientCheckpointing, compileModel, features,
                hashEmbedding, timingFeatures, loss);
    }

    /** The same config with another sequence pooling mode. */
    public GatConfig withSequencePool(String mode) {
        return new GatConfig(scale, hidden, layers, heads, dropout, fcLayers, embeddingDim, convType, poolAggrs,
                mode, projDim, learningRate, decay, gradientCheckpointing, compileModel, idFeatures,
                idHashEmbedding, timingFeatures, loss);
    }

    /** The same config with another dropout. */
    public GatConfig withDropout(double p) {
        return new GatConfig(scale, hidden, layers, heads, p, fcLayers, embeddingDim, convType, poolAggrs,
                sequencePool, projDim, learningRate, decay, gradientCheckpointing, compileModel, idFeatures,
                idHashEmbedding, timingFeatures, loss);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double lr() {
        return learningRate;
    }

    @Override
    public double weightDecay() {
        return decay;
    }

    /** Layer width C = hidden · heads. */
    public int width() {
        return hidden * heads;
    }
}
