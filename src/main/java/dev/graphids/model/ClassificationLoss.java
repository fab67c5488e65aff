package dev.graphids.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.model.layer.Nn;
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
        NDArray ce = Nn.crossEntropy(logits, labels);
        switch (type) {
            case "focal" -> {
                NDArray pt = ce.neg().exp();
                return pt.neg().add(1).pow(gamma.floatValue()).mul(ce).mean();
            }
            case "weighted_ce" -> {
                float[] w = new float[weights.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = weights.get(i).floatValue();
                }
                NDArray wy = labels.getManager().create(w).get(labels);
                return ce.mul(wy).sum().div(wy.sum());
            }
            default -> {
                return ce.mean();
            }
        }
    }
}
