package dev.graphids.analysis;

import dev.graphids.analysis.plot.AnalysisCharts;
import dev.graphids.graph.AttackTypes;
import dev.graphids.io.Safetensors;
import dev.graphids.model.GraphModel;
import dev.graphids.model.dgi.DgiModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.tensor.GraphBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pooled graph embeddings of the first {@code embedding_max_samples} validation graphs (runtime.md §8.3): gat → the
 * pooled embedding the head reads; vgae → the unmasked encoder mean μ, mean-pooled; dgi → the encoder output,
 * mean-pooled. Written as {@code embeddings.safetensors} ({@code embeddings} F32 [N, D], {@code labels} I64 [N],
 * {@code attack_type} I64 [N], {@code pca} F32 [N, 2]) with their 2-D PCA projection plotted by class and by attack
 * type.
 */
final class EmbeddingArtifact implements Artifact {
    static final String FILE = "embeddings.safetensors";
    static final String BY_CLASS = "embeddings_pca_class.png";
    static final String BY_ATTACK = "embeddings_pca_attack_type.png";

    @Override
    public String name() {
        return "embeddings";
    }

    @Override
    public List<String> outputs(String modelType) {
        return List.of(FILE, BY_CLASS, BY_ATTACK);
    }

    static float[][] embed(GraphModel model, GraphBatch b) {
        if (model instanceof GatClassifier g) {
            return g.graphEmbeddings(b);
        }
        if (model instanceof VgaeModel v) {
            return v.graphEmbeddings(b);
        }
        if (model instanceof DgiModel d) {
            return d.graphEmbeddings(b);
        }
        throw new IllegalArgumentException("no embeddings for model type " + model.type());
    }

    @Override
    public void write(AnalysisContext ctx) throws Exception {
        List<float[]> rows = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        List<Integer> attacks = new ArrayList<>();
        for (GraphBatch b : ctx.firstBatches(ctx.config().embeddingMaxSamples())) {
            float[][] e = embed(ctx.model(), b);
            for (int i = 0; i < b.size(); i++) {
                rows.add(e[i]);
                labels.add(b.labels()[i] != 0 ? 1L : 0L);
                attacks.add(b.attackTypes()[i]);
            }
        }
        int n = rows.size();
        if (n < 2) {
            throw new IllegalStateException("embeddings need at least 2 validation graphs, found " + n);
        }
        int d = rows.get(0).length;
        double[][] x = new double[n][d];
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rows.get(i)[j];
                flat[i * d + j] = rows.get(i)[j];
            }
        }
        Pca pca = Pca.fit(x, 2);
        int k = pca.components().length;
        float[] projected = new float[n * 2];
        for (int i = 0; i < n; i++) {
            projected[2 * i] = (float) pca.projection()[i][0];
            projected[2 * i + 1] = k > 1 ? (float) pca.projection()[i][1] : 0f;
        }
        long[] y = labels.stream().mapToLong(Long::longValue).toArray();
        long[] types = attacks.stream().mapToLong(Integer::longValue).toArray();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model_type", ctx.model().type());
        meta.put("dataset", ctx.dataset());
        meta.put("split", "val");
        meta.put("pca_explained_variance_ratio", String.format(Locale.ROOT, "[%.6f, %.6f]", pca.explainedRatio(0),
                k > 1 ? pca.explainedRatio(1) : 0.0));
        Safetensors.write(ctx.dir().resolve(FILE), List.of(Safetensors.Tensor.f32("embeddings", flat, n, d),
                Safetensors.Tensor.i64("labels", y, n), Safetensors.Tensor.i64("attack_type", types, n),
                Safetensors.Tensor.f32("pca", projected, n, 2)), meta);
        String xl = String.format(Locale.ROOT, "PC 1 (%.1f %% of variance, embedding units)", 100 * pca.explainedRatio(0));
        String yl = String.format(Locale.ROOT, "PC 2 (%.1f %% of variance, embedding units)",
                k > 1 ? 100 * pca.explainedRatio(1) : 0.0);
        Map<String, double[][]> byClass = new LinkedHashMap<>();
        Map<String, double[][]> byAttack = new LinkedHashMap<>();
        Map<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(y[i] == 0 ? -1 : (int) types[i], c -> new ArrayList<>()).add(i);
        }
        byClass.put("benign", points(projected, select(y, 0)));
        byClass.put("attack", points(projected, select(y, 1)));
        members.forEach((code, idx) -> byAttack.put(code < 0 ? "benign" : code == AttackTypes.BENIGN
                ? "attack (type unknown)" : AttackTypes.nameOf(code), points(projected, idx)));
        AnalysisCharts.scatter(ctx.dir().resolve(BY_CLASS), ctx.title("graph embeddings (validation, PCA) by class"),
                xl, yl, byClass);
        AnalysisCharts.scatter(ctx.dir().resolve(BY_ATTACK),
                ctx.title("graph embeddings (validation, PCA) by attack type"), xl, yl, byAttack);
    }

    private static List<Integer> select(long[] y, int label) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == label) {
                out.add(i);
            }
        }
        return out;
    }

    private static double[][] points(float[] xy, List<Integer> idx) {
        double[][] out = new double[2][idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            out[0][k] = xy[2 * idx.get(k)];
            out[1][k] = xy[2 * idx.get(k) + 1];
        }
        return out;
    }
}
