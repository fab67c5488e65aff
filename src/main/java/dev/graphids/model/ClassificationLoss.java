package dev.graphids.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.layer.Scalars;
import java.util.List;

/**
 * Classification losses of models.md §7: {@code ce} (mean cross-entropy), {@code weighted_ce} (class-weighted, mean
 * normalised by the weights of the targets as PyTorch does; default weights (1, 5)) and {@code focal}
 * ({@code (1 − p_t)^γ · CE}, no α, γ default 2, mean).
 */
public record ClassificationLoss(@JsonProperty("type") String type, @JsonProperty("gamma") Double gamma,
                                 @JsonProperty("weights") List<Double> weights) {
    public ClassificationLoss {
        type = Checks.oneOf("loss.type", type == null ? "ce" : type, "ce", "weighted_ce", "focal");
        gamma = Checks.nonNegative("loss.gamma", gamma == null ? 2.0 : gamma);
        weights = List.copyOf(weights == null ? List.of(1.0, 5.0) : weights);
        for (double w : weights) {
            Checks.nonNegative("loss.weights", w);
        }
    }

    public static ClassificationLoss ce() {
        return new ClassificationLoss("ce", null, null);
    }

    /** logits [B, K], labels [B] int64 → scalar. */
    public NDArray apply(NDArray logits, NDArray labels) {
        NDArray perGraph = perGraph(logits, labels);
        if (type.equals("weighted_ce")) {
            return perGraph.sum().div(classWeights(labels).sum());
        }
        return perGraph.mean();
    }

    /**
     * The curriculum reduction (models.md §6.3): {@code Σ w·ℓ / max(Σ w, 1)} over per-graph losses ℓ (reduction
     * none, so weighted CE contributes {@code w_y·CE}).
     *
     * @param sampleWeights [B] per-graph weights, or null for the plain reduction of {@link #apply}
     */
    public NDArray apply(NDArray logits, NDArray labels, NDArray sampleWeights) {
        if (sampleWeights == null) {
            return apply(logits, labels);
        }
        return perGraph(logits, labels).mul(sampleWeights).sum().div(Scalars.atLeast(sampleWeights.sum(), 1));
    }

    /** Unreduced per-graph loss [B]. */
    private NDArray perGraph(NDArray logits, NDArray labels) {
        NDArray ce = Nn.crossEntropy(logits, labels);
        return switch (type) {
            case "focal" -> Scalars.power(ce.neg().exp().neg().add(1), gamma).mul(ce);
            case "weighted_ce" -> ce.mul(classWeights(labels));
            default -> ce;
        };
    }

    private NDArray classWeights(NDArray labels) {
        float[] w = new float[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i).floatValue();
        }
        return labels.getManager().create(w).get(labels);
    }
}
