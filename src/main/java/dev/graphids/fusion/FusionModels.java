package dev.graphids.fusion;

import ai.djl.ndarray.NDManager;
import dev.graphids.eval.Evaluator;
import dev.graphids.eval.LabelledScores;

/** Builds a fuser of the configured method with freshly initialised parameters, and the rule that thresholds it. */
public final class FusionModels {
    private FusionModels() {
    }

    public static FusionModel create(FusionConfig config, NDManager parent, long seed) {
        return switch (config.method()) {
            case "weighted_avg" -> new WeightedAvgFusion(config, parent, seed);
            case "mlp" -> new MlpFusion(config, parent, seed);
            case "moe" -> new MoeFusion(config, parent, seed);
            case "dqn" -> new DqnFusion(config, parent, seed);
            case "bandit" -> new BanditFusion(config, parent, seed);
            case "max_sigma" -> new MaxSigmaFusion(config, parent, seed);
            default -> throw new IllegalArgumentException("unknown fusion method " + config.method());
        };
    }

    /**
     * RL fusers decide with the rule their rewards were computed with (fused &gt; 0.5, Decision 3); supervised fusers
     * are probabilistic classifiers like the GAT, so their threshold is chosen on fusion-val (best F1) — at 0.5 a
     * fuser fit on imbalanced fusion-train graphs calls nearly everything benign (0.5 remains the fallback when
     * fusion-val holds one class only). Operating points on fusion-val.
     */
    public static Evaluator evaluator(LabelledScores val, FusionConfig config) {
        Evaluator onValidation = Evaluator.chooseOnValidation(val);
        // A fusion-val of one class (tiny datasets) gives no F1 to maximise: the rule's boundary is the fallback.
        boolean chosen = !config.isRl() && !Double.isNaN(onValidation.threshold());
        return chosen ? onValidation : new Evaluator(DecisionRule.THRESHOLD, onValidation.operatingPoints());
    }
}
