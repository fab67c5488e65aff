package dev.graphids.fusion;

/** Dense symmetric positive-definite inverse (Gauss–Jordan with partial pivoting) for the bandit's ridge state. */
final class Ridge {
    private Ridge() {
    }

    static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] w = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, w[i], 0, n);
            w[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(w[r][c]) > Math.abs(w[p][c])) {
                    p = r;
                }
            }
            double[] t = w[c];
            w[c] = w[p];
            w[p] = t;
            double d = w[c][c];
            if (d == 0) {
                throw new ArithmeticException("singular ridge matrix");
            }
            for (int j = 0; j < 2 * n; j++) {
                w[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                double f = w[r][c];
                if (r == c || f == 0) {
                    continue;
                }
                for (int j = c; j < 2 * n; j++) {
                    w[r][j] -= f * w[c][j];
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(w[i], n, out[i], 0, n);
        }
        return out;
    }
}
