package dev.graphids.fusion;

/**
 * The one fusion decision rule (models.md Decision 3), used alike when RL fusers are rewarded during training and
 * when any fuser is evaluated: {@code fused = (1−α)·anomaly + α·gat_prob}, attack when {@code fused > 0.5}.
 */
public final class DecisionRule {
    /** The decision boundary on the fused score. */
    public static final double BOUNDARY = 0.5;
    /**
     * The same rule as a {@code score >= threshold} threshold (what predictions and the evaluator apply): the
     * smallest double above 0.5, so that a fused score of exactly 0.5 stays benign.
     */
    public static final double THRESHOLD = Math.nextUp(BOUNDARY);

    private DecisionRule() {
    }

    public static double fused(double alpha, double anomaly, double gatProb) {
        return (1 - alpha) * anomaly + alpha * gatProb;
    }

    /** 1 = attack. */
    public static int decide(double fused) {
        return fused > BOUNDARY ? 1 : 0;
    }
}
