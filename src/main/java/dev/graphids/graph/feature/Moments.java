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
        return m2 == 0 ? Double.NaN : m3 / Math.pow(m2, 1.5);
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
