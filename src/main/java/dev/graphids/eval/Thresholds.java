package dev.graphids.eval;

/**
 * Decision-threshold rules. They are meant for the validation split only (models.md Decision 2): the threshold a
 * model is tested with is chosen before the test data is seen. Each returns one of the split's own scores (the
 * decision is {@code score >= threshold}), {@code +∞} where flagging nothing is the rule's answer, or NaN where the
 * rule is undefined for the split (a class is missing); an {@link Evaluator} given a NaN threshold reports every
 * threshold metric as NaN.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * The threshold with the largest F1 of the attack class; on a tie, the highest such threshold. NaN without
     * positives.
     */
    public static double bestF1(LabelledScores s) {
        ScoreSweep sweep = ScoreSweep.of(s);
        if (sweep.positives() == 0) {
            return Double.NaN;
        }
        double best = -1;
        double threshold = Double.NaN;
        for (int k = 0; k < sweep.size(); k++) {
            long tp = sweep.truePositives(k);
            double f1 = 2.0 * tp / (tp + sweep.positives() + sweep.falsePositives(k));
            if (f1 > best) {
                best = f1;
                threshold = sweep.threshold(k);
            }
        }
        return threshold;
    }

    public static double bestF1(int[] labels, double[] scores) {
        return bestF1(LabelledScores.of(labels, scores));
    }

    /**
     * The lowest threshold whose false-positive rate on the split is at most {@code targetFpr}: the most attacks
     * caught within the false-alarm budget. {@code +∞} when even the highest score group exceeds the budget; NaN
     * without negatives.
     */
    public static double atFpr(LabelledScores s, double targetFpr) {
        if (!(targetFpr >= 0 && targetFpr <= 1)) {
            throw new IllegalArgumentException("target FPR: expected 0..1, found " + targetFpr);
        }
        ScoreSweep sweep = ScoreSweep.of(s);
        if (sweep.negatives() == 0) {
            return Double.NaN;
        }
        double threshold = Double.POSITIVE_INFINITY;
        for (int k = 0; k < sweep.size(); k++) {
            if ((double) sweep.falsePositives(k) / sweep.negatives() > targetFpr) {
                break; // fp only grows as the threshold falls
            }
            threshold = sweep.threshold(k);
        }
        return threshold;
    }

    public static double atFpr(int[] labels, double[] scores, double targetFpr) {
        return atFpr(LabelledScores.of(labels, scores), targetFpr);
    }

    /** The threshold maximising Youden's J = TPR − FPR; on a tie, the highest. NaN when a class is missing. */
    public static double youden(LabelledScores s) {
        ScoreSweep sweep = ScoreSweep.of(s);
        if (sweep.positives() == 0 || sweep.negatives() == 0) {
            return Double.NaN;
        }
        double best = Double.NEGATIVE_INFINITY;
        double threshold = Double.NaN;
        for (int k = 0; k < sweep.size(); k++) {
            double j = (double) sweep.truePositives(k) / sweep.positives()
                    - (double) sweep.falsePositives(k) / sweep.negatives();
            if (j > best) {
                best = j;
                threshold = sweep.threshold(k);
            }
        }
        return threshold;
    }

    public static double youden(int[] labels, double[] scores) {
        return youden(LabelledScores.of(labels, scores));
    }
}
