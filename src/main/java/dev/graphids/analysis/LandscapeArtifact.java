package dev.graphids.analysis;

import ai.djl.ndarray.NDArray;
import dev.graphids.analysis.plot.AnalysisCharts;
import dev.graphids.io.AtomicFiles;
import dev.graphids.model.GraphModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A 2-D loss landscape around the trained weights (runtime.md §8.6): two random filter-normalised directions
 * ({@link FilterNormalisation}), a {@code resolution}² grid of α, β in [−scale, +scale] (α outer loop, β inner), the
 * validation loss at {@code base + α·d1 + β·d2} on up to {@code landscape_max_graphs} graphs (a seeded sample without
 * replacement when there are more). Losses: gat → mean cross-entropy of the logits; vgae → reconstruction MSE +
 * {@code kl_weight}·KL of its masked forward; dgi → its own DGI loss. The engine RNG is reseeded before every grid
 * point, so the VGAE's masks and the DGI's negatives are the same at every point and the surface shows the weights'
 * effect only. Written as {@code loss_landscape_{model}.csv} (columns {@code x, y, loss, model_type, dataset}, rows
 * in loop order) and a contour PNG. The base weights are restored afterwards, even on failure.
 */
final class LandscapeArtifact implements Artifact {
    @Override
    public String name() {
        return "landscape";
    }

    static String csv(String modelType) {
        return "loss_landscape_" + modelType + ".csv";
    }

    static String png(String modelType) {
        return "loss_landscape_" + modelType + ".png";
    }

    @Override
    public List<String> outputs(String modelType) {
        return List.of(csv(modelType), png(modelType));
    }

    /** Indices of the graphs to evaluate: all, or a seeded sample of {@code max} without replacement, sorted. */
    static int[] sample(int size, int max, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= max) {
            return all;
        }
        Random r = new Random(seed);
        for (int i = 0; i < max; i++) { // partial Fisher–Yates
            int j = i + r.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Evenly spaced values from −scale to +scale (numpy's linspace). */
    static double[] linspace(double scale, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = -scale + 2 * scale * i / (n - 1);
        }
        return out;
    }

    @Override
    public void write(AnalysisContext ctx) throws Exception {
        GraphModel model = ctx.model();
        int[] members = sample(ctx.val().size(), ctx.config().landscapeMaxGraphs(), ctx.seed());
        List<GraphBatch> batches = new ArrayList<>();
        int per = Math.min(ctx.config().batchSize(), members.length);
        for (int start = 0; start < members.length; start += per) {
            batches.add(ctx.val().batch(java.util.Arrays.copyOfRange(members, start,
                    Math.min(members.length, start + per))));
        }
        Map<String, NDArray> params = model.parameters().parameters();
        List<NDArray> arrays = new ArrayList<>(params.values());
        List<float[]> base = new ArrayList<>();
        List<float[]> d1 = new ArrayList<>();
        List<float[]> d2 = new ArrayList<>();
        Random r1 = new Random(ctx.seed());
        Random r2 = new Random(ctx.seed() + 1);
        for (NDArray p : arrays) {
            float[] w = p.toFloatArray();
            base.add(w);
            long[] shape = p.getShape().getShape();
            d1.add(FilterNormalisation.normalise(FilterNormalisation.gaussian(r1, w.length), w, shape));
            d2.add(FilterNormalisation.normalise(FilterNormalisation.gaussian(r2, w.length), w, shape));
        }
        int res = ctx.config().landscapeResolution();
        double[] grid = linspace(ctx.config().landscapeScale(), res);
        double[][] loss = new double[res][res];
        StringBuilder csv = new StringBuilder("x,y,loss,model_type,dataset\n");
        try {
            for (int i = 0; i < res; i++) {
                for (int j = 0; j < res; j++) {
                    for (int k = 0; k < arrays.size(); k++) {
                        float[] w = base.get(k);
                        float[] moved = new float[w.length];
                        for (int m = 0; m < w.length; m++) {
                            moved[m] = (float) (w[m] + grid[i] * d1.get(k)[m] + grid[j] * d2.get(k)[m]);
                        }
                        arrays.get(k).set(FloatBuffer.wrap(moved));
                    }
                    Engines.seed(ctx.seed());
                    loss[i][j] = meanLoss(model, batches);
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", grid[i], grid[j], loss[i][j],
                            model.type(), ctx.dataset()));
                }
                ctx.log().printf("graphids: analyze: landscape row %d/%d%n", i + 1, res);
                ctx.log().flush();
            }
        } finally {
            for (int k = 0; k < arrays.size(); k++) {
                arrays.get(k).set(FloatBuffer.wrap(base.get(k)));
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve(csv(model.type())), csv.toString());
        AnalysisCharts.contour(ctx.dir().resolve(png(model.type())), ctx.title("validation loss landscape ("
                + members.length + " graphs, " + res + "×" + res + " grid)"), grid, grid, loss,
                lossName(model) + " (validation mean)");
    }

    static String lossName(GraphModel model) {
        return model instanceof GatClassifier ? "cross-entropy (nats)" : model instanceof VgaeModel
                ? "reconstruction MSE + kl_weight·KL" : "DGI loss (binary cross-entropy, nats)";
    }

    /** Graph-count-weighted mean loss over the batches. */
    static double meanLoss(GraphModel model, List<GraphBatch> batches) {
        double sum = 0;
        long graphs = 0;
        for (GraphBatch b : batches) {
            sum += batchLoss(model, b) * b.size();
            graphs += b.size();
        }
        return sum / graphs;
    }

    private static double batchLoss(GraphModel model, GraphBatch b) {
        if (model instanceof GatClassifier g) {
            float[][] p = g.probabilities(b);
            double ce = 0;
            for (int i = 0; i < p.length; i++) {
                ce -= Math.log(Math.max(p[i][(int) b.labels()[i]], 1e-12));
            }
            return ce / p.length;
        }
        if (model instanceof VgaeModel v) {
            double[] terms = v.lossComponents(b); // total, recon, canid, kl, nbr, edge
            return terms[1] + v.config().klWeight() * terms[3];
        }
        return model.evalLoss(b);
    }
}
