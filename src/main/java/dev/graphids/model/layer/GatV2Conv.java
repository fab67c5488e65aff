package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.HostGraph;

/**
 * PyG {@code GATv2Conv(in, C, heads=H, edge_dim=11, concat=True)} with its defaults (add_self_loops with mean-filled
 * edge attributes, LeakyReLU 0.2, no attention dropout, bias, share_weights False) on a dense padded batch.
 *
 * <p>For edge j→i: {@code s = a_h · LeakyReLU(W_l x_j + b_l + W_r x_i + b_r + W_e e_ji)}, {@code α = softmax} of s
 * over the incoming edges of i, output {@code Σ α · (W_l x_j + b_l)} with heads concatenated, plus bias. Every edge
 * of {@link BatchTensors#gatSrc()} (multi-edges and the added self-loops included) is its own term: logits are
 * computed per edge [B·Eg, H] from gathered node projections, scattered into [B, H, n, Eg] by adding the
 * destination mask {@link BatchTensors#gatBias()} (0 / −1e9), soft-maxed over Eg, and the aggregation is a batched
 * matmul [B, H, n, Eg] × [B, H, Eg, C]. This equals the message-passing definition exactly (see the parity test)
 * while using only dense ops (DJL has no scatter-add).
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
     * @return {out [B, n, H·C]} or, with {@code withAttention}, {out, α [B, H, n, Eg]}
     */
    public NDArray[] forward(NDArray h, BatchTensors t, boolean withAttention) {
        long b = t.size();
        long n = t.maxNodes();
        long e = t.gatEdges();
        NDArray flat = h.reshape(b * n, in);
        long hc = heads * channels;
        NDArray xl = Nn.linear(flat, linL, biasL).reshape(b, n, hc);
        NDArray xr = Nn.linear(flat, linR, biasR).reshape(b, n, hc);
        // Row gathers as batched matmuls with constant one-hots: deterministic backward (see BatchTensors).
        NDArray xj = t.gatSrcOneHot().matMul(xl).reshape(b * e, hc);
        NDArray xi = t.gatDstOneHot().matMul(xr).reshape(b * e, hc);
        NDArray ee = t.gatEdgeAttr().matMul(linEdge.transpose());
        NDArray m = Activation.leakyRelu(xj.add(xi).add(ee), 0.2f).reshape(b * e, heads, channels);
        NDArray logits = m.mul(att).sum(new int[] {2}); // [B·Eg, H]
        // Made contiguous (the flattening reshape copies the transposed view) before the broadcast add: libtorch's
        // add + softmax over [B, H, n, Eg] runs ~2.5× slower when this small operand is a strided view.
        NDArray scores = logits.reshape(b, e, heads).transpose(0, 2, 1).reshape(-1).reshape(b, heads, 1, e);
        NDArray alpha = scores.add(t.gatBias()).softmax(-1); // [B, H, n, Eg]
        NDArray msg = xj.reshape(b, e, heads, channels).transpose(0, 2, 1, 3); // [B, H, Eg, C]
        NDArray out = alpha.matMul(msg).transpose(0, 2, 1, 3).reshape(b, n, heads * channels).add(bias);
        return withAttention ? new NDArray[] {out, alpha} : new NDArray[] {out};
    }
}
