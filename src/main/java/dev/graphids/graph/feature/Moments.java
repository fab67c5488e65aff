package dev.graphids.graph.feature;

/**
 * Sample statistics over the first {@code k} values of a double array, as the original's polars expressions compute
 * them (spec §3.3). Undefined results (a single value for a sample std, a zero variance for skewness or kurtosis)
 * are reported as NaN; callers turn NaN into 0 as the spec requires.
 */
public final class Moments {

    /** The clip bound for skewness and kurtosis (spec §3.3). */
    public static final double CLIP = 10.0;

    private Moments() {
    }

    /** Arithmetic mean of {@code v[0..k)}; NaN when k = 0. */
    public static double mean(double[] v, int k) {
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += v[j];
        }
        return s / k;
    }

    /** Sample standard deviation (ddof = 1) of {@code v[0..k)} around {@code mean}; NaN when k &lt; 2. */
    public static double sampleStd(double[] v, int k, double mean) {
        if (k < 2) {
            return Double.NaN;
        }
        double s2 = 0;
        for (int j = 0; j < k; j++) {
            double d = v[j] - mean;
            s2 += d * d;
        }
        return Math.sqrt(s2 / (k - 1));
    }

    /** Population standard deviation (ddof = 0) of {@code v[0..k)} around {@code mean}; NaN when k = 0. */
    public static double populationStd(double[] v, int k, double mean) {
        double s2 = 0;
        for (int j = 0; j < k; j++) {
            double d = v[j] - mean;
            s2 += d * d;
        }
        return Math.sqrt(s2 / k);
    }

    /** Biased (population) skewness m3 / m2^1.5 of {@code v[0..k)}; NaN when m2 = 0 (a constant or single value). */
    public static double biasedSkewness(double[] v, int k, double mean) {
        double m2 = 0;
        double m3 = 0;
        for (int j = 0; j < k; j++) {
            double d = v[j] - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
        }
        m2 /= k;
        m3 /= k;
        return m2 == 0 ? Double.NaN : m3 / (m2 * Math.sqrt(m2));
    }

    /** Biased Fisher excess kurtosis m4 / m2² − 3 of {@code v[0..k)}; NaN when m2 = 0. Two distinct values give −2. */
    public static double biasedExcessKurtosis(double[] v, int k, double mean) {
        double m2 = 0;
        double m4 = 0;
        for (int j = 0; j < k; j++) {
            double d = v[j] - mean;
            double d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
        }
        m2 /= k;
        m4 /= k;
        return m2 == 0 ? Double.NaN : m4 / (m2 * m2) - 3.0;
    }

    /** Index of the mean in {@link #summarize}'s output. */
    public static final int MEAN = 0;
    /** Index of the sample std (ddof = 1). */
    public static final int SAMPLE_STD = 1;
    /** Index of max − min. */
    public static final int RANGE = 2;
    /** Index of the biased skewness. */
    public static final int SKEWNESS = 3;
    /** Index of the biased excess kurtosis. */
    public static final int KURTOSIS = 4;

    /**
     * All five statistics of {@code v[0..k)} (k ≥ 1) in two passes, for the hot path: {@code out[MEAN]},
     * {@code out[SAMPLE_STD]}, {@code out[RANGE]}, {@code out[SKEWNESS]}, {@code out[KURTOSIS]}, with the same NaN
     * conventions as the single-statistic methods.
     */
    public static void summarize(double[] v, int k, double[] out) {
        double sum = 0;
        double lo = v[0];
        double hi = v[0];
        for (int j = 0; j < k; j++) {
            double x = v[j];
            sum += x;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double mean = sum / k;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (int j = 0; j < k; j++) {
            double d = v[j] - mean;
            double d2 = d * d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
        }
        double m2 = s2 / k;
        out[MEAN] = mean;
        out[SAMPLE_STD] = k < 2 ? Double.NaN : Math.sqrt(s2 / (k - 1));
        out[RANGE] = hi - lo;
        out[SKEWNESS] = m2 == 0 ? Double.NaN : (s3 / k) / (m2 * Math.sqrt(m2));
        out[KURTOSIS] = m2 == 0 ? Double.NaN : (s4 / k) / (m2 * m2) - 3.0;
    }

    /** max − min of {@code v[0..k)}; NaN when k = 0. */
    public static double range(double[] v, int k) {
        if (k == 0) {
            return Double.NaN;
        }
        double lo = v[0];
        double hi = v[0];
        for (int j = 1; j < k; j++) {
            lo = Math.min(lo, v[j]);
            hi = Math.max(hi, v[j]);
        }
        return hi - lo;
    }

    /** NaN → 0, then clipped to [−{@link #CLIP}, {@link #CLIP}] (the order of spec §3.3). */
    public static double zeroNanThenClip(double x) {
        if (Double.isNaN(x)) {
            return 0;
        }
        return Math.max(-CLIP, Math.min(CLIP, x));
    }

    /** NaN → 0 (the original fills every null and NaN with 0 after aggregation). */
    public static double zeroNan(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
