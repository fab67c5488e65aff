package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;

/**
 * Pools the step embeddings of snapshot sequences into one vector per sample (models.md §2.3):
 * <ul>
 *   <li>{@code mean} (and {@code auto}): the average over the steps;</li>
 *   <li>{@code attention}: scores {@code Linear(C,C) → tanh → Linear(C,1)}, softmax over the steps, weighted sum
 *       (parameters {@code <name>.attn.0.*}, {@code <name>.attn.2.*});</li>
 *   <li>{@code gru}: a 1-layer {@code GRU(C, C)} over the steps from a zero state, the last hidden state
 *       (PyTorch names and gate order r, z, n: {@code <name>.gru.weight_ih_l0} …, U(−1/√C, 1/√C));</li>
 *   <li>{@code flat}: the mean over all nodes of the sequence's union graph, i.e. the step means weighted by their
 *       node counts.</li>
 * </ul>
 * Every step of a cached sequence has nodes (a window holds at least one frame), so no step is absent and the
 * original's presence mask and length packing reduce to using all L steps.
 */
public final class SequencePool {
    private final String mode;
    private final long channels;
    private Linear attnHidden;
    private Linear attnScore;
    private NDArray wih;
    private NDArray whh;
    private NDArray bih;
    private NDArray bhh;

    public SequencePool(ParameterStore ps, String name, String mode, long channels) {
        this.mode = mode.equals("auto") ? "mean" : mode;
        this.channels = channels;
        if (this.mode.equals("attention")) {
            attnHidden = new Linear(ps, name + ".attn.0", channels, channels, true);
            attnScore = new Linear(ps, name + ".attn.2", channels, 1, true);
        } else if (this.mode.equals("gru")) {
            double bound = 1.0 / Math.sqrt(channels);
            wih = ps.uniform(name + ".gru.weight_ih_l0", bound, new Shape(3 * channels, channels));
            whh = ps.uniform(name + ".gru.weight_hh_l0", bound, new Shape(3 * channels, channels));
            bih = ps.uniform(name + ".gru.bias_ih_l0", bound, new Shape(3 * channels));
            bhh = ps.uniform(name + ".gru.bias_hh_l0", bound, new Shape(3 * channels));
        }
    }

    /**
     * @param steps      [B·L, C] step embeddings, sample-major (sample b's steps at b·L … b·L + L − 1)
     * @param nodeCounts [B·L, 1] nodes per step graph (for {@code flat})
     * @return [B, C]
     */
    public NDArray forward(NDArray steps, NDArray nodeCounts, int length) {
        NDArray seq = steps.reshape(-1, length, channels); // [B, L, C]
        switch (mode) {
            case "flat" -> {
                NDArray n = nodeCounts.reshape(-1, length, 1);
                return seq.mul(n).sum(new int[] {1}).div(n.sum(new int[] {1}));
            }
            case "attention" -> {
                NDArray score = attnScore.forward(attnHidden.forward(seq).tanh()); // [B, L, 1]
                return score.softmax(1).mul(seq).sum(new int[] {1});
            }
            case "gru" -> {
                return gru(seq, length);
            }
            default -> {
                return seq.mean(new int[] {1});
            }
        }
    }

    /** {@code torch.nn.GRU(C, C, batch_first=True)} from h0 = 0; returns the last hidden state. */
    private NDArray gru(NDArray seq, int length) {
        NDArray wihT = wih.transpose();
        NDArray whhT = whh.transpose();
        NDArray h = null;
        for (int t = 0; t < length; t++) {
            NDArray x = seq.get(":, " + t + ", :");
            NDList gi = x.matMul(wihT).add(bih).split(3, 1);
            // With h = 0 the recurrent product is just its bias.
            NDList gh = h == null ? bhh.reshape(1, -1).split(3, 1) : h.matMul(whhT).add(bhh).split(3, 1);
            NDArray r = Activation.sigmoid(gi.get(0).add(gh.get(0)));
            NDArray z = Activation.sigmoid(gi.get(1).add(gh.get(1)));
            NDArray n = gi.get(2).add(r.mul(gh.get(2))).tanh();
            h = h == null ? z.neg().add(1).mul(n) : z.neg().add(1).mul(n).add(z.mul(h));
        }
        return h;
    }
}
