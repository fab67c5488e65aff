package dev.graphids.model.vgae;

import ai.djl.ndarray.NDArray;
import dev.graphids.model.layer.Scalars;

/**
 * The GAD-NR neighbourhood loss (models.md §3.3): fit one Gaussian to the predictions P and one to the targets T
 * (rows weighted 0/1 by the node mask: sample mean, covariance with denominator max(N−1, 1), plus identity) and
 * return {@code KL(N_P ‖ N_T) = 0.5·(log det Σ_T − log det Σ_P − d + tr(Σ_T⁻¹ Σ_P) + Δμᵀ Σ_T⁻¹ Δμ)}.
 *
 * <p>DJL has no determinant: log det is computed on the host by Cholesky in double precision and enters the graph
 * through the surrogate {@code c + tr(A₀⁻¹ A) − tr(A₀⁻¹ A₀)} (A₀ = A detached), whose value is c and whose gradient
 * is {@code A⁻ᵀ}, the exact gradient of log det.
 */
final class GaussianFit {
    private GaussianFit() {
    }

    /** p, t [M, d]; w [M] 0/1 weights; count = Σw. */
    static NDArray klLoss(NDArray p, NDArray t, NDArray w, long count) {
        long d = p.getShape().get(1);
        NDArray[] sp = moments(p, w, count);
        NDArray[] st = moments(t, w, count);
        NDArray invT = st[1].inverse();
        NDArray dmu = st[0].sub(sp[0]).expandDims(1); // [d, 1]
        NDArray trace = invT.matMul(sp[1]).diagonal().sum();
        NDArray quad = dmu.transpose().matMul(invT).matMul(dmu).reshape(1).sum();
        NDArray logdetT = logdet(st[1], invT);
        NDArray logdetP = logdet(sp[1], null);
        return Scalars.times(logdetT.sub(logdetP).sub((float) d).add(trace).add(quad), 0.5);
    }

    /** {mean [d], covariance [d, d]}. */
    private static NDArray[] moments(NDArray x, NDArray w, long count) {
        long d = x.getShape().get(1);
        NDArray wc = w.expandDims(1);
        NDArray mean = Scalars.dividedBy(x.mul(wc).sum(new int[] {0}), Math.max(count, 1));
        NDArray centred = x.sub(mean).mul(wc);
        NDArray cov = Scalars.dividedBy(centred.transpose().matMul(centred), Math.max(count - 1, 1));
        NDArray eye = x.getManager().eye((int) d);
        return new NDArray[] {mean, cov.add(eye)};
    }

    private static NDArray logdet(NDArray a, NDArray inverse) {
        NDArray a0 = a.stopGradient();
        double value = choleskyLogdet(a0.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
                (int) a.getShape().get(0));
        NDArray inv0 = (inverse == null ? a0.inverse() : inverse).stopGradient();
        NDArray surrogate = inv0.transpose().mul(a).sum().sub(inv0.transpose().mul(a0).sum());
        return surrogate.add((float) value);
    }

    static double choleskyLogdet(double[] a, int n) {
        double[] l = new double[n * n];
        double logdet = 0;
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * n + k] * l[j * n + k];
            }
            if (!(s > 0)) {
                throw new ArithmeticException("covariance is not positive definite");
            }
            double ljj = Math.sqrt(s);
            l[j * n + j] = ljj;
            logdet += 2 * Math.log(ljj);
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = t / ljj;
            }
        }
        return logdet;
    }
}
