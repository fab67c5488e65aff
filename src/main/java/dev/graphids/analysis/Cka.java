package dev.graphids.analysis;

/**
 * Linear CKA between two representations of the same n samples, exactly as the original computes it (runtime.md
 * §8.5): columns centred, {@code K = XcXcᵀ}, {@code L = YcYcᵀ},
 * {@code HSIC(K, L) = [tr(KL) + 1ᵀK1·1ᵀL1/((n−1)(n−2)) − 2·1ᵀKL1/(n−2)] / (n(n−3))} with the diagonals of K and L
 * <b>not</b> zeroed, and {@code CKA = HSIC(K, L) / √(HSIC(K, K)·HSIC(L, L))}, 0 when that product is ≤ 0. The Gram
 * matrices are n×n, so callers cap n (500 graphs by default).
 */
public final class Cka {
    private Cka() {
    }

    /**
     * @param x [n][p] one row per sample
     * @param y [n][q] the same samples, in the same order
     * @throws IllegalArgumentException when the row counts differ or n &lt; 4 (the estimator divides by n−3)
     */
    public static double linear(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("CKA needs the same samples on both sides, found " + x.length
                    + " and " + y.length + " rows");
        }
        if (x.length < 4) {
            throw new IllegalArgumentException("CKA needs at least 4 samples (its HSIC divides by n−3), found "
                    + x.length);
        }
        double[][] k = gram(centred(x));
        double[][] l = gram(centred(y));
        double kl = hsic(k, l);
        double denominator = hsic(k, k) * hsic(l, l);
        return denominator <= 0 ? 0 : kl / Math.sqrt(denominator);
    }

    /** The "unbiased" HSIC of the original, diagonals kept. */
    static double hsic(double[][] k, double[][] l) {
        int n = k.length;
        double trace = 0;
        double sumK = 0;
        double sumL = 0;
        double sumKL = 0; // 1ᵀKL1 = Σ_j (Σ_i K_ij)(Σ_m L_jm)
        double[] colK = new double[n];
        double[] rowL = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                trace += k[i][j] * l[j][i];
                sumK += k[i][j];
                sumL += l[i][j];
                colK[j] += k[i][j];
                rowL[i] += l[i][j];
            }
        }
        for (int j = 0; j < n; j++) {
            sumKL += colK[j] * rowL[j];
        }
        return (trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 * sumKL / (n - 2.0)) / (n * (n - 3.0));
    }

    static double[][] centred(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                out[i][j] = x[i][j] - mean[j];
            }
        }
        return out;
    }

    static double[][] gram(double[][] x) {
        int n = x.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    s += x[i][c] * x[j][c];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }
}
