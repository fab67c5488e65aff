package dev.graphids.eval;

import java.util.Arrays;

/**
 * Every threshold of one split at once: the distinct scores in decreasing order and, for each, how many positives
 * (tp) and negatives (fp) score at or above it. The ranking metrics, curves and threshold rules are small functions
 * of this table (the precomputed context of Tribuo's metric functions).
 *
 * <p>Building it sorts the positive and the negative scores separately (primitive sorts, no boxing) and merges them,
 * so it costs O(n log n) time and O(n) memory.
 */
public final class ScoreSweep {
    private final double[] thresholds;
    private final long[] tp;
    private final long[] fp;
    private final long positives;
    private final long negatives;

    private ScoreSweep(double[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** The sweep of a split's scores. */
    public static ScoreSweep of(LabelledScores s) {
        int p = s.positives();
        double[] pos = new double[p];
        double[] neg = new double[s.size() - p];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.labels()[i] == 1) {
                pos[ip++] = s.scores()[i];
            } else {
                neg[in++] = s.scores()[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double[] thr = new double[s.size()];
        long[] tps = new long[s.size()];
        long[] fps = new long[s.size()];
        int k = 0;
        int i = pos.length - 1;
        int j = neg.length - 1;
        long t = 0;
        long f = 0;
        while (i >= 0 || j >= 0) {
            double v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == v) { // == also groups -0.0 with 0.0
                t++;
                i--;
            }
            while (j >= 0 && neg[j] == v) {
                f++;
                j--;
            }
            thr[k] = v;
            tps[k] = t;
            fps[k] = f;
            k++;
        }
        return new ScoreSweep(Arrays.copyOf(thr, k), Arrays.copyOf(tps, k), Arrays.copyOf(fps, k), p, neg.length);
    }

    /** The sweep of plain arrays (labels 0/1). */
    public static ScoreSweep of(int[] labels, double[] scores) {
        return of(LabelledScores.of(labels, scores));
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return negatives;
    }

    /** Number of distinct scores. */
    public int size() {
        return thresholds.length;
    }

    /** The k-th largest distinct score. */
    public double threshold(int k) {
        return thresholds[k];
    }

    /** Positives scoring at or above {@link #threshold(int) threshold(k)}. */
    public long truePositives(int k) {
        return tp[k];
    }

    /** Negatives scoring at or above {@link #threshold(int) threshold(k)}. */
    public long falsePositives(int k) {
        return fp[k];
    }

    /**
     * Exact area under the ROC curve: the probability that a random positive outscores a random negative, ties
     * counting one half (Mann–Whitney U / (P·N)). It equals the trapezoidal area of the ROC curve through every
     * distinct threshold (a tie group is a diagonal segment), which is how it is computed, in exact integer
     * arithmetic. NaN when the split lacks positives or negatives (a single-class split has no ROC).
     */
    public double auroc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        long twiceArea = 0; // Σ Δfp · (tp_k + tp_{k-1}): twice the area in units of (1/N)·(1/P)
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < thresholds.length; k++) {
            twiceArea += (fp[k] - prevFp) * (tp[k] + prevTp);
            prevTp = tp[k];
            prevFp = fp[k];
        }
        return twiceArea / (2.0 * positives * negatives);
    }

    /**
     * Average precision (AUPRC), scikit-learn's step-wise definition {@code Σ_k (R_k − R_{k−1}) · P_k} over the
     * distinct thresholds in decreasing order (no interpolation). NaN without positives; 1 without negatives.
     */
    public double averagePrecision() {
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long prevTp = 0;
        for (int k = 0; k < thresholds.length; k++) {
            if (tp[k] != prevTp) {
                ap += (double) (tp[k] - prevTp) / positives * ((double) tp[k] / (tp[k] + fp[k]));
                prevTp = tp[k];
            }
        }
        return ap;
    }

    /** The ROC curve through every distinct threshold. */
    public RocCurve roc() {
        int n = thresholds.length + 1;
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] thr = new double[n];
        thr[0] = Double.POSITIVE_INFINITY;
        for (int k = 0; k < thresholds.length; k++) {
            fpr[k + 1] = rate(fp[k], negatives);
            tpr[k + 1] = rate(tp[k], positives);
            thr[k + 1] = thresholds[k];
        }
        fpr[0] = negatives == 0 ? Double.NaN : 0;
        tpr[0] = positives == 0 ? Double.NaN : 0;
        return new RocCurve(fpr, tpr, thr);
    }

    /** The precision–recall curve through every distinct threshold. */
    public PrCurve pr() {
        int n = thresholds.length + 1;
        double[] recall = new double[n];
        double[] precision = new double[n];
        double[] thr = new double[n];
        thr[0] = Double.POSITIVE_INFINITY;
        recall[0] = positives == 0 ? Double.NaN : 0;
        precision[0] = 1;
        for (int k = 0; k < thresholds.length; k++) {
            recall[k + 1] = rate(tp[k], positives);
            precision[k + 1] = (double) tp[k] / (tp[k] + fp[k]);
            thr[k + 1] = thresholds[k];
        }
        return new PrCurve(recall, precision, thr);
    }

    /** The confusion counts of the decision {@code score >= threshold}. */
    public ConfusionMatrix at(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        // thresholds are decreasing: find the last k with thresholds[k] >= threshold
        int lo = 0;
        int hi = thresholds.length; // answer in [lo, hi): count of thresholds >= threshold
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] >= threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long t = lo == 0 ? 0 : tp[lo - 1];
        long f = lo == 0 ? 0 : fp[lo - 1];
        return new ConfusionMatrix(t, f, negatives - f, positives - t);
    }

    private static double rate(long count, long total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }
}
