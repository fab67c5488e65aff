package dev.graphids.cache;

/**
 * Per-column count, mean and sum of squared deviations (Welford), mergeable across files (Chan et al.), so that a
 * scaler over millions of rows is exact to double precision and needs no second pass.
 */
public final class RunningMoments {
    private final int columns;
    private long count;
    private final double[] mean;
    private final double[] m2;

    public RunningMoments(int columns) {
        this.columns = columns;
        this.mean = new double[columns];
        this.m2 = new double[columns];
    }

    /** Adds one row of {@code columns} values starting at {@code offset}. */
    public void add(float[] rows, int offset) {
        count++;
        for (int c = 0; c < columns; c++) {
            double x = rows[offset + c];
            double d = x - mean[c];
            mean[c] += d / count;
            m2[c] += d * (x - mean[c]);
        }
    }

    public void merge(RunningMoments other) {
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        for (int c = 0; c < columns; c++) {
            double d = other.mean[c] - mean[c];
            mean[c] += d * other.count / n;
            m2[c] += other.m2[c] + d * d * count * other.count / n;
        }
        count = n;
    }

    public long count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Population standard deviation (ddof 0), as the original scaler uses. */
    public double[] populationStd() {
        double[] out = new double[columns];
        for (int c = 0; c < columns; c++) {
            out[c] = count == 0 ? 0 : Math.sqrt(m2[c] / count);
        }
        return out;
    }
}
