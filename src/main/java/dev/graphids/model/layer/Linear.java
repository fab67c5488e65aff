package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;

/**
 * {@code torch.nn.Linear}: weight [out, in], bias [out], both initialised U(−1/√in, 1/√in) as PyTorch does.
 */
public final class Linear {
    private final NDArray weight;
    private final NDArray bias;

    public Linear(ParameterStore ps, String name, long in, long out, boolean bias) {
        double bound = 1.0 / Math.sqrt(in);
        this.weight = ps.uniform(name + ".weight", bound, new Shape(out, in));
        this.bias = bias ? ps.uniform(name + ".bias", bound, new Shape(out)) : null;
    }

    public NDArray forward(NDArray x) {
        return Nn.linear(x, weight, bias);
    }

    NDArray weight() {
        return weight;
    }

    NDArray bias() {
        return bias;
    }
}
