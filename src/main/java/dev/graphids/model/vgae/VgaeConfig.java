package dev.graphids.model.vgae;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.model.Checks;
import dev.graphids.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * VGAE hyper-parameters (models.md §3.1, §3.3). {@code scale} small = latent 64, hidden_dims [64]; large = latent
 * 128, hidden_dims [128]; fallback latent 48 with hidden_dims []. Loss weights default to kl 0.01, canid 0.1, nbr
 * 0.1, edge 0.1. {@code min_calibration_graphs} is the number of benign validation graphs calibration requires (100
 * in the original). {@code conv_type} accepts gatv2 only; {@code edge_dim} must be 11. {@code score_samples}: how
 * many masked, sampled forwards each score component is averaged over (1, the original's single draw, by default; a
 * single draw makes a window's score noisy — the same checkpoint's test F1 on hcrl_sa test_02 ranged 0.17–0.62
 * between runs). {@code score_nodes}: {@code masked} (the original: recon and recon_max over the nodes a masked
 * forward masked, ~15 % of them) or {@code all} (an unmasked forward, every real node). {@code score_components}: which
 * of recon, recon_max, affinity, rq the max-σ score takes (all four by default). Both are fit-time settings: the
 * fit calibrates what the checkpoint will score.
 */
public record VgaeConfig(@JsonProperty("scale") String scale, @JsonProperty("latent_dim") Integer latentDim,
                         @JsonProperty("hidden_dims") List<Integer> hiddenDims, @JsonProperty("heads") Integer heads,
                         @JsonProperty("embedding_dim") Integer embeddingDim, @JsonProperty("dropout") Double dropout,
                         @JsonProperty("conv_type") String convType, @JsonProperty("edge_dim") Integer edgeDim,
                         @JsonProperty("batch_norm") Boolean batchNorm, @JsonProperty("mlp_hidden") Integer mlpHidden,
                         @JsonProperty("lr") Double learningRate, @JsonProperty("weight_decay") Double decay,
                         @JsonProperty("mask_rate") Double maskRate, @JsonProperty("kl_weight") Double klWeight,
                         @JsonProperty("canid_weight") Double canidWeight,
                         @JsonProperty("nbr_weight") Double nbrWeight, @JsonProperty("edge_weight") Double edgeWeight,
                         @JsonProperty("min_calibration_graphs") Integer minCalibrationGraphs,
                         @JsonProperty("id_features") Boolean idFeatures,
                         @JsonProperty("id_hash_embedding") Boolean idHashEmbedding,
                         @JsonProperty("score_samples") Integer scoreSamples,
                         @JsonProperty("score_nodes") String scoreNodes,
                         @JsonProperty("score_components") List<String> scoreComponents) implements ModelConfig {
    public static final String TYPE = "vgae";
    /** The score components in the order of {@link VgaeScores} and the calibration buffers. */
    public static final List<String> COMPONENTS = List.of("recon", "recon_max", "affinity", "rq");

    public VgaeConfig {
        scale = scale == null ? "small" : scale;
        int presetLatent = switch (scale) {
            case "small" -> 64;
            case "large" -> 128;
            default -> 48;
        };
        List<Integer> presetHidden = switch (scale) {
            case "small" -> List.of(64);
            case "large" -> List.of(128);
            default -> List.of();
        };
        latentDim = Checks.atLeast("latent_dim", latentDim == null ? presetLatent : latentDim, 1);
        hiddenDims = List.copyOf(hiddenDims == null ? presetHidden : hiddenDims);
        for (int h : hiddenDims) {
            Checks.atLeast("hidden_dims", h, 1);
        }
        heads = Checks.atLeast("heads", heads == null ? 4 : heads, 1);
        embeddingDim = Checks.atLeast("embedding_dim", embeddingDim == null ? 32 : embeddingDim, 1);
        dropout = Checks.probability("dropout", dropout == null ? 0.1 : dropout);
        convType = Checks.oneOf("conv_type", convType == null ? "gatv2" : convType, "gatv2");
        edgeDim = edgeDim == null ? 11 : edgeDim;
        if (edgeDim != 11) {
            throw dev.graphids.error.GraphidsException.usage("edge_dim: expected 11, found " + edgeDim);
        }
        batchNorm = batchNorm == null || batchNorm;
        mlpHidden = mlpHidden == null ? null : Checks.atLeast("mlp_hidden", mlpHidden, 1);
        learningRate = Checks.positive("lr", learningRate == null ? 3e-3 : learningRate);
        decay = Checks.nonNegative("weight_decay", decay == null ? 1e-4 : decay);
        maskRate = Checks.probability("mask_rate", maskRate == null ? 0.15 : maskRate);
        klWeight = Checks.nonNegative("kl_weight", klWeight == null ? 0.01 : klWeight);
        canidWeight = Checks.nonNegative("canid_weight", canidWeight == null ? 0.1 : canidWeight);
        nbrWeight = Checks.nonNegative("nbr_weight", nbrWeight == null ? 0.1 : nbrWeight);
        edgeWeight = Checks.nonNegative("edge_weight", edgeWeight == null ? 0.1 : edgeWeight);
        minCalibrationGraphs = Checks.atLeast("min_calibration_graphs",
                minCalibrationGraphs == null ? 100 : minCalibrationGraphs, 2);
        idFeatures = idFeatures == null || idFeatures;
        idHashEmbedding = idHashEmbedding != null && idHashEmbedding;
        scoreSamples = Checks.atLeast("score_samples", scoreSamples == null ? 1 : scoreSamples, 1);
        scoreNodes = Checks.oneOf("score_nodes", scoreNodes == null ? "masked" : scoreNodes, "masked", "all");
        scoreComponents = List.copyOf(scoreComponents == null ? COMPONENTS : scoreComponents);
        if (scoreComponents.isEmpty() || scoreComponents.stream().distinct().count() != scoreComponents.size()
                || !COMPONENTS.containsAll(scoreComponents)) {
            throw dev.graphids.error.GraphidsException.usage("score_components: expected distinct names out of "
                    + String.join(", ", COMPONENTS) + ", found " + scoreComponents);
        }
    }

    public static VgaeConfig of(String scale) {
        return new VgaeConfig(scale, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    public VgaeConfig withIdOptions(boolean features, boolean hash) {
        return new VgaeConfig(scale, latentDim, hiddenDims, heads, embeddingDim, dropout, convType, edgeDim,
                batchNorm, mlpHidden, learningRate, decay, maskRate, klWeight, canidWeight, nbrWeight, edgeWeight,
                minCalibrationGraphs, features, hash, scoreSamples, scoreNodes, scoreComponents);
    }

    public VgaeConfig withMinCalibrationGraphs(int n) {
        return new VgaeConfig(scale, latentDim, hiddenDims, heads, embeddingDim, dropout, convType, edgeDim,
                batchNorm, mlpHidden, learningRate, decay, maskRate, klWeight, canidWeight, nbrWeight, edgeWeight,
                n, idFeatures, idHashEmbedding, scoreSamples, scoreNodes, scoreComponents);
    }

    /** Encoder block widths (models.md §3.2): [] → [max(128, 2·latent), latent]; a trailing latent is dropped. */
    public List<Integer> encoderTargets() {
        List<Integer> t = new ArrayList<>(hiddenDims.isEmpty() ? List.of(Math.max(128, 2 * latentDim), latentDim)
                : hiddenDims);
        if (t.size() >= 2 && t.get(t.size() - 1).equals(latentDim)) {
            t.remove(t.size() - 1);
        }
        return t;
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
