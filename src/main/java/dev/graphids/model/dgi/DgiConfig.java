package dev.graphids.model.dgi;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.model.Checks;
import dev.graphids.model.ModelConfig;
import java.util.List;

/**
 * DGI hyper-parameters (models.md §3.7): small latent 48, embedding 32, heads 4; large 96 / 64 / 8; dropout 0.15;
 * lr 1e-3, weight decay 1e-4. The encoder is one GATv2 block of width {@code hidden_dims[0]} (default
 * max(128, 2·latent)) with GraphNorm, then {@code Linear(width, latent)}.
 */
public record DgiConfig(@JsonProperty("scale") String scale, @JsonProperty("latent_dim") Integer latentDim,
                        @JsonProperty("embedding_dim") Integer embeddingDim, @JsonProperty("heads") Integer heads,
                        @JsonProperty("hidden_dims") List<Integer> hiddenDims, @JsonProperty("dropout") Double dropout,
                        @JsonProperty("batch_norm") Boolean batchNorm, @JsonProperty("conv_type") String convType,
                        @JsonProperty("lr") Double learningRate, @JsonProperty("weight_decay") Double decay,
                        @JsonProperty("id_features") Boolean idFeatures,
                        @JsonProperty("id_hash_embedding") Boolean idHashEmbedding) implements ModelConfig {
    public static final String TYPE = "dgi";

    public DgiConfig {
        scale = scale == null ? "small" : scale;
        boolean large = scale.equals("large");
        latentDim = Checks.atLeast("latent_dim", latentDim == null ? (large ? 96 : 48) : latentDim, 1);
        embeddingDim = Checks.atLeast("embedding_dim", embeddingDim == null ? (large ? 64 : 32) : embeddingDim, 1);
        heads = Checks.atLeast("heads", heads == null ? (large ? 8 : 4) : heads, 1);
        hiddenDims = List.copyOf(hiddenDims == null ? List.of() : hiddenDims);
        if (hiddenDims.size() > 1) {
            throw dev.graphids.error.GraphidsException.usage("hidden_dims: DGI supports one encoder block, found "
                    + hiddenDims);
        }
        dropout = Checks.probability("dropout", dropout == null ? 0.15 : dropout);
        batchNorm = batchNorm == null || batchNorm;
        convType = Checks.oneOf("conv_type", convType == null ? "gatv2" : convType, "gatv2");
        learningRate = Checks.positive("lr", learningRate == null ? 1e-3 : learningRate);
        decay = Checks.nonNegative("weight_decay", decay == null ? 1e-4 : decay);
        idFeatures = idFeatures == null || idFeatures;
        idHashEmbedding = idHashEmbedding != null && idHashEmbedding;
    }

    public static DgiConfig of(String scale) {
        return new DgiConfig(scale, null, null, null, null, null, null, null, null, null, null, null);
    }

    public DgiConfig withIdOptions(boolean features, boolean hash) {
        return new DgiConfig(scale, latentDim, embeddingDim, heads, hiddenDims, dropout, batchNorm, convType,
                learningRate, decay, features, hash);
    }

    /** Encoder block width. */
    public int width() {
        return hiddenDims.isEmpty() ? Math.max(128, 2 * latentDim) : hiddenDims.get(0);
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
}
