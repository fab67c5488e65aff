package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import java.util.ArrayList;
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
     * <p>Equal (up to float rounding) to libtorch's fused bidirectional LSTM with zero initial state followed by the
     * attention over positions, but with less memory traffic, which is what this step costs (it was 44 % of GAT
     * scoring): each direction's first step reads no state, so it computes only the i, g, o gates; biases and the
     * recurrent term are folded into the matmuls ({@code addmm}); and the attention score of a position is
     * {@code a_f·h_f + a_b·h_b + b}, so the two directions' outputs are never concatenated or stacked.
     */
    public NDArray forward(List<NDArray> xs) {
        Shape s = xs.get(0).getShape();
        int steps = xs.size();
        List<NDArray> x = new ArrayList<>();
        for (NDArray xt : xs) {
            x.add(xt.reshape(-1, channels));
        }
        NDArray[][] h = new NDArray[2][steps];
        for (int d = 0; d < 2; d++) {
            // Parameters of direction d (0 forward, 1 reverse): w_ih, w_hh, b_ih, b_hh at 4·d … 4·d + 3.
            NDArray wih = lstmParams.get(4 * d);
            NDArray whh = lstmParams.get(4 * d + 1);
            NDArray b = lstmParams.get(4 * d + 2).add(lstmParams.get(4 * d + 3));
            NDArray wihFirst = withoutForgetGate(wih);
            NDArray bFirst = withoutForgetGate(b);
            NDArray hPrev = null;
            NDArray cPrev = null;
            for (int k = 0; k < steps; k++) {
                int t = d == 0 ? k : steps - 1 - k;
                NDArray cell;
                NDArray out;
                if (hPrev == null) {
                    NDList igo = Nn.linear(x.get(t), wihFirst, bFirst).split(3, 1);
                    cell = Activation.sigmoid(igo.get(0)).mul(igo.get(1).tanh());
                    out = igo.get(2);
                } else {
                    NDList ifgo = Nn.linearPlus(hPrev, whh, Nn.linear(x.get(t), wih, b)).split(4, 1);
                    cell = Activation.sigmoid(ifgo.get(1)).mul(cPrev)
                            .add(Activation.sigmoid(ifgo.get(0)).mul(ifgo.get(2).tanh()));
                    out = ifgo.get(3);
                }
                hPrev = Activation.sigmoid(out).mul(cell.tanh());
                cPrev = cell;
                h[d][t] = hPrev;
            }
        }
        NDList halves = att.weight().split(2, 1); // [1, hidden] for each direction
        NDList scores = new NDList();
        for (int t = 0; t < steps; t++) {
            scores.add(Nn.linearPlus(h[1][t], halves.get(1), Nn.linear(h[0][t], halves.get(0), att.bias())));
        }
        NDArray alpha = NDArrays.concat(scores, 1).softmax(-1); // [M, L]
        NDArray sum = null;
        for (int t = 0; t < steps; t++) {
            NDArray term = x.get(t).mul(alpha.get(":, " + t + ":" + (t + 1)));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.reshape(s);
    }

    /** Rows of the i, g and o gates of a [4·hidden, ...] LSTM parameter (gate order i, f, g, o). */
    private NDArray withoutForgetGate(NDArray p) {
        return NDArrays.concat(new NDList(p.get("0:" + hidden), p.get(2 * hidden + ":")), 0);
    }
}
