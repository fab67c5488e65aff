package dev.graphids.fusion;

import dev.graphids.run.ConfigException;
import java.util.List;

/**
 * The RL fusers' rewards (models.md §4.6); the prediction they judge is the blended decision of
 * {@link DecisionRule} (Decision 3), not the original's "α > 0.5".
 *
 * <ul>
 *   <li>{@link #LEGACY} (the original's shaped reward): correct → {@code 3 + agreement + 0.5·c + 0.3·max(vgae_conf,
 *       gat_conf)}; wrong → {@code −3 − (1 − agreement) − 1.5·(fused if predicted attack else 1 − fused)}; always
 *       {@code + 0.3·(1 − 2|α − 0.5|)}. {@code agreement = 1 − |anomaly − gat_prob|}; {@code c = max(anomaly,
 *       gat_prob)} for attack labels, {@code 1 − max(...)} for benign ones.</li>
 *   <li>{@link #MINIMAL} (ADR 0012): TP +3, TN +1.5, FP −1.5, FN −6, plus {@code 0.3·gat_prob} on predicted
 *       attacks.</li>
 * </ul>
 */
public enum Reward {
    LEGACY(List.of("base", "agreement", "confidence", "disagreement", "overconfidence", "balance")),
    MINIMAL(List.of("outcome", "attack_bonus"));

    private final List<String> components;

    Reward(List<String> components) {
        this.components = components;
    }

    public String key() {
        return name().toLowerCase();
    }

    public static Reward parse(String text) {
        for (Reward r : values()) {
            if (r.key().equals(text)) {
                return r;
            }
        }
        throw new ConfigException("config.model.reward", "expected legacy or minimal, found '" + text + "'");
    }

    /** Names of the terms {@link #terms} returns (logged as {@code r_<name>}). */
    public List<String> components() {
        return components;
    }

    /** The reward of one decision: the sum of its {@link #terms}. */
    public double of(int label, double alpha, double anomaly, double gatProb, double vgaeConf, double gatConf) {
        double sum = 0;
        for (double t : terms(label, alpha, anomaly, gatProb, vgaeConf, gatConf)) {
            sum += t;
        }
        return sum;
    }

    /**
     * The reward's terms for one graph.
     *
     * @param label    1 = attack
     * @param alpha    the chosen blend weight
     * @param vgaeConf VGAE confidence clamped to [0, 1]
     * @param gatConf  GAT confidence clamped to [0, 1]
     */
    public double[] terms(int label, double alpha, double anomaly, double gatProb, double vgaeConf, double gatConf) {
        double fused = DecisionRule.fused(alpha, anomaly, gatProb);
        int pred = DecisionRule.decide(fused);
        if (this == MINIMAL) {
            double outcome = pred == 1 ? (label == 1 ? 3.0 : -1.5) : (label == 1 ? -6.0 : 1.5);
            return new double[] {outcome, pred == 1 ? 0.3 * gatProb : 0};
        }
        boolean correct = pred == label;
        double agreement = 1 - Math.abs(anomaly - gatProb);
        double top = Math.max(anomaly, gatProb);
        double c = label == 1 ? top : 1 - top;
        double balance = 0.3 * (1 - 2 * Math.abs(alpha - 0.5));
        if (correct) {
            return new double[] {3.0, agreement, 0.5 * c + 0.3 * Math.max(vgaeConf, gatConf), 0, 0, balance};
        }
        return new double[] {-3.0, 0, 0, -1.0 * (1 - agreement), -1.5 * (pred == 1 ? fused : 1 - fused), balance};
    }
}
