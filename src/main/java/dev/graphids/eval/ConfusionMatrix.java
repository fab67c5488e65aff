package dev.graphids.eval;

/**
 * Counts of a binary decision (attack = positive) and the metrics derived from them.
 *
 * <p>Zero denominators: precision, recall, F1 (of either class), specificity and MCC follow scikit-learn's
 * {@code zero_division=0} convention and give 0; FPR and FNR are NaN when the split has no negatives or no positives
 * respectively (the rate is undefined, not 0 or 1); accuracy of an empty split is NaN; balanced accuracy averages the
 * recalls of the classes present (scikit-learn), NaN for an empty split.
 */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {
    public ConfusionMatrix {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("negative count: tp " + tp + ", fp " + fp + ", tn " + tn + ", fn " + fn);
        }
    }

    /** The counts of {@code score >= threshold} over the split, in one pass. */
    public static ConfusionMatrix of(LabelledScores s, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < s.size(); i++) {
            boolean attack = s.scores()[i] >= threshold;
            if (s.labels()[i] == 1) {
                if (attack) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (attack) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    public long positives() {
        return tp + fn;
    }

    public long negatives() {
        return tn + fp;
    }

    public double accuracy() {
        return total() == 0 ? Double.NaN : (double) (tp + tn) / total();
    }

    /** Precision of the attack class: tp / (tp + fp). */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** Recall of the attack class (TPR): tp / (tp + fn). */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** F1 of the attack class: 2tp / (2tp + fp + fn). */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** Precision of the benign class: tn / (tn + fn). */
    public double precisionBenign() {
        return ratio(tn, tn + fn);
    }

    /** Specificity = recall of the benign class (TNR): tn / (tn + fp). */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    /** F1 of the benign class: 2tn / (2tn + fn + fp). */
    public double f1Benign() {
        return ratio(2 * tn, 2 * tn + fn + fp);
    }

    /** Unweighted mean of the two classes' F1 (scikit-learn {@code average="macro"} with labels [0, 1]). */
    public double f1Macro() {
        return (f1() + f1Benign()) / 2;
    }

    public double precisionMacro() {
        return (precision() + precisionBenign()) / 2;
    }

    public double recallMacro() {
        return (recall() + specificity()) / 2;
    }

    /** False-positive rate fp / (fp + tn); NaN without negatives. */
    public double fpr() {
        return negatives() == 0 ? Double.NaN : (double) fp / negatives();
    }

    /** False-negative rate fn / (fn + tp); NaN without positives. */
    public double fnr() {
        return positives() == 0 ? Double.NaN : (double) fn / positives();
    }

    /** Mean recall of the classes present; NaN for an empty split. */
    public double balancedAccuracy() {
        if (positives() > 0 && negatives() > 0) {
            return (recall() + specificity()) / 2;
        }
        return positives() > 0 ? recall() : negatives() > 0 ? specificity() : Double.NaN;
    }

    /** Matthews correlation coefficient; 0 when any marginal is empty (scikit-learn). */
    public double mcc() {
        double denom = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return denom == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / denom;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
