package dev.graphids.detect;

/**
 * Quantiles of window latencies in constant memory: log-spaced buckets 2 % wide from 1 µs to about 10⁴ s, so a
 * quantile is off by at most 2 % however long the stream runs.
 */
final class LatencyHistogram {
    private static final double GROWTH = 1.02;
    private static final double MIN_NANOS = 1_000;
    private final long[] counts = new long[1200];
    private long total;

    void add(long nanos) {
        int b = nanos <= MIN_NANOS ? 0 : (int) Math.min(counts.length - 1,
                Math.ceil(Math.log(nanos / MIN_NANOS) / Math.log(GROWTH)));
        counts[b]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The q-quantile (0 < q ≤ 1) in milliseconds (a bucket's upper edge), or NaN when empty. */
    double quantileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return MIN_NANOS * Math.pow(GROWTH, b) / 1e6;
            }
        }
        return MIN_NANOS * Math.pow(GROWTH, counts.length - 1) / 1e6;
    }
}
