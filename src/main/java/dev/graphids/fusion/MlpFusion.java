package dev.graphids.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.layer.Mlp;
import java.util.Map;

/** {@code mlp} (models.md §4.4): {@code 18 → 64 → 32 → 1}, ReLU + dropout after each hidden layer, sigmoid; 3,329 parameters. */
final class MlpFusion extends SupervisedFusion {
    private final Mlp net;

    MlpFusion(FusionConfig config, NDManager parent, long seed) {
        super(config, parent, seed);
        net = new Mlp(params, "net", config.dropout(), StateLayout.DIM, 64, 32, 1);
    }

    @Override
    Forward forward(NDArray x, boolean training) {
        return new Forward(Activation.sigmoid(net.forward(x, training)).squeeze(1), null, Map.of());
    }
}
