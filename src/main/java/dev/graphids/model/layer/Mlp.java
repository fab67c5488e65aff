package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [Linear → ReLU → Dropout] × (k−1) → Linear}; parameter names {@code <name>.<i>.weight} for the i-th
 * linear layer.
 */
public final class Mlp {
    private final List<Linear> layers = new ArrayList<>();
    private final double dropout;

    /** @param widths in, hidden..., out (at least two entries) */
    public Mlp(ParameterStore ps, String name, double dropout, long... widths) {
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Linear(ps, name + "." + i, widths[i], widths[i + 1], true));
        }
        this.dropout = dropout;
    }

    public NDArray forward(NDArray x, boolean training) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i + 1 < layers.size()) {
                h = Nn.dropout(Activation.relu(h), dropout, training);
            }
        }
        return h;
    }
}
