package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import java.util.List;

/**
 * PyG {@code JumpingKnowledge(mode='lstm', channels=C, num_layers=L)}: the L layer outputs of a node form a length-L
 * sequence; a 1-layer bidirectional LSTM with hidden size ⌊L·C/2⌋ reads it, {@code att = Linear(2·⌊L·C/2⌋, 1)}
 * scores each position, softmax over the L positions, output = weighted sum of the layer outputs (width C).
 * Parameters are named as in PyTorch ({@code lstm.weight_ih_l0},
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

    /**
     * xs: L tensors [..., C] of the same shape → [..., C].
     *
     * <p>Equal (up to float rounding) to libtorch's fused bidirectional LSTM with zero initial state, but cheaper:
     * the
     * first step of each direction skips the recurrent matmul and the forget-gate term, whose state is exactly zero
     * (libtorch multiplies the zero state anyway: a quarter of its forward matmul work at L = 2).
     */
    public NDArray forward(List<NDArray> xs) {
        Shape s = xs.get(0).getShape();
        int steps = xs.size();
        int axis = s.dimension() - 1;
        NDArray seq = NDArrays.stack(new NDList(xs), axis).reshape(-1, steps, channels); // [M, L, C]
        // Parameters per direction d (0 forward, 1 reverse): w_ih, w_hh, b_ih, b_hh at 4·d … 4·d + 3.
        List<NDArray> x = new java.util.ArrayList<>();
        for (NDArray xt : xs) {
            x.add(xt.reshape(-1, channels));
        }
        NDArray[][] h = new NDArray[2][steps];
        for (int d = 0; d < 2; d++) {
            NDArray wihT = lstmParams.get(4 * d).transpose();
            NDArray whhT = lstmParams.get(4 * d + 1).transpose();
            NDArray b = lstmParams.get(4 * d + 2).add(lstmParams.get(4 * d + 3));
            NDArray hPrev = null;
            NDArray cPrev = null;
            for (int k = 0; k < steps; k++) {
                int t = d == 0 ? k : steps - 1 - k;
                NDArray gates = x.get(t).matMul(wihT).add(b);
                if (hPrev != null) {
                    gates = gates.add(hPrev.matMul(whhT));
                }
                NDList parts = gates.split(4, 1);
                NDArray cell = Activation.sigmoid(parts.get(0)).mul(parts.get(2).tanh());
                if (cPrev != null) {
                    cell = Activation.sigmoid(parts.get(1)).mul(cPrev).add(cell);
                }
                hPrev = Activation.sigmoid(parts.get(3)).mul(cell.tanh());
                cPrev = cell;
                h[d][t] = hPrev;
            }
        }
        NDList outs = new NDList();
        for (int t = 0; t < steps; t++) {
            outs.add(NDArrays.concat(new NDList(h[0][t], h[1][t]), 1));
        }
        NDArray out = NDArrays.stack(outs, 1); // [M, L, 2·hidden]
        NDArray alpha = att.forward(out).squeeze(2).softmax(-1); // [M, L]
        return seq.mul(alpha.expandDims(2)).sum(new int[] {1}).reshape(s);
    }
}
