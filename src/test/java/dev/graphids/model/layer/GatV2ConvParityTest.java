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
 * models.md Decision 1: the dense padded GATv2 equals the message-passing definition (PyG GATv2Conv with
 * remove_self_loops + add_self_loops(fill_value='mean')), computed edge by edge, on graphs with multi-edges, a cached
 * self-loop and a node without incoming edges — values and gradients.
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
    void denseLayerEqualsPerEdgeReferenceInValuesAndGradients() {
        HostGraph a = TestGraphs.graph(5, new int[] {0, 0, 0, 2, 1, 3, 3, 4, 1},
                new int[] {1, 1, 1, 1, 1, 1, 0, 3, 0}, 11, 0); // 0→1 ×3, cached loop 1→1, node 2 no in-edges
        HostGraph b = TestGraphs.random(7, 12, 12, 1);
        GraphBatch batch = GraphBatch.of(List.of(a, b));
        try (NDManager root = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(root, 5)) {
            GatV2Conv conv = new GatV2Conv(ps, "conv", IN, C, H);
            // Non-zero biases so that every parameter's gradient path is exercised.
            SplittableRandom r = new SplittableRandom(3);
            for (String bias : List.of("conv.lin_l.bias", "conv.lin_r.bias", "conv.bias")) {
                NDArray p = ps.get(bias);
                float[] v = new float[(int) p.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
                p.set(java.nio.FloatBuffer.wrap(v));
            }
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
            denseGrads.forEach((name, g) -> {
                float[] e = refGrads.get(name);
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
}
