package dev.graphids.fusion.state;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import dev.graphids.model.GraphModel;
import dev.graphids.model.dgi.DgiModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.model.vgae.VgaeScores;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.GraphBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fusion features of one upstream model on a batch of graphs ({@code extract_features}), as row-major host
 * arrays keyed {@code model/key}, in batch order. Evaluation mode throughout; the VGAE's are stochastic (random
 * mask, sampled z) as in the original.
 */
public final class ModelFeatures {
    /** The clamp of p(attack) before its log-odds, as the max_sigma fuser applies it. */
    private static final double MIN_P = 1e-7;

    private ModelFeatures() {
    }

    /** The model key under which a model's features are stored ({@code gat}, {@code vgae}, {@code dgi}). */
    public static Map<String, float[]> of(GraphModel model, GraphBatch batch) {
        if (model instanceof GatClassifier g) {
            return gat(g, batch);
        } else if (model instanceof VgaeModel v) {
            return vgae(v, batch);
        } else if (model instanceof DgiModel d) {
            return dgi(d, batch);
        }
        throw new IllegalArgumentException("no fusion features for model type " + model.type());
    }

    /**
     * The features of one state key's models: one model's own, or for several GAT classifiers (an ensemble) their
     * combination: p(attack) from the mean of the members' log-odds, each p clamped to [1e-7, 1 − 1e-7] as the
     * max_sigma fuser clamps it, conf from that p, and the mean of the members' embedding statistics. Averaging
     * log-odds keeps one member's unusually confident call from deciding alone, which is what the ensemble is for:
     * a single GAT's scores on another vehicle's traffic are a draw of its seed (docs/results.md).
     */
    public static Map<String, float[]> of(List<? extends GraphModel> members, GraphBatch batch) {
        if (members.size() == 1) {
            return of(members.get(0), batch);
        }
        int n = batch.size();
        double[] logOdds = new double[n];
        float[] embStats = new float[n * 4];
        for (GraphModel m : members) {
            if (!(m instanceof GatClassifier g)) {
                throw new IllegalArgumentException("an ensemble holds GAT classifiers only, found " + m.type());
            }
            Map<String, float[]> f = gat(g, batch);
            float[] probs = f.get("gat/probs");
            for (int i = 0; i < n; i++) {
                double p = Math.min(1 - MIN_P, Math.max(MIN_P, probs[i * 2 + 1]));
                logOdds[i] += (Math.log(p) - Math.log1p(-p)) / members.size();
            }
            float[] stats = f.get("gat/emb_stats");
            for (int j = 0; j < stats.length; j++) {
                embStats[j] += stats[j] / members.size();
            }
        }
        float[] probs = new float[n * 2];
        float[] conf = new float[n];
        for (int i = 0; i < n; i++) {
            double p = 1 / (1 + Math.exp(-logOdds[i]));
            probs[i * 2] = (float) (1 - p);
            probs[i * 2 + 1] = (float) p;
            conf[i] = FeatureFormulas.gatConf(new float[] {probs[i * 2], probs[i * 2 + 1]});
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("gat/probs", probs);
        out.put("gat/conf", conf);
        out.put("gat/emb_stats", embStats);
        return out;
    }

    /** probs [n,2], conf [n,1], emb_stats [n,4] (models.md §2.6). */
    static Map<String, float[]> gat(GatClassifier gat, GraphBatch batch) {
        float[][] embAndProbs = gat.embeddingsAndProbabilities(batch);
        int n = batch.size();
        int c = embAndProbs[0].length / n;
        int k = embAndProbs[1].length / n;
        float[] probs = embAndProbs[1];
        float[] conf = new float[n];
        float[] embStats = new float[n * 4];
        for (int i = 0; i < n; i++) {
            conf[i] = FeatureFormulas.gatConf(java.util.Arrays.copyOfRange(probs, i * k, i * k + k));
            System.arraycopy(FeatureFormulas.stats(embAndProbs[0], i * c, c), 0, embStats, i * 4, 4);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("gat/probs", probs);
        out.put("gat/conf", conf);
        out.put("gat/emb_stats", embStats);
        return out;
    }

    /** errors [n,3] = recon, mahal, kl; conf; z_stats [n,4]; spike = recon_max; affinity; rq (models.md §3.6). */
    static Map<String, float[]> vgae(VgaeModel vgae, GraphBatch batch) {
        VgaeScores c = vgae.components(batch);
        int n = batch.size();
        float[] z = inStep(vgae, batch, t -> vgae.maskedLatent(t).toFloatArray());
        float[] errors = new float[n * 3];
        float[] conf = new float[n];
        for (int i = 0; i < n; i++) {
            errors[i * 3] = c.recon()[i];
            errors[i * 3 + 1] = c.mahal()[i];
            errors[i * 3 + 2] = c.kl()[i];
            conf[i] = FeatureFormulas.inverseConf(c.recon()[i]);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("vgae/errors", errors);
        out.put("vgae/conf", conf);
        out.put("vgae/z_stats", zStats(z, batch, vgae.config().latentDim()));
        out.put("vgae/spike", c.reconMax());
        out.put("vgae/affinity", c.affinity());
        out.put("vgae/rq", c.rq());
        return out;
    }

    /** pos_stats [n,3] = 1 − mean D, mean D, std D; conf = 1/(1 + anomaly); z_stats (models.md §3.7). */
    static Map<String, float[]> dgi(DgiModel dgi, GraphBatch batch) {
        NDArray w = dgi.parameters().get("discriminator.weight");
        float[][] zd = inStep(dgi, batch, t -> {
            NDArray z = dgi.nodeLatents(t);
            NDArray s = Activation.sigmoid(Nn.meanPool(z, t.nodeMask(), t.nodeCount()));
            NDArray d = Activation.sigmoid(z.matMul(s.matMul(w.transpose()).expandDims(2)).squeeze(2));
            return new float[][] {z.toFloatArray(), d.toFloatArray()};
        });
        int n = batch.size();
        int maxNodes = batch.maxNodes();
        float[] pos = new float[n * 3];
        float[] conf = new float[n];
        for (int i = 0; i < n; i++) {
            float[] p = FeatureFormulas.posStats(zd[1], i * maxNodes, batch.nodeCount(i));
            System.arraycopy(p, 0, pos, i * 3, 3);
            conf[i] = FeatureFormulas.inverseConf(p[0]);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("dgi/pos_stats", pos);
        out.put("dgi/conf", conf);
        out.put("dgi/z_stats", zStats(zd[0], batch, dgi.config().latentDim()));
        return out;
    }

    /** z_stats of each graph from padded node latents [B, maxNodes, latent] (real nodes come first). */
    private static float[] zStats(float[] z, GraphBatch batch, int latent) {
        int n = batch.size();
        int maxNodes = batch.maxNodes();
        float[] out = new float[n * 4];
        for (int i = 0; i < n; i++) {
            float[] s = FeatureFormulas.zStats(z, i * maxNodes * latent, batch.nodeCount(i), latent);
            System.arraycopy(s, 0, out, i * 4, 4);
        }
        return out;
    }

    /** Runs {@code body} on the batch's tensors in a step manager and scope that close afterwards. */
    private static <T> T inStep(GraphModel model, GraphBatch batch, Function<BatchTensors, T> body) {
        try (NDManager step = model.parameters().manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return body.apply(batch.tensors(step));
        }
    }
}
