package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.BatchTensors;

/**
 * A conv block (models.md §1.4): GATv2 → optional GraphNorm → optional ReLU → dropout. Heads are used when they
 * divide the target width, else 1. Names {@code <name>.conv.*}, {@code <name>.norm.*}.
 */
public final class ConvBlock {
    private final GatV2Conv conv;
    private final GraphNorm norm;
    private final boolean activation;
    private final double dropout;

    public ConvBlock(ParameterStore ps, String name, long in, long target, int heads, boolean norm,
                     boolean activation, double dropout) {
        int h = target % heads == 0 ? heads : 1;
        this.conv = new GatV2Conv(ps, name + ".conv", in, target / h, h);
        this.norm = norm ? new GraphNorm(ps, name + ".norm", target) : null;
        this.activation = activation;
        this.dropout = dropout;
    }

    public NDArray forward(NDArray h, BatchTensors t, boolean training) {
        NDArray out = conv.forward(h, t);
        if (norm != null) {
            out = norm.forward(out, t.nodeMask(), t.nodeCount());
        }
        if (activation) {
            out = Activation.relu(out);
        }
        return Nn.dropout(out, dropout, training);
    }
}
