package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.HostGraph;

/**
 * PyG {@code GATv2Conv(in, C, heads=H, edge_dim=11, concat=True)} with its defaults (add_self_loops with mean-filled
 * edge attributes, LeakyReLU 0.2, no attention dropout, bias, share_weights False) on a padded batch.
 *
 * <p>For edge j→i: {@code s = a_h · LeakyReLU(W_l x_j + b_l + W_r x_i + b_r + W_e e_ji)}, {@code α = softmax} of s
 * over the incoming edges of i, output {@code Σ α · (W_l x_j + b_l)} with heads concatenated, plus bias. Every edge
 * of {@link BatchTensors#gatSrc()} (multi-edges and the added self-loops included) is its own term.
 *
 * <p>Layout (see {@code GraphBatch}): node projections are gathered per edge and the logits computed per edge
 * [B·Eg, H]. The softmax is {@code exp(s − max) / Σ exp(s − max)} with each node's max over its D incoming-edge
 * slots ({@link BatchTensors#gatSlot()}, [B·n, D, H]; a constant for the backward, as in libtorch's softmax: the
 * result does not depend on it); the exps and the exp-weighted messages are summed into their destinations by the
 * incidence matmul [B, n, Eg] × [B, Eg, ·] and divided. A dense softmax over [B, H, n, Eg] did ~30× the work (a
 * node has ~4 incoming edges, Eg is ~120), and summing gathered messages over slots would move [B·n·D, H·C] floats
 * with D up to ~44. Gathers are {@link Nn#rows}, whose backward is deterministic on CPU. This equals the
 * message-passing definition up to float rounding (see the parity test).
 *
 * <p>Parameters ({@code H·C·(2·in + 11 + 4)}): {@code lin_l.weight} [HC, in], {@code lin_l.bias}, {@code
 * lin_r.weight}, {@code lin_r.bias}, {@code lin_edge.weight} [HC, 11] (no bias), {@code att} [1, H, C],
 * {@code bias} [HC]; Glorot weights and zero biases as PyG initialises them.
 */
public final class GatV2Conv {
    private final long in;
    private final long heads;
    private final long channels;
    private final NDArray linL;
    private final NDArray biasL;
    private final NDArray linR;
    private final NDArray biasR;
    private final NDArray linEdge;
    private final NDArray att;
    private final NDArray bias;

    public GatV2Conv(ParameterStore ps, String name, long in, long channels, long heads) {
        this.in = in;
        this.heads = heads;
        this.channels = channels;
        long hc = heads * channels;
        long ef = HostGraph.EDGE_FEATURES;
        linL = ps.glorot(name + ".lin_l.weight", in, hc, new Shape(hc, in));
        biasL = ps.constant(name + ".lin_l.bias", 0f, new Shape(hc));
        linR = ps.glorot(name + ".lin_r.weight", in, hc, new Shape(hc, in));
        biasR = ps.constant(name + ".lin_r.bias", 0f, new Shape(hc));
        linEdge = ps.glorot(name + ".lin_edge.weight", ef, hc, new Shape(hc, ef));
        att = ps.glorot(name + ".att", heads, channels, new Shape(1, heads, channels));
        bias = ps.constant(name + ".bias", 0f, new Shape(hc));
    }

    /** Output width H·C. */
    public long outWidth() {
        return heads * channels;
    }

    /** h [B, n, in] → [B, n, H·C]. */
    public NDArray forward(NDArray h, BatchTensors t) {
        return forward(h, t, false)[0];
    }

    /**
     * @return {out [B, n, H·C]} or, with {@code withAttention}, {out, α [B·Eg, H]} (α of each GAT edge at its
     *         destination; padding edges' values are meaningless)
     */
    public NDArray[] forward(NDArray h, BatchTensors t, boolean withAttention) {
        long b = t.size();
        long n = t.maxNodes();
        long e = t.gatEdges();
        long hc = heads * channels;
        NDArray flat = h.reshape(b * n, in);
        NDArray xj = Nn.rows(Nn.linearPlus(flat, linL, biasL), t.gatSrc()); // [B·Eg, HC]
        NDArray xi = Nn.rows(Nn.linearPlus(flat, linR, biasR), t.gatDst());
        NDArray z = Nn.linearPlus(t.gatEdgeAttr(), linEdge, xi).add(xj);
        NDArray logits = Activation.leakyRelu(z, 0.2f).matMul(attentionMatrix(t)); // [B·Eg, H]
        NDArray max = Nn.rows(logits.stopGradient(), t.gatSlot()).reshape(b * n, t.gatSlots(), heads)
                .max(new int[] {1}); // [B·n, H]
        NDArray ex = logits.sub(Nn.rows(max, t.gatDst())).exp(); // [B·Eg, H]
        NDArray incidence = t.gatIncidence();
        NDArray msg = xj.reshape(b * e, heads, channels).mul(ex.expandDims(2)).reshape(b, e, hc);
        // Σ exp ≥ 1 at a real node (its max term is exp(0)); a padding node's 0 becomes 1, so that its output is
        // 0 / 1 rather than a division by zero.
        NDArray padding = t.nodeMask().neg().add(1f).reshape(b, n, 1);
        NDArray sum = incidence.matMul(ex.reshape(b, e, heads)).add(padding).reshape(b, n, heads, 1);
        NDArray out = incidence.matMul(msg).reshape(b, n, heads, channels).div(sum).reshape(b, n, hc).add(bias);
        if (!withAttention) {
            return new NDArray[] {out};
        }
        NDArray alpha = ex.div(Nn.rows(sum.reshape(b * n, heads), t.gatDst()));
        return new NDArray[] {out, alpha};
    }

    /** {@code att} [1, H, C] as a block-diagonal [H·C, H]: the per-head dot products as one matmul. */
    private NDArray attentionMatrix(BatchTensors t) {
        NDArray eye = t.manager().eye((int) heads).reshape(heads, 1, heads);
        return att.reshape(heads, channels, 1).mul(eye).reshape(heads * channels, heads);
    }
}
