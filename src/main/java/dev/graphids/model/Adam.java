package dev.graphids.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with {@code torch.optim.Adam} semantics (L2 weight decay added to the gradient, eps outside the bias
 * correction), plus optional global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_} does it
 * (scale all gradients by {@code max / (norm + 1e-6)} when the norm exceeds {@code max}). Written by hand because
 * DJL's {@code optClipGrad} is per-element and one-sided in the PyTorch engine and DJL's Adam puts eps inside the
 * bias correction (java-ecosystem.md §1.2, §1.4). After each step the gradients are zeroed (they accumulate across
 * {@code backward} calls otherwise).
 *
 * <p>State ({@code exp_avg.<name>}, {@code exp_avg_sq.<name>} and the step count) lives on its own manager and can
 * be exported with {@link #state()} for checkpoints.
 */
public final class Adam implements AutoCloseable {
    private final ParameterStore params;
    private final NDManager manager;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double clipNorm;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long steps;

    /**
     * @param clipNorm global gradient-norm limit; 0 or negative disables clipping (the plan era clipped GAT and VGAE
     *                 at 1.0, models.md §8.2)
     */
    public Adam(ParameterStore params, double lr, double weightDecay, double clipNorm) {
        this(params, lr, 0.9, 0.999, 1e-8, weightDecay, clipNorm);
    }

    public Adam(ParameterStore params, double lr, double beta1, double beta2, double eps, double weightDecay,
                double clipNorm) {
        this.params = params;
        this.manager = params.manager().newSubManager();
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        params.parameters().forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Optimizer steps taken. */
    public long steps() {
        return steps;
    }

    public double learningRate() {
        return lr;
    }

    /**
     * Clips, updates every parameter from its gradient and zeroes the gradients. A non-finite gradient norm updates
     * nothing (the gradients are zeroed and the step is not counted), so one bad batch cannot poison the weights.
     *
     * @return the global gradient norm before clipping (non-finite: the step was skipped)
     */
    public double step() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            List<NDArray> squares = new ArrayList<>();
            params.parameters().forEach((name, p) -> {
                NDArray g = p.getGradient();
                grads.put(name, g);
                squares.add(g.square().sum());
            });
            double norm = Math.sqrt(NDArrays.stack(new NDList(squares)).sum().getFloat());
            if (!Double.isFinite(norm)) {
                grads.values().forEach(Adam::zero);
                return norm;
            }
            double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
            steps++;
            double bc1 = 1 - Math.pow(beta1, steps);
            double bc2 = 1 - Math.pow(beta2, steps);
            double stepSize = lr / bc1;
            double sqrtBc2 = Math.sqrt(bc2);
            params.parameters().forEach((name, p) -> {
                NDArray g = grads.get(name);
                NDArray w = p.stopGradient(); // shares storage: in-place updates change the parameter
                NDArray ge = scale == 1.0 ? g : g.mul((float) scale);
                if (weightDecay != 0) {
                    ge = ge.add(w.mul((float) weightDecay));
                }
                NDArray mi = m.get(name);
                NDArray vi = v.get(name);
                mi.muli((float) beta1).addi(ge.mul((float) (1 - beta1)));
                vi.muli((float) beta2).addi(ge.square().muli((float) (1 - beta2)));
                NDArray denom = vi.sqrt().divi((float) sqrtBc2).addi((float) eps);
                w.subi(mi.div(denom).muli((float) stepSize));
                g.subi(g);
            });
            return norm;
        }
    }

    /** Zeroes every parameter's gradient without updating (e.g. after a skipped step). */
    public void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : params.parameters().values()) {
                zero(p.getGradient());
            }
        }
    }

    /** Optimizer state as named host arrays (moment estimates) plus the step count under {@code step}. */
    public Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("exp_avg." + k, a.toFloatArray()));
        v.forEach((k, a) -> out.put("exp_avg_sq." + k, a.toFloatArray()));
        out.put("step", new float[] {steps});
        return out;
    }

    /** Restores {@link #state()}. */
    public void loadState(Map<String, float[]> state) {
        m.forEach((k, a) -> a.set(java.nio.FloatBuffer.wrap(require(state, "exp_avg." + k))));
        v.forEach((k, a) -> a.set(java.nio.FloatBuffer.wrap(require(state, "exp_avg_sq." + k))));
        steps = (long) require(state, "step")[0];
    }

    private static float[] require(Map<String, float[]> state, String key) {
        float[] a = state.get(key);
        if (a == null) {
            throw new IllegalArgumentException("optimizer state lacks " + key);
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Sets a gradient to zero in place (also when it holds NaN or infinity, which {@code g − g} would keep). */
    private static void zero(NDArray g) {
        g.set(new NDIndex("..."), 0f);
    }
}
