package dev.graphids.eval;

/**
 * Calibration of attack probabilities. Only meaningful for scores that are probabilities (a classifier's p(attack),
 * a fused score); threshold models such as {@code rate} or VGAE score on other scales, so an {@link Evaluator} does
 * not compute it on its own.
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * Binary expected calibration error with {@code bins} equal-width bins over [0, 1] (torchmetrics'
     * {@code BinaryCalibrationError}, L1 norm): {@code Σ_b (n_b / n) · |mean label_b − mean p_b|}, where a sample
     * with probability p falls in bin {@code min(floor(p · bins), bins − 1)}. NaN for an empty split.
     *
     * @throws IllegalArgumentException when a score lies outside [0, 1] or {@code bins < 1}
     */
    public static double expectedCalibrationError(LabelledScores s, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins: expected >= 1, found " + bins);
        }
        if (s.size() == 0) {
            return Double.NaN;
        }
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (int i = 0; i < s.size(); i++) {
            double p = s.scores()[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("score " + i + ": expected a probability in [0, 1], found " + p);
            }
            int b = Math.min((int) (p * bins), bins - 1);
            count[b]++;
            sumP[b] += p;
            sumY[b] += s.labels()[i];
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumY[b] - sumP[b]) / s.size(); // (n_b / n) · |Σy/n_b − Σp/n_b|
            }
        }
        return ece;
    }
}
