package dev.graphids.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.fusion.state.StateLayout;
import java.util.Map;

/**
 * {@code weighted_avg} (models.md §4.4): one scalar w (init 0), α = sigmoid(w), {@code score = (1−α)·(1 −
 * vgae.conf) + α·gat_prob}, where {@code 1 − vgae.conf = recon/(1 + recon)}. Parameter {@code w}.
 */
final class WeightedAvgFusion extends SupervisedFusion {
    private final NDArray w;

    WeightedAvgFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        w = params.constant("w", 0f, new Shape(1));
    }

    double alpha() {
        return 1 / (1 + Math.exp(-w.getFloat(0)));
    }

    @Override
    Forward forward(NDArray x, boolean training) {
        NDArray alpha = Activation.sigmoid(w);
        NDArray anomaly = x.get(new NDIndex(":, " + StateLayout.VGAE_CONF)).neg().add(1);
        NDArray gat = x.get(new NDIndex(":, " + StateLayout.GAT_P_ATTACK));
        NDArray score = anomaly.mul(alpha.neg().add(1)).add(gat.mul(alpha));
        return new Forward(score, null, Map.of("alpha", alpha.sum()));
    }

    @Override
    FusionOutput output(FusionData data, double[] score) {
        double a = alpha();
        double[] alpha = new double[data.size()];
        double[] anomaly = new double[data.size()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = a;
            anomaly[i] = 1 - data.raw()[i * StateLayout.DIM + StateLayout.VGAE_CONF];
        }
        return new FusionOutput(score, alpha, anomaly);
    }
}
