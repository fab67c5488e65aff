package dev.graphids.fusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.Adam;
import dev.graphids.model.layer.Linear;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.layer.Scalars;
import dev.graphids.tensor.Engines;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bandit} (models.md §4.8, Neural-LinUCB): backbone {@code [Linear → LayerNorm → ReLU → Dropout] × 3} of
 * width 128 (36,224 parameters) gives z(s); each arm keeps ridge statistics {@code A = λI + Σ z zᵀ} and
 * {@code b = Σ r z}, {@code θ = A⁻¹ b}. Training picks {@code argmax θ_a·z + ucb_alpha·√(zᵀ A_a⁻¹ z)}, evaluation
 * {@code argmax θ_a·z}. The episode's statistics are added after acting, which equals the original's per-sample
 * Sherman–Morrison updates. Every {@code backbone_retrain_freq} episodes the backbone is fit for
 * {@code backbone_epochs} replay batches to {@code θ_a·z(s) ≈ r}; the ridge state is then rebuilt from the replay
 * buffer with the new features (the original reset it to λI, which leaves every arm tied until new episodes come).
 * The ridge state is saved with the weights as buffers {@code ridge.A}, {@code ridge.b}.
 */
final class BanditFusion extends RlFusion {
    static final int WIDTH = 128;
    private final List<Linear> layers = new ArrayList<>();
    private final List<NDArray[]> norms = new ArrayList<>();
    private final NDArray ridgeA;
    private final NDArray ridgeB;
    private double[][][] a;
    private double[][] b;
    private double[][][] aInv;
    private double[][] theta;
    private int episodes;
    /** Mean UCB width of the arms chosen in the last episode (logged). */
    private double lastWidth;
    /** Backbone features of the episode just acted on, added to the ridge state once rewarded. */
    private float[] pending;

    BanditFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        long in = StateLayout.DIM;
        for (int i = 0; i < 3; i++) {
            layers.add(new Linear(params, "backbone." + i + ".linear", in, WIDTH, true));
            norms.add(new NDArray[] {params.constant("backbone." + i + ".norm.weight", 1f, new Shape(WIDTH)),
                params.constant("backbone." + i + ".norm.bias", 0f, new Shape(WIDTH))});
            in = WIDTH;
        }
        ridgeA = params.buffer("ridge.A", new float[ARMS * WIDTH * WIDTH], new Shape(ARMS, WIDTH, WIDTH));
        ridgeB = params.buffer("ridge.b", new float[ARMS * WIDTH], new Shape(ARMS, WIDTH));
        resetRidge();
    }

    NDArray backbone(NDArray x, boolean training) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            NDArray mean = h.mean(new int[] {1}, true);
            NDArray centred = h.sub(mean);
            NDArray var = centred.square().mean(new int[] {1}, true);
            h = centred.div(var.add(1e-5f).sqrt()).mul(norms.get(i)[0]).add(norms.get(i)[1]);
            h = Nn.dropout(Activation.relu(h), config.dropout(), training);
        }
        return h;
    }

    /** Backbone features in evaluation mode, row-major [n, 128]. */
    float[] features(float[] obs, int n) {
        try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return backbone(step.create(obs, new Shape(n, StateLayout.DIM)), false).toFloatArray();
        }
    }

    private void resetRidge() {
        a = new double[ARMS][WIDTH][WIDTH];
        b = new double[ARMS][WIDTH];
        for (double[][] m : a) {
            for (int d = 0; d < WIDTH; d++) {
                m[d][d] = config.ridgeLambda();
            }
        }
        solve();
    }

    /** θ and A⁻¹ of every arm from A and b. */
    private void solve() {
        aInv = new double[ARMS][][];
        theta = new double[ARMS][WIDTH];
        for (int arm = 0; arm < ARMS; arm++) {
            aInv[arm] = Ridge.inverse(a[arm]);
            for (int i = 0; i < WIDTH; i++) {
                double s = 0;
                for (int j = 0; j < WIDTH; j++) {
                    s += aInv[arm][i][j] * b[arm][j];
                }
                theta[arm][i] = s;
            }
        }
    }

    private void accumulate(float[] z, int[] arms, double[] rewards) {
        for (int k = 0; k < arms.length; k++) {
            double[][] m = a[arms[k]];
            int o = k * WIDTH;
            for (int i = 0; i < WIDTH; i++) {
                double zi = z[o + i];
                if (zi == 0) {
                    continue; // ReLU features are often exactly 0
                }
                double[] row = m[i];
                for (int j = 0; j < WIDTH; j++) {
                    row[j] += zi * z[o + j];
                }
                b[arms[k]][i] += rewards[k] * zi;
            }
        }
    }

    @Override
    int[] act(float[] obs, int n, boolean explore) {
        float[] z = features(obs, n);
        double[][] width = explore && config.ucbAlpha() > 0 ? ucbWidths(z, n) : null;
        int[] arms = new int[n];
        double widthSum = 0;
        for (int k = 0; k < n; k++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int arm = 0; arm < ARMS; arm++) {
                double s = 0;
                for (int i = 0; i < WIDTH; i++) {
                    s += theta[arm][i] * z[k * WIDTH + i];
                }
                if (width != null) {
                    s += config.ucbAlpha() * width[arm][k];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = arm;
                }
            }
            arms[k] = best;
            widthSum += width == null ? 0 : width[best][k];
        }
        lastWidth = n == 0 ? 0 : widthSum / n;
        if (explore) {
            pending = z;
        }
        return arms;
    }

    /** √(zᵀ A_a⁻¹ z) for every arm and row, on the engine (21 matrix products of [n, 128] × [128, 128]). */
    private double[][] ucbWidths(float[] z, int n) {
        double[][] out = new double[ARMS][];
        try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray zs = step.create(z, new Shape(n, WIDTH));
            for (int arm = 0; arm < ARMS; arm++) {
                float[] inv = new float[WIDTH * WIDTH];
                for (int i = 0; i < WIDTH; i++) {
                    for (int j = 0; j < WIDTH; j++) {
                        inv[i * WIDTH + j] = (float) aInv[arm][i][j];
                    }
                }
                NDArray q = zs.matMul(step.create(inv, new Shape(WIDTH, WIDTH))).mul(zs).sum(new int[] {1});
                float[] v = Scalars.atLeast(q, 0).sqrt().toFloatArray();
                out[arm] = new double[n];
                for (int k = 0; k < n; k++) {
                    out[arm][k] = v[k];
                }
            }
        }
        return out;
    }

    @Override
    Map<String, Double> learn(Adam optimizer, int episodeSize) {
        // The episode's transitions are the last episodeSize entries of the buffer; their features are pending.
        int[] arms = new int[episodeSize];
        double[] rewards = new double[episodeSize];
        int[] recent = buffer.latest(episodeSize);
        for (int k = 0; k < episodeSize; k++) {
            arms[k] = buffer.action(recent[k]);
            rewards[k] = buffer.reward(recent[k]);
        }
        accumulate(pending, arms, rewards);
        pending = null;
        episodes++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("avg_ucb_width", lastWidth);
        if (episodes % config.backboneRetrainFreq() == 0 && config.backboneEpochs() > 0
                && buffer.size() >= config.batchSize()) {
            solve();
            m.put("loss", retrainBackbone(optimizer));
            rebuildRidge();
        } else {
            solve();
        }
        return m;
    }

    private double retrainBackbone(Adam optimizer) {
        float[] th = new float[ARMS * WIDTH];
        for (int arm = 0; arm < ARMS; arm++) {
            for (int i = 0; i < WIDTH; i++) {
                th[arm * WIDTH + i] = (float) theta[arm][i];
            }
        }
        double sum = 0;
        for (int s = 0; s < config.backboneEpochs(); s++) {
            ReplayBuffer.Batch batch = buffer.sampleBatch(config.batchSize(), random);
            try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = step.create(batch.observations(), new Shape(batch.size(), StateLayout.DIM));
                NDArray thetaT = step.create(th, new Shape(ARMS, WIDTH)).transpose();
                try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                    NDArray pred = backbone(x, true).matMul(thetaT).gather(step.create(batch.actions()).expandDims(1),
                            1).squeeze(1);
                    NDArray loss = pred.sub(step.create(batch.rewards())).square().mean();
                    sum += loss.getFloat();
                    gc.backward(loss);
                }
                optimizer.step();
            }
        }
        return sum / config.backboneEpochs();
    }

    /** A = λI + Σ z zᵀ, b = Σ r z over the replay buffer with the current backbone. */
    private void rebuildRidge() {
        a = new double[ARMS][WIDTH][WIDTH];
        b = new double[ARMS][WIDTH];
        for (double[][] m : a) {
            for (int d = 0; d < WIDTH; d++) {
                m[d][d] = config.ridgeLambda();
            }
        }
        int chunk = 8192;
        for (int from = 0; from < buffer.size(); from += chunk) {
            int n = Math.min(buffer.size(), from + chunk) - from;
            int[] idx = new int[n];
            int[] arms = new int[n];
            double[] rewards = new double[n];
            for (int k = 0; k < n; k++) {
                idx[k] = from + k;
                arms[k] = buffer.action(from + k);
                rewards[k] = buffer.reward(from + k);
            }
            accumulate(features(buffer.observations(idx), n), arms, rewards);
        }
        solve();
    }

    @Override
    public void beforeSave() {
        float[] af = new float[ARMS * WIDTH * WIDTH];
        float[] bf = new float[ARMS * WIDTH];
        for (int arm = 0; arm < ARMS; arm++) {
            for (int i = 0; i < WIDTH; i++) {
                bf[arm * WIDTH + i] = (float) b[arm][i];
                for (int j = 0; j < WIDTH; j++) {
                    af[(arm * WIDTH + i) * WIDTH + j] = (float) a[arm][i][j];
                }
            }
        }
        ridgeA.set(FloatBuffer.wrap(af));
        ridgeB.set(FloatBuffer.wrap(bf));
    }

    @Override
    public void afterLoad() {
        float[] af = ridgeA.toFloatArray();
        float[] bf = ridgeB.toFloatArray();
        for (int arm = 0; arm < ARMS; arm++) {
            for (int i = 0; i < WIDTH; i++) {
                b[arm][i] = bf[arm * WIDTH + i];
                for (int j = 0; j < WIDTH; j++) {
                    a[arm][i][j] = af[(arm * WIDTH + i) * WIDTH + j];
                }
            }
        }
        solve();
    }
}
