package dev.graphids.fusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.Adam;
import dev.graphids.tensor.Engines;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fusers trained by gradient descent on the BCE of their attack probability (models.md §4.4): shuffled mini-batches
 * of the raw 18-dim state, probability clamped to [1e-7, 1 − 1e-7].
 */
abstract class SupervisedFusion extends FusionModel {
    SupervisedFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
    }

    /** The forward pass's outputs: the attack probability [B] and an auxiliary loss (or null). */
    record Forward(NDArray prob, NDArray aux, Map<String, NDArray> logged) {
    }

    abstract Forward forward(NDArray x, boolean training);

    @Override
    public Map<String, Double> trainEpoch(FusionData train, Adam optimizer, long seed, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        Map<String, Double> sums = new LinkedHashMap<>();
        double lossSum = 0;
        int b = config.batchSize();
        for (int from = 0; from < order.size(); from += b) {
            int[] idx = order.subList(from, Math.min(order.size(), from + b)).stream().mapToInt(Integer::intValue)
                    .toArray();
            try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = step.create(FusionData.rows(train.raw(), idx), new Shape(idx.length, StateLayout.DIM));
                NDArray y = step.create(FusionData.labelsOf(train.labels(), idx));
                try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                    Forward f = forward(x, true);
                    NDArray bce = bce(f.prob(), y);
                    NDArray loss = f.aux() == null ? bce : bce.add(f.aux());
                    double value = loss.getFloat();
                    if (!Double.isFinite(value)) {
                        throw new ArithmeticException(config.method() + ": non-finite training loss " + value);
                    }
                    gc.backward(loss);
                    lossSum += value * idx.length;
                    sums.merge("train/bce", (double) bce.getFloat() * idx.length, Double::sum);
                    f.logged().forEach((k, v) -> sums.merge("train/" + k, (double) v.getFloat() * idx.length,
                            Double::sum));
                }
                optimizer.step();
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", lossSum / Math.max(1, train.size()));
        sums.forEach((k, v) -> m.put(k, v / Math.max(1, train.size())));
        return m;
    }

    /** Mean binary cross-entropy of probabilities clamped to [1e-7, 1 − 1e-7]. */
    static NDArray bce(NDArray p, NDArray y) {
        NDArray pc = p.clip(1e-7f, 1 - 1e-7f);
        return y.mul(pc.log()).add(y.neg().add(1).mul(pc.neg().add(1).log())).mean().neg();
    }

    @Override
    public FusionOutput predict(FusionData data) {
        double[] score = new double[data.size()];
        Map<String, double[]> extra = new LinkedHashMap<>();
        int b = 16_384;
        for (int from = 0; from < data.size(); from += b) {
            int n = Math.min(data.size(), from + b) - from;
            try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                float[] rows = java.util.Arrays.copyOfRange(data.raw(), from * StateLayout.DIM,
                        (from + n) * StateLayout.DIM);
                float[] p = forward(step.create(rows, new Shape(n, StateLayout.DIM)), false).prob().toFloatArray();
                for (int i = 0; i < n; i++) {
                    score[from + i] = p[i];
                }
            }
        }
        return output(data, score);
    }

    /** Wraps the scores; fusers with a blend weight add α and the anomaly. */
    FusionOutput output(FusionData data, double[] score) {
        return new FusionOutput(score, null, null);
    }

    @Override
    public Map<String, Double> validationMetrics(FusionData val, FusionOutput out) {
        double sum = 0;
        for (int i = 0; i < val.size(); i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, out.score()[i]));
            sum -= val.labels()[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", sum / Math.max(1, val.size()));
        // The forward pass's own diagnostics (MoE gate entropy, expert usage, ...) on validation, as val/<name>.
        Map<String, Double> sums = new LinkedHashMap<>();
        int b = 16_384;
        for (int from = 0; from < val.size(); from += b) {
            int n = Math.min(val.size(), from + b) - from;
            try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                float[] rows = java.util.Arrays.copyOfRange(val.raw(), from * StateLayout.DIM,
                        (from + n) * StateLayout.DIM);
                forward(step.create(rows, new Shape(n, StateLayout.DIM)), false).logged().forEach((k, v) ->
                        sums.merge("val/" + k, (double) v.getFloat() * n, Double::sum));
            }
        }
        sums.forEach((k, v) -> m.put(k, v / Math.max(1, val.size())));
        return m;
    }
}
