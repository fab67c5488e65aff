package dev.graphids.analysis;

import dev.graphids.analysis.plot.AnalysisCharts;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.io.Safetensors;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.tensor.HostGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GAT attention coefficients of the first {@code attention_max_samples} validation graphs, one graph at a time
 * (runtime.md §8.4), as {@code attention_weights.safetensors}: per sample i {@code sample_i_label} I64 [1],
 * {@code sample_i_edge_index} I64 [2, E] (source row, destination row; node numbers within the window, GAT edges
 * with their self-loops), {@code sample_i_can_id} I64 [n] (the CAN ID of each node, −1 for IDs unseen in training)
 * and {@code sample_i_layer_j_alpha} F32 [E, H]; plus {@code n_samples} I64 [1]. The heat map shows the last layer
 * of the first attack window (else the first window): for each receiving CAN ID (row), the share of its attention on
 * each sending CAN ID (column), averaged over heads and summed over parallel edges, so every row sums to 1.
 */
final class AttentionArtifact implements Artifact {
    static final String FILE = "attention_weights.safetensors";
    static final String PNG = "attention_heatmap.png";

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public List<String> outputs(String modelType) {
        return List.of(FILE, PNG);
    }

    @Override
    public void write(AnalysisContext ctx) throws Exception {
        GatClassifier gat = (GatClassifier) ctx.model();
        CanIdVocabulary vocab = ctx.cache().vocabulary();
        int n = Math.min(ctx.config().attentionMaxSamples(), ctx.val().size());
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        int shown = -1;
        GatClassifier.EdgeAttention shownAttention = null;
        long[] shownIds = null;
        for (int i = 0; i < n; i++) {
            HostGraph g = ctx.val().graph(i);
            GatClassifier.EdgeAttention a = gat.attention(ctx.val().batch(new int[] {i}));
            int e = a.src().length;
            long[] edges = new long[2 * e];
            for (int k = 0; k < e; k++) {
                edges[k] = a.src()[k];
                edges[e + k] = a.dst()[k];
            }
            long[] ids = new long[g.numNodes()];
            for (int v = 0; v < ids.length; v++) {
                int index = (int) g.nodeId()[v];
                ids[v] = index == CanIdVocabulary.UNKNOWN ? -1 : vocab.canIdAt(index);
            }
            tensors.add(Safetensors.Tensor.i64("sample_" + i + "_label", new long[] {g.y()}, 1));
            tensors.add(Safetensors.Tensor.i64("sample_" + i + "_edge_index", edges, 2, e));
            tensors.add(Safetensors.Tensor.i64("sample_" + i + "_can_id", ids, ids.length));
            for (int l = 0; l < a.alpha().length; l++) {
                int heads = a.alpha()[l][0].length;
                float[] flat = new float[e * heads];
                for (int k = 0; k < e; k++) {
                    System.arraycopy(a.alpha()[l][k], 0, flat, k * heads, heads);
                }
                tensors.add(Safetensors.Tensor.f32("sample_" + i + "_layer_" + l + "_alpha", flat, e, heads));
            }
            if (shownAttention == null || (g.y() != 0 && ctx.val().graph(shown).y() == 0)) {
                shown = i;
                shownAttention = a;
                shownIds = ids;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("attention: the validation split has no graphs");
        }
        tensors.add(Safetensors.Tensor.i64("n_samples", new long[] {n}, 1));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model_type", gat.type());
        meta.put("dataset", ctx.dataset());
        meta.put("layers", Integer.toString(shownAttention.alpha().length));
        Safetensors.write(ctx.dir().resolve(FILE), tensors, meta);
        heatmap(ctx, shown, shownAttention, shownIds);
    }

    private static void heatmap(AnalysisContext ctx, int sample, GatClassifier.EdgeAttention a, long[] ids)
            throws Exception {
        int nodes = ids.length;
        int last = a.alpha().length - 1;
        double[][] m = new double[nodes][nodes];
        for (int k = 0; k < a.src().length; k++) {
            float[] heads = a.alpha()[last][k];
            double mean = 0;
            for (float h : heads) {
                mean += h / heads.length;
            }
            m[a.dst()[k]][a.src()[k]] += mean;
        }
        String[] names = new String[nodes];
        for (int v = 0; v < nodes; v++) {
            names[v] = ids[v] < 0 ? "unseen#" + v : String.format("0x%03X", ids[v]);
        }
        String label = ctx.val().graph(sample).y() != 0 ? "attack" : "benign";
        AnalysisCharts.heatmap(ctx.dir().resolve(PNG), ctx.title("attention, layer " + (last + 1) + ", validation "
                + "window " + sample + " (" + label + ")"), "sending CAN ID (message source)",
                "receiving CAN ID (attending node)", names, names, m, "attention share α (0–1)", 0, 1, nodes <= 12);
    }
}
