package dev.graphids.analysis;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Exact principal component analysis: the sample covariance (divided by n−1) of the centred rows is diagonalised
 * with the cyclic Jacobi eigenvalue method (no linear-algebra library on Java 17 worth the dependency for d ≤ a few
 * hundred). Components are ordered by decreasing variance; each is signed so that its largest-magnitude entry is
 * positive, so the projection is deterministic.
 *
 * @param components        [k][d] unit eigenvectors
 * @param explainedVariance [k] their eigenvalues (variance along each component)
 * @param totalVariance     the trace of the covariance
 * @param projection        [n][k] the centred rows projected on the components
 */
public record Pca(double[][] components, double[] explainedVariance, double totalVariance, double[][] projection) {

    /** The first {@code k} components of {@code rows} [n][d] (k is capped at d). */
    public static Pca fit(double[][] rows, int k) {
        int n = rows.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 samples, found " + n);
        }
        int d = rows[0].length;
        k = Math.min(k, d);
        double[][] c = Cka.centred(rows);
        double[][] cov = new double[d][d];
        for (double[] r : c) {
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] += r[i] * r[j] / (n - 1);
                }
            }
        }
        double total = 0;
        for (int i = 0; i < d; i++) {
            total += cov[i][i];
            for (int j = 0; j < i; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        double[][] vectors = jacobi(cov); // cov now holds the eigenvalues on its diagonal
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -cov[i][i]));
        double[][] comps = new double[k][d];
        double[] variance = new double[k];
        for (int m = 0; m < k; m++) {
            int col = order[m];
            variance[m] = Math.max(cov[col][col], 0);
            int biggest = 0;
            for (int i = 0; i < d; i++) {
                comps[m][i] = vectors[i][col];
                if (Math.abs(comps[m][i]) > Math.abs(comps[m][biggest]) + 1e-12) {
                    biggest = i;
                }
            }
            if (comps[m][biggest] < 0) {
                for (int i = 0; i < d; i++) {
                    comps[m][i] = -comps[m][i];
                }
            }
        }
        double[][] proj = new double[n][k];
        for (int r = 0; r < n; r++) {
            for (int m = 0; m < k; m++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += c[r][i] * comps[m][i];
                }
                proj[r][m] = s;
            }
        }
        return new Pca(comps, variance, total, proj);
    }

    /** Share of the total variance that component {@code m} explains (0 when the data has no variance). */
    public double explainedRatio(int m) {
        return totalVariance <= 0 ? 0 : explainedVariance[m] / totalVariance;
    }

    /**
     * Cyclic Jacobi rotations until the off-diagonal mass is negligible; {@code a} is overwritten (eigenvalues end on
     * its diagonal) and the eigenvectors are returned as columns.
     */
    static double[][] jacobi(double[][] a) {
        int d = a.length;
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double scale = 0;
            for (int i = 0; i < d; i++) {
                scale += a[i][i] * a[i][i];
                for (int j = i + 1; j < d; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(scale, 1e-300) || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cos = 1 / Math.sqrt(t * t + 1);
                    double sin = t * cos;
                    for (int r = 0; r < d; r++) { // A ← A·J
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = cos * arp - sin * arq;
                        a[r][q] = sin * arp + cos * arq;
                    }
                    for (int r = 0; r < d; r++) { // A ← Jᵀ·A
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = cos * apr - sin * aqr;
                        a[q][r] = sin * apr + cos * aqr;
                    }
                    for (int r = 0; r < d; r++) {
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = cos * vrp - sin * vrq;
                        v[r][q] = sin * vrp + cos * vrq;
                    }
                }
            }
        }
        return v;
    }
}
