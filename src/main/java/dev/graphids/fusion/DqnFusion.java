package dev.graphids.fusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.Adam;
import dev.graphids.model.layer.Mlp;
import dev.graphids.model.layer.Scalars;
import dev.graphids.tensor.Engines;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dqn} (models.md §4.7): Q-network {@code 18 → 128 → 128 → 128 → 21} (ReLU; 38,165 parameters), ε-greedy
 * exploration annealed linearly from {@code epsilon_start} to {@code epsilon_end} over {@code epsilon_anneal_steps}
 * frames (stepped by the episode's size, so after the first episode with the defaults), Huber loss of Q(s, a)
 * against the reward, {@code gradient_steps} steps per episode on replay batches. With γ = 0 each graph is a
 * one-step episode and the target is the reward itself, so no target network is kept (the original's Polyak target
 * never entered the loss).
 */
final class DqnFusion extends RlFusion {
    private final Mlp q;
    private long frames;

    DqnFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        q = new Mlp(params, "q_net", 0, StateLayout.DIM, 128, 128, 128, ARMS);
    }

    double epsilon() {
        double t = Math.min(1.0, frames / (double) config.epsilonAnnealSteps());
        return config.epsilonStart() + (config.epsilonEnd() - config.epsilonStart()) * t;
    }

    /** Q-values, row-major [n, 21]. */
    float[] qValues(float[] obs, int n) {
        try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return q.forward(step.create(obs, new Shape(n, StateLayout.DIM)), false).toFloatArray();
        }
    }

    @Override
    int[] act(float[] obs, int n, boolean explore) {
        float[] qv = qValues(obs, n);
        double eps = epsilon();
        int[] arms = new int[n];
        for (int i = 0; i < n; i++) {
            if (explore && random.nextDouble() < eps) {
                arms[i] = random.nextInt(ARMS);
            } else {
                int best = 0;
                for (int a = 1; a < ARMS; a++) {
                    if (qv[i * ARMS + a] > qv[i * ARMS + best]) {
                        best = a;
                    }
                }
                arms[i] = best;
            }
        }
        return arms;
    }

    @Override
    Map<String, Double> learn(Adam optimizer, int episodeSize) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", epsilon());
        frames += episodeSize;
        if (buffer.size() < config.batchSize()) {
            return m;
        }
        double lossSum = 0;
        for (int s = 0; s < config.gradientSteps(); s++) {
            ReplayBuffer.Batch batch = buffer.sampleBatch(config.batchSize(), random);
            try (NDManager step = parent.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = step.create(batch.observations(), new Shape(batch.size(), StateLayout.DIM));
                NDArray a = step.create(batch.actions());
                NDArray r = step.create(batch.rewards());
                try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                    NDArray qsa = q.forward(x, true).gather(a.expandDims(1), 1).squeeze(1);
                    NDArray loss = huber(qsa.sub(r));
                    lossSum += loss.getFloat();
                    gc.backward(loss);
                }
                optimizer.step();
            }
        }
        if (config.gradientSteps() > 0) {
            m.put("loss", lossSum / config.gradientSteps());
        }
        return m;
    }

    /** Mean smooth-L1 (β = 1): 0.5·d² for |d| < 1, |d| − 0.5 beyond. */
    static NDArray huber(NDArray diff) {
        NDArray d = diff.abs();
        NDArray q = Scalars.atMost(d, 1);
        return Scalars.times(q.square(), 0.5).add(d.sub(q)).mean();
    }
}
