package dev.graphids.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import dev.graphids.tensor.TestGraphs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * models.md Decision 1: the padded GATv2 equals the message-passing definition (PyG GATv2Conv with
 * remove_self_loops + add_self_loops(fill_value='mean')), computed edge by edge, on graphs with multi-edges, a cached
 * self-loop, a node without incoming edges, padding nodes and padding edges — values and gradients; and it equals the
 * earlier dense formulation (softmax over [B, H, n, Eg], one-hot gathers) in values, attention and gradients.
 */
class GatV2ConvParityTest {
    static final int IN = 6;
    static final int C = 3;
    static final int H = 2;

    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    @Test
    void layerEqualsPerEdgeReferenceInValuesAndGradients() {
        HostGraph a = TestGraphs.graph(5, new int[] {0, 0, 0, 2, 1, 3, 3, 4, 1},
                new int[] {1, 1, 1, 1, 1, 1, 0, 3, 0}, 11, 0); // 0→1 ×3, cached loop 1→1, node 2 no in-edges
        HostGraph b = TestGraphs.random(7, 12, 12, 1);
        GraphBatch batch = GraphBatch.of(List.of(a, b));
        try (NDManager root = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(root, 5)) {
            GatV2Conv conv = new GatV2Conv(ps, "conv", IN, C, H);
            // Non-zero biases so that every parameter's gradient path is exercised.
            SplittableRandom r = new SplittableRandom(3);
            randomBiases(ps, r);
            long n = batch.maxNodes();
            float[] hv = new float[(int) (2 * n * IN)];
            float[] rv = new float[(int) (2 * n * H * C)];
            for (int i = 0; i < hv.length; i++) {
                hv[i] = (float) r.nextGaussian() * 2;
            }
            for (int i = 0; i < rv.length; i++) {
                rv[i] = (float) r.nextGaussian();
            }
            NDArray h = root.create(hv, new Shape(2, n, IN));
            h.setRequiresGradient(true);
            NDArray weights = root.create(rv, new Shape(2, n, H * C));

            float[] dense;
            Map<String, float[]> denseGrads;
            try (NDManager step = root.newSubManager()) {
                BatchTensors t = batch.tensors(step);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = conv.forward(h, t);
                    dense = out.toFloatArray();
                    gc.backward(out.mul(weights).mul(t.nodeMask().expandDims(2)).sum());
                }
                denseGrads = grads(ps, h);
            }
            float[] ref;
            Map<String, float[]> refGrads;
            try (NDManager step = root.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray[] outs = {reference(ps, a, h.get(0)), reference(ps, b, h.get(1))};
                    NDArray loss = outs[0].mul(weights.get(0).get("0:5")).sum()
                            .add(outs[1].mul(weights.get(1).get("0:7")).sum());
                    ref = NDArrays.concat(new NDList(outs[0], outs[1])).toFloatArray();
                    gc.backward(loss);
                }
                refGrads = grads(ps, h);
            }
            int hc = H * C;
            for (int v = 0; v < 5; v++) {
                for (int c = 0; c < hc; c++) {
                    assertThat(dense[v * hc + c]).isCloseTo(ref[v * hc + c], within(1e-5f));
                }
            }
            for (int v = 0; v < 7; v++) {
                for (int c = 0; c < hc; c++) {
                    assertThat(dense[(int) ((n + v) * hc + c)]).isCloseTo(ref[(5 + v) * hc + c], within(1e-5f));
                }
            }
            assertThat(denseGrads.keySet()).isEqualTo(refGrads.keySet());
            assertSameGradients(denseGrads, refGrads);
        }
    }

    /** Each gradient equals the expected one within 1e-5 of the larger of 1 and its largest magnitude (never 0). */
    private static void assertSameGradients(Map<String, float[]> actual, Map<String, float[]> expected) {
        actual.forEach((name, g) -> {
            float[] e = expected.get(name);
            double scale = 0;
            for (float x : e) {
                scale = Math.max(scale, Math.abs(x));
            }
            assertThat(scale).as(name).isGreaterThan(0);
            for (int i = 0; i < g.length; i++) {
                assertThat((double) g[i]).as(name + "[" + i + "]").isCloseTo(e[i], org.assertj.core.data.Offset
                        .offset(1e-5 * Math.max(1, scale)));
            }
        });
    }

    @Test
    void layerEqualsTheDenseFormulationInValuesAttentionAndGradients() {
        List<HostGraph> graphs = List.of(TestGraphs.random(9, 30, 11, 0), TestGraphs.random(4, 12, 12, 1),
                TestGraphs.random(12, 50, 13, 0), TestGraphs.random(6, 6, 14, 1), TestGraphs.random(3, 20, 15, 0));
        GraphBatch batch = GraphBatch.of(graphs);
        int b = batch.size();
        int n = batch.maxNodes();
        int eg = batch.gatEdges();
        try (NDManager root = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(root, 8)) {
            GatV2Conv conv = new GatV2Conv(ps, "conv", IN, C, H);
            SplittableRandom r = new SplittableRandom(9);
            randomBiases(ps, r);
            float[] hv = new float[b * n * IN];
            float[] wv = new float[b * n * H * C];
            for (int i = 0; i < hv.length; i++) {
                hv[i] = (float) r.nextGaussian() * 2;
            }
            for (int i = 0; i < wv.length; i++) {
                wv[i] = (float) r.nextGaussian();
            }
            NDArray h = root.create(hv, new Shape(b, n, IN));
            h.setRequiresGradient(true);
            NDArray weights = root.create(wv, new Shape(b, n, H * C));
            float[][] outs = new float[2][];
            float[][] alphas = new float[2][];
            List<Map<String, float[]>> grads = new ArrayList<>();
            for (int variant = 0; variant < 2; variant++) {
                try (NDManager step = root.newSubManager()) {
                    BatchTensors t = batch.tensors(step);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray[] r2 = variant == 0 ? conv.forward(h, t, true) : dense(ps, t, graphs, h);
                        NDArray out = r2[0].mul(t.nodeMask().expandDims(2));
                        outs[variant] = out.toFloatArray();
                        alphas[variant] = r2[1].toFloatArray();
                        gc.backward(out.mul(weights).sum());
                    }
                    grads.add(grads(ps, h));
                }
            }
            for (int i = 0; i < outs[0].length; i++) {
                assertThat(outs[0][i]).as("out[%d]", i).isCloseTo(outs[1][i], within(1e-5f));
            }
            // α of each real edge (slot layer: [B·Eg, H]; dense: [B, H, n, Eg] at the edge's destination).
            long[] dst = batch.tensors(root).gatDst().toLongArray();
            for (int g = 0; g < b; g++) {
                int real = realGatEdges(graphs.get(g));
                for (int k = 0; k < real; k++) {
                    int v = (int) (dst[g * eg + k] - (long) g * n);
                    for (int head = 0; head < H; head++) {
                        assertThat(alphas[0][(g * eg + k) * H + head]).as("alpha graph %d edge %d", g, k)
                                .isCloseTo(alphas[1][((g * H + head) * n + v) * eg + k], within(1e-6f));
                    }
                }
            }
            assertSameGradients(grads.get(0), grads.get(1));
        }
    }

    /**
     * Extreme attention logits: every real edge's logit is ~−5·10⁴ (all attributes 1, edge weights −1000, att 1).
     * A padding edge must not overflow the exp — one with zero attributes would have a logit near 0, far above its
     * node's max — so the padded graph's output stays finite and equal to the graph's output alone.
     */
    @Test
    void extremeLogitsStayFiniteAndPaddingInvariant() {
        HostGraph g = TestGraphs.graph(3, new int[] {1, 2, 0}, new int[] {0, 0, 1}, 21, 0);
        float[] ones = new float[g.edgeAttr().length];
        java.util.Arrays.fill(ones, 1f);
        HostGraph small = new HostGraph(g.numNodes(), g.x(), g.idFeatures(), g.nodeId(), g.idBucket(), g.src(),
                g.dst(), ones, g.y(), g.attackType(), g.ref());
        GraphBatch alone = GraphBatch.of(List.of(small));
        GraphBatch mixed = GraphBatch.of(List.of(TestGraphs.random(9, 40, 22, 1), small));
        assertThat(mixed.gatEdges()).isGreaterThan(alone.gatEdges());
        try (NDManager root = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(root, 6)) {
            GatV2Conv conv = new GatV2Conv(ps, "conv", IN, C, H);
            fill(ps.get("conv.lin_edge.weight"), -1000f);
            fill(ps.get("conv.att"), 1f);
            SplittableRandom r = new SplittableRandom(4);
            int n = mixed.maxNodes();
            float[] hv = new float[2 * n * IN];
            for (int i = 0; i < hv.length; i++) {
                hv[i] = (float) r.nextGaussian();
            }
            int hc = H * C;
            try (NDManager step = root.newSubManager()) {
                NDArray h = step.create(hv, new Shape(2, n, IN));
                float[] m = conv.forward(h, mixed.tensors(step)).toFloatArray();
                float[] a = conv.forward(h.get("1:2, 0:3"), alone.tensors(step)).toFloatArray();
                for (int i = 0; i < m.length; i++) {
                    assertThat(Float.isFinite(m[i])).as("out[%d] = %f", i, m[i]).isTrue();
                }
                for (int i = 0; i < 3 * hc; i++) {
                    assertThat(m[n * hc + i]).as("node %d", i / hc).isCloseTo(a[i], within(1e-4f));
                }
            }
        }
    }

    private static void fill(NDArray p, float value) {
        float[] v = new float[(int) p.size()];
        java.util.Arrays.fill(v, value);
        p.set(java.nio.FloatBuffer.wrap(v));
    }

    private static int realGatEdges(HostGraph g) {
        int c = g.numNodes();
        for (int i = 0; i < g.numEdges(); i++) {
            c += g.src()[i] != g.dst()[i] ? 1 : 0;
        }
        return c;
    }

    /**
     * The earlier dense formulation: rows gathered by one-hot matmuls [B, Eg, n], logits broadcast into
     * [B, H, n, Eg] with a 0 / −1e9 destination mask, softmax over Eg, aggregation [B, H, n, Eg] × [B, H, Eg, C].
     *
     * @return {out [B, n, H·C], α [B, H, n, Eg]}
     */
    private static NDArray[] dense(ParameterStore ps, BatchTensors t, List<HostGraph> graphs, NDArray h) {
        int b = (int) t.size();
        int n = (int) t.maxNodes();
        int e = (int) t.gatEdges();
        long[] src = t.gatSrc().toLongArray();
        long[] dst = t.gatDst().toLongArray();
        float[] srcOneHot = new float[b * e * n];
        float[] dstOneHot = new float[b * e * n];
        float[] mask = new float[b * n * e];
        java.util.Arrays.fill(mask, -1e9f);
        for (int g = 0; g < b; g++) {
            int real = realGatEdges(graphs.get(g));
            for (int k = 0; k < e; k++) {
                int s = (int) (src[g * e + k] - (long) g * n);
                int d = (int) (dst[g * e + k] - (long) g * n);
                srcOneHot[(g * e + k) * n + s] = 1f;
                dstOneHot[(g * e + k) * n + d] = 1f;
                if (k < real) {
                    mask[(g * n + d) * e + k] = 0f;
                }
            }
        }
        NDManager m = t.manager();
        int hc = H * C;
        NDArray flat = h.reshape(b * n, IN);
        NDArray xl = Nn.linear(flat, ps.get("conv.lin_l.weight"), ps.get("conv.lin_l.bias")).reshape(b, n, hc);
        NDArray xr = Nn.linear(flat, ps.get("conv.lin_r.weight"), ps.get("conv.lin_r.bias")).reshape(b, n, hc);
        NDArray xj = m.create(srcOneHot, new Shape(b, e, n)).matMul(xl).reshape((long) b * e, hc);
        NDArray xi = m.create(dstOneHot, new Shape(b, e, n)).matMul(xr).reshape((long) b * e, hc);
        NDArray ee = t.gatEdgeAttr().matMul(ps.get("conv.lin_edge.weight").transpose());
        NDArray z = Activation.leakyRelu(xj.add(xi).add(ee), 0.2f).reshape((long) b * e, H, C);
        NDArray logits = z.mul(ps.get("conv.att")).sum(new int[] {2});
        NDArray scores = logits.reshape(b, e, H).transpose(0, 2, 1).reshape(b, H, 1, e);
        NDArray alpha = scores.add(m.create(mask, new Shape(b, 1, n, e))).softmax(-1);
        NDArray msg = xj.reshape(b, e, H, C).transpose(0, 2, 1, 3);
        NDArray out = alpha.matMul(msg).transpose(0, 2, 1, 3).reshape(b, n, hc).add(ps.get("conv.bias"));
        return new NDArray[] {out, alpha};
    }

    private static org.assertj.core.data.Offset<Float> within(float v) {
        return org.assertj.core.data.Offset.offset(v);
    }

    private static Map<String, float[]> grads(ParameterStore ps, NDArray h) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<NDArray> all = new ArrayList<>(ps.parameters().values());
        all.add(h);
        List<String> names = new ArrayList<>(ps.parameters().keySet());
        names.add("input");
        for (int i = 0; i < all.size(); i++) {
            try (NDArray g = all.get(i).getGradient()) {
                out.put(names.get(i), g.toFloatArray());
                g.subi(g);
            }
        }
        return out;
    }

    /** Message passing, one edge at a time, on graph g with node inputs h [≥N, IN]. */
    private static NDArray reference(ParameterStore ps, HostGraph g, NDArray h) {
        int ef = HostGraph.EDGE_FEATURES;
        List<int[]> edges = new ArrayList<>();
        List<float[]> attrs = new ArrayList<>();
        float[][] sum = new float[g.numNodes()][ef];
        int[] deg = new int[g.numNodes()];
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.src()[e] == g.dst()[e]) {
                continue; // remove_self_loops
            }
            edges.add(new int[] {g.src()[e], g.dst()[e]});
            float[] at = java.util.Arrays.copyOfRange(g.edgeAttr(), e * ef, (e + 1) * ef);
            attrs.add(at);
            deg[g.dst()[e]]++;
            for (int c = 0; c < ef; c++) {
                sum[g.dst()[e]][c] += at[c];
            }
        }
        for (int v = 0; v < g.numNodes(); v++) { // add_self_loops(fill_value='mean')
            edges.add(new int[] {v, v});
            float[] at = new float[ef];
            for (int c = 0; c < ef; c++) {
                at[c] = deg[v] == 0 ? 0 : sum[v][c] / deg[v];
            }
            attrs.add(at);
        }
        NDManager m = h.getManager();
        NDArray xl = h.matMul(ps.get("conv.lin_l.weight").transpose()).add(ps.get("conv.lin_l.bias"));
        NDArray xr = h.matMul(ps.get("conv.lin_r.weight").transpose()).add(ps.get("conv.lin_r.bias"));
        NDArray we = ps.get("conv.lin_edge.weight");
        NDArray att = ps.get("conv.att").reshape(H, C);
        List<NDArray> rows = new ArrayList<>();
        for (int i = 0; i < g.numNodes(); i++) {
            List<NDArray> logits = new ArrayList<>();
            List<NDArray> msgs = new ArrayList<>();
            for (int e = 0; e < edges.size(); e++) {
                if (edges.get(e)[1] != i) {
                    continue;
                }
                NDArray xj = xl.get(edges.get(e)[0]);
                NDArray ee = m.create(attrs.get(e)).expandDims(0).matMul(we.transpose()).squeeze(0);
                NDArray z = Activation.leakyRelu(xj.add(xr.get(i)).add(ee), 0.2f).reshape(H, C);
                logits.add(z.mul(att).sum(new int[] {1})); // [H]
                msgs.add(xj.reshape(H, C));
            }
            NDArray alpha = NDArrays.stack(new NDList(logits)).softmax(0); // [k, H]
            NDArray out = alpha.expandDims(2).mul(NDArrays.stack(new NDList(msgs))).sum(new int[] {0});
            rows.add(out.reshape(H * C).add(ps.get("conv.bias")));
        }
        return NDArrays.stack(new NDList(rows));
    }

    /** Gaussian values for the layer's three biases (zero at initialisation), drawn from {@code r}. */
    private static void randomBiases(ParameterStore ps, SplittableRandom r) {
        for (String bias : List.of("conv.lin_l.bias", "conv.lin_r.bias", "conv.bias")) {
            NDArray p = ps.get(bias);
            float[] v = new float[(int) p.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            p.set(java.nio.FloatBuffer.wrap(v));
        }
    }
}
