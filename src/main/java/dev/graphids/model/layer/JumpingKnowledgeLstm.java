package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;
import java.util.List;

/**
 * PyG {@code JumpingKnowledge(mode='lstm', channels=C, num_layers=L)}: the L layer outputs of a node form a length-L
 * sequence; a 1-layer bidirectional LSTM with hidden size ⌊L·C/2⌋ reads it, {@code att = Linear(2·⌊L·C/2⌋, 1)}
 * scores each position, softmax over the L positions, output = weighted sum of the layer outputs (width C).
 * Runs libtorch's fused LSTM; parameters are named as in PyTorch ({@code lstm.weight_ih_l0},
 * {@code lstm.weight_ih_l0_reverse}, ...) with gate order i, f, g, o and U(−1/√hidden, 1/√hidden) init.
 */
public final class JumpingKnowledgeLstm {
    private final long channels;
    private final long hidden;
    private final NDList lstmParams = new NDList();
    private final Linear att;

    public JumpingKnowledgeLstm(ParameterStore ps, String name, long channels, int layers) {
        this.channels = channels;
        this.hidden = layers * channels / 2;
        double bound = 1.0 / Math.sqrt(hidden);
        for (String suffix : List.of("_l0", "_l0_reverse")) {
            lstmParams.add(ps.uniform(name + ".lstm.weight_ih" + suffix, bound, new Shape(4 * hidden, channels)));
            lstmParams.add(ps.uniform(name + ".lstm.weight_hh" + suffix, bound, new Shape(4 * hidden, hidden)));
            lstmParams.add(ps.uniform(name + ".lstm.bias_ih" + suffix, bound, new Shape(4 * hidden)));
            lstmParams.add(ps.uniform(name + ".lstm.bias_hh" + suffix, bound, new Shape(4 * hidden)));
        }
        att = new Linear(ps, name + ".att", 2 * hidden, 1, true);
    }

    /** xs: L tensors [..., C] of the same shape → [..., C]. */
    public NDArray forward(List<NDArray> xs) {
        Shape s = xs.get(0).getShape();
        long rows = s.size() / channels;
        int axis = s.dimension() - 1;
        NDArray seq = NDArrays.stack(new NDList(xs), axis).reshape(-1, xs.size(), channels); // [M, L, C]
        NDArray h0 = seq.getManager().zeros(new Shape(2, rows, hidden));
        NDArray c0 = seq.getManager().zeros(new Shape(2, rows, hidden));
        NDArray out = seq.getNDArrayInternal().lstm(seq, new NDList(h0, c0), lstmParams, true, 1, 0.0, true, true,
                true).get(0); // [M, L, 2·hidden]
        NDArray alpha = att.forward(out).squeeze(2).softmax(-1); // [M, L]
        return seq.mul(alpha.expandDims(2)).sum(new int[] {1}).reshape(s);
    }
}
