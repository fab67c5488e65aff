package dev.graphids.model.vgae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.AbstractGraphModel;
import dev.graphids.model.Adam;
import dev.graphids.model.DataDims;
import dev.graphids.model.ParameterStore;
import dev.graphids.model.distill.DistillationLosses;
import dev.graphids.model.layer.ConvBlock;
import dev.graphids.model.layer.InputEncoder;
import dev.graphids.model.layer.Linear;
import dev.graphids.model.layer.Mlp;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.layer.Scalars;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * The masked VGAE (models.md §3.2–3.5). Training, validation and scoring all use the masked forward: each real node
 * is masked with probability {@code mask_rate} (features and ID features zeroed, vocabulary id → the mask row
 * {@code num_ids}, hash bucket → the mask row {@code id_buckets}), z is always sampled. Loss
 * {@code recon + 0.1·canid + 0.1·nbr + 0.01·kl + 0.1·edge}. The anomaly score is the max-σ of the calibrated
 * components recon, recon_max, affinity and rq ({@link #calibrate}; scoring before calibration throws).
 *
 * <p>Parameter names: {@code id_encoder.*}, {@code encoder.<i>.*}, {@code mu.*}, {@code logvar.*},
 * {@code decoder.<i>.*}, {@code canid_head.*}, {@code nbr_mlp.*}, {@code edge_mlp.*}; buffers
 * {@code score_<c>_mean}, {@code score_<c>_std}, {@code mu_mean}, {@code mu_std}, {@code score_norm_fitted}.
 */
public final class VgaeModel extends AbstractGraphModel {
    static final String[] COMPONENTS = {"recon", "recon_max", "affinity", "rq"};

    private final VgaeConfig config;
    private final InputEncoder encoder;
    private final List<ConvBlock> encoderBlocks = new ArrayList<>();
    private final Linear mu;
    private final Linear logvar;
    private final List<ConvBlock> decoderBlocks = new ArrayList<>();
    private final Linear canidHead;
    private final Mlp nbrMlp;
    private final Mlp edgeMlp;
    private final NDArray muMean;
    private final NDArray muStd;
    private final NDArray componentMean;
    private final NDArray componentStd;
    private final NDArray fitted;
    private VgaeModel teacher;
    private ParameterStore kdParams;
    private Linear kdProjection;
    private Adam kdOptimizer;
    private double kdAlpha;
    private double kdLatentWeight;
    private double kdReconWeight;

    public VgaeModel(VgaeConfig config, DataDims dims, NDManager parent, long seed) {
        super(parent, dims, seed);
        this.config = config;
        int latent = config.latentDim();
        double p = config.dropout();
        encoder = new InputEncoder(params, "id_encoder", dims.numIds() + 1L, config.embeddingDim(),
                config.idHashEmbedding() ? dims.idBuckets() + 1L : 0, config.idFeatures());
        long in = encoder.outWidth();
        List<Integer> targets = config.encoderTargets();
        for (int i = 0; i < targets.size(); i++) {
            encoderBlocks.add(new ConvBlock(params, "encoder." + i, in, targets.get(i), config.heads(),
                    config.batchNorm(), true, p));
            in = targets.get(i);
        }
        mu = new Linear(params, "mu", in, latent, true);
        logvar = new Linear(params, "logvar", in, latent, true);
        List<Integer> dec = new ArrayList<>(targets);
        java.util.Collections.reverse(dec);
        dec.set(dec.size() - 1, HostGraph.NODE_FEATURES);
        long din = latent;
        for (int i = 0; i < dec.size(); i++) {
            boolean last = i == dec.size() - 1;
            decoderBlocks.add(new ConvBlock(params, "decoder." + i, din, dec.get(i), i == 0 ? config.heads() : 1,
                    !last && config.batchNorm(), !last, last ? 0 : p));
            din = dec.get(i);
        }
        canidHead = new Linear(params, "canid_head", latent, dims.numIds(), true);
        int h = config.mlpHidden() == null ? latent : config.mlpHidden();
        nbrMlp = new Mlp(params, "nbr_mlp", p, latent, h, h, latent);
        edgeMlp = new Mlp(params, "edge_mlp", p, 2L * latent, latent, HostGraph.EDGE_FEATURES);
        muMean = params.buffer("mu_mean", new float[latent], new Shape(latent));
        float[] ones = new float[latent];
        java.util.Arrays.fill(ones, 1f);
        muStd = params.buffer("mu_std", ones, new Shape(latent));
        componentMean = params.buffer("score_mean", new float[4], new Shape(4));
        componentStd = params.buffer("score_std", new float[] {1, 1, 1, 1}, new Shape(4));
        fitted = params.buffer("score_norm_fitted", new float[1], new Shape(1));
    }

    @Override
    public String type() {
        return VgaeConfig.TYPE;
    }

    @Override
    public VgaeConfig config() {
        return config;
    }

    /** Excludes the id tables and the CAN-ID head, as models.md §3.2 does. */
    @Override
    public long parameterCountWithoutIdTables() {
        return params.count("id_encoder.", "canid_head.");
    }

    /** Outputs of one forward pass; node tensors are [B, n, ·]. */
    record Forward(NDArray contOut, NDArray canidLogits, NDArray nbrPred, NDArray z, NDArray mu, NDArray kl,
                   NDArray edgePred, NDArray masked) {
    }

    /** Encoder: {mu, logvar, z}. */
    private NDArray[] encode(BatchTensors t, NDArray x, NDArray idf, NDArray masked, boolean training) {
        NDArray h = encoder.forward(t, x, idf, masked);
        for (ConvBlock b : encoderBlocks) {
            h = b.forward(h, t, training);
        }
        NDArray m = mu.forward(h);
        NDArray lv = logvar.forward(h).clip(-10, 10);
        NDArray eps = t.manager().randomNormal(m.getShape());
        NDArray z = eps.mul(Scalars.times(lv, 0.5).exp()).add(m);
        return new NDArray[] {m, lv, z};
    }

    /** The full forward of the loss (masked at the configured rate). */
    Forward forward(BatchTensors t, boolean training) {
        return forward(t, training, config.maskRate(), true);
    }

    /**
     * The evaluation forward without the CAN-ID, neighbour and edge heads, which only the loss reads (their cost is
     * a quarter of scoring; without dropout they draw no random numbers, so what remains is unchanged).
     */
    Forward reconstruct(BatchTensors t, double maskRate) {
        return forward(t, false, maskRate, false);
    }

    /**
     * The forward pass with each real node masked with probability {@code maskRate} (0: the plain forward); the
     * loss heads are computed only with {@code lossHeads} (else null).
     */
    Forward forward(BatchTensors t, boolean training, double maskRate, boolean lossHeads) {
        NDManager mgr = t.manager();
        NDArray masked = mgr.randomUniform(0f, 1f, new Shape(t.size(), t.maxNodes())).lt((float) maskRate)
                .toType(DataType.FLOAT32, false).mul(t.nodeMask());
        NDArray keep = masked.neg().add(1).expandDims(2);
        NDArray maskedBool = masked.toType(DataType.BOOLEAN, false);
        NDArray[] enc = encode(t, t.x().mul(keep), t.idFeatures().mul(keep), maskedBool, training);
        NDArray m = enc[0];
        NDArray lv = enc[1];
        NDArray z = enc[2];
        NDArray kl = Scalars.times(lv.add(1).sub(m.square()).sub(lv.exp()).mean(new int[] {2}), -0.5);
        NDArray h = z;
        for (ConvBlock b : decoderBlocks) {
            h = b.forward(h, t, training);
        }
        if (!lossHeads) {
            return new Forward(h, null, null, z, m, kl, null, masked);
        }
        NDArray canid = canidHead.forward(z);
        NDArray nbr = nbrMlp.forward(z, training);
        long latent = config.latentDim();
        NDArray pair = NDArrays.concat(new NDList(t.rawSrcOneHot().matMul(z), t.rawDstOneHot().matMul(z)), 2)
                .reshape(-1, 2 * latent);
        NDArray edge = edgeMlp.forward(pair, training);
        return new Forward(h, canid, nbr, z, m, kl, edge, masked);
    }

    /**
     * Trains (and validates) this model as a student of {@code teacher} (models.md §5.3): loss
     * {@code alpha·(latent_w·MSE(P(z_s), z_t) + recon_w·MSE(x̂_s, x̂_t)) + (1 − alpha)·own loss}, the student's
     * outputs from its masked forward, the teacher's from an unmasked one, rows aligned node by node. The
     * projection {@code P} (student latent → teacher latent) is trained with its own Adam at the student's learning
     * rate and, as in the original, is not part of the student's checkpoint.
     */
    public void distilFrom(VgaeModel teacher, double alpha, double latentWeight, double reconWeight, long seed) {
        if (teacher.dims().numIds() != dims.numIds()) {
            throw new IllegalArgumentException("the teacher was built for " + teacher.dims() + ", the student for "
                    + dims + "; both must come from the same graph cache");
        }
        this.teacher = teacher;
        this.kdAlpha = alpha;
        this.kdLatentWeight = latentWeight;
        this.kdReconWeight = reconWeight;
        kdParams = new ParameterStore(parent, seed);
        kdProjection = new Linear(kdParams, "projection", config.latentDim(), teacher.config().latentDim(), true);
        kdOptimizer = new Adam(kdParams, config.lr(), 0, 0);
    }

    /** Node latents z [B, n, latent] of one masked, sampled forward in evaluation mode (fusion z_stats). */
    public NDArray maskedLatent(BatchTensors t) {
        return reconstruct(t, config.maskRate()).z();
    }

    @Override
    protected NDArray loss(BatchTensors t, boolean training) {
        Forward f = forward(t, training);
        NDArray own = lossTerms(f, t)[0];
        if (teacher == null) {
            return own;
        }
        Forward target = teacher.reconstruct(t, 0);
        NDArray latent = DistillationLosses.nodeMse(kdProjection.forward(f.z()), target.z().stopGradient(),
                t.nodeMask());
        NDArray recon = DistillationLosses.nodeMse(f.contOut(), target.contOut().stopGradient(), t.nodeMask());
        NDArray kd = Scalars.times(latent, kdLatentWeight).add(Scalars.times(recon, kdReconWeight));
        return DistillationLosses.mix(kd, own, kdAlpha);
    }

    @Override
    protected void afterStep() {
        if (kdOptimizer != null) {
            kdOptimizer.step();
        }
    }

    /**
     * Curriculum difficulty per graph (models.md §6.1): the mean over real nodes of the per-node mean squared
     * feature error of an unmasked forward (z sampled, so slightly stochastic). Higher = harder.
     */
    public float[] reconstructionDifficulty(GraphBatch batch) {
        return inStep(batch, t -> {
            Forward f = reconstruct(t, 0);
            NDArray nodeErr = nodeError(f, t).mul(t.nodeMask());
            return nodeErr.sum(new int[] {1}).div(t.nodeCount().squeeze(1)).toFloatArray();
        });
    }

    /** Per-node mean squared feature reconstruction error [B, n] (padding rows included). */
    private static NDArray nodeError(Forward f, BatchTensors t) {
        return f.contOut().sub(t.x()).square().mean(new int[] {2});
    }

    /** {total, recon, canid, kl, nbr, edge} as scalars. */
    NDArray[] lossTerms(Forward f, BatchTensors t) {
        NDArray nodeMask = t.nodeMask();
        long realNodes = t.batch().totalNodes();
        NDArray recon = Scalars.dividedBy(nodeError(f, t).mul(nodeMask).sum(), realNodes);
        // CAN-ID cross-entropy over masked nodes (all nodes when none is masked).
        NDArray ce = Nn.crossEntropy(f.canidLogits().reshape(-1, dims.numIds()), t.nodeId().flatten());
        float maskedCount = f.masked().sum().getFloat();
        NDArray sel = maskedCount > 0 ? f.masked().flatten() : nodeMask.flatten();
        NDArray canid = Scalars.dividedBy(ce.mul(sel).sum(), maskedCount > 0 ? maskedCount : realNodes);
        NDArray kl = Scalars.dividedBy(f.kl().mul(nodeMask).sum(), realNodes);
        // GAD-NR targets: mean latent over each node's out-edges (count clamped >= 1).
        NDArray adj = t.outAdjacency();
        NDArray deg = Scalars.atLeast(adj.sum(new int[] {2}, true), 1);
        NDArray target = adj.matMul(f.z()).div(deg);
        long latent = config.latentDim();
        NDArray nbr = GaussianFit.klLoss(f.nbrPred().reshape(-1, latent), target.reshape(-1, latent),
                nodeMask.flatten(), realNodes);
        NDArray edgeMask = t.rawEdgeMask();
        long realEdges = Math.max(1, Math.round(edgeMask.sum().getFloat()));
        NDArray edge = Scalars.dividedBy(
                f.edgePred().sub(t.rawEdgeAttr()).square().mean(new int[] {1}).mul(edgeMask).sum(), realEdges);
        NDArray total = recon.add(Scalars.times(canid, config.canidWeight())).add(Scalars.times(nbr, config.nbrWeight()))
                .add(Scalars.times(kl, config.klWeight())).add(Scalars.times(edge, config.edgeWeight()));
        return new NDArray[] {total, recon, canid, kl, nbr, edge};
    }

    /** The loss terms of a batch in evaluation mode (host values): total, recon, canid, kl, nbr, edge. */
    public double[] lossComponents(GraphBatch batch) {
        return inStep(batch, t -> {
            NDArray[] terms = lossTerms(forward(t, false), t);
            double[] out = new double[terms.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = terms[i].getFloat();
            }
            return out;
        });
    }

    /** The unmasked encoder mean mu, mean-pooled per graph: [B][latent] (evaluation mode, for analysis). */
    public float[][] graphEmbeddings(GraphBatch batch) {
        int latent = config.latentDim();
        return inStep(batch, t -> {
            float[] flat = Nn.meanPool(encode(t, t.x(), t.idFeatures(), null, false)[0], t.nodeMask(),
                    t.nodeCount()).toFloatArray();
            float[][] out = new float[batch.size()][latent];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(flat, i * latent, out[i], 0, latent);
            }
            return out;
        });
    }

    /**
     * Raw score components per graph (models.md §3.5), each [B]: recon and recon_max over masked nodes of the
     * masked forward (0 when none is masked; every real node of an unmasked forward with {@code score_nodes: all}),
     * affinity from a second, unmasked encode, rq on the input features, plus mahal (with the calibration buffers)
     * and kl.
     */
    public VgaeScores components(GraphBatch batch) {
        int k = config.scoreSamples();
        if (k == 1) {
            return sampledComponents(batch);
        }
        VgaeScores sum = sampledComponents(batch);
        for (int i = 1; i < k; i++) {
            sum = sum.plus(sampledComponents(batch));
        }
        return sum.times(1.0f / k);
    }

    /** The components of one masked, sampled forward. */
    private VgaeScores sampledComponents(GraphBatch batch) {
        return inStep(batch, t -> {
            boolean all = config.scoreNodes().equals("all");
            Forward f = reconstruct(t, all ? 0 : config.maskRate());
            NDArray mask = all ? t.nodeMask() : f.masked();
            NDArray nodeErr = nodeError(f, t);
            NDArray maskedErr = nodeErr.mul(mask);
            NDArray maskedCount = mask.sum(new int[] {1});
            NDArray recon = maskedErr.sum(new int[] {1}).div(Scalars.atLeast(maskedCount, 1));
            NDArray reconMax = maskedErr.max(new int[] {1});
            NDArray z = encode(t, t.x(), t.idFeatures(), null, false)[2];
            NDArray affinity = affinity(z, t);
            NDArray rq = rayleighQuotient(t);
            NDArray dev = f.mu().sub(muMean).div(Scalars.atLeast(muStd, 1e-3)).square().sum(new int[] {2});
            NDArray mahal = dev.mul(t.nodeMask()).sum(new int[] {1}).div(t.nodeCount().squeeze(1));
            NDArray kl = f.kl().mul(t.nodeMask()).sum(new int[] {1}).div(t.nodeCount().squeeze(1));
            return new VgaeScores(recon.toFloatArray(), reconMax.toFloatArray(), affinity.toFloatArray(),
                    rq.toFloatArray(), mahal.toFloatArray(), kl.toFloatArray());
        });
    }

    /** TAM affinity: per node 1 − mean cos(z_i, z_j) over out-edges (isolated → 1), mean per graph. */
    private static NDArray affinity(NDArray z, BatchTensors t) {
        NDArray zn = z.div(Scalars.atLeast(z.norm(new int[] {2}, true), 1e-8));
        NDArray cos = zn.matMul(zn.transpose(0, 2, 1));
        NDArray adj = t.outAdjacency();
        NDArray deg = adj.sum(new int[] {2});
        NDArray meanCos = adj.mul(cos).sum(new int[] {2}).div(Scalars.atLeast(deg, 1));
        NDArray perNode = meanCos.neg().add(1); // isolated nodes: meanCos 0 → 1
        return perNode.mul(t.nodeMask()).sum(new int[] {1}).div(t.nodeCount().squeeze(1));
    }

    /** RQGNN: Σ_edges ‖x_i − x_j‖² / (Σ_nodes ‖x_i‖² + 1e-8) per graph. */
    private static NDArray rayleighQuotient(BatchTensors t) {
        NDArray xf = t.x().reshape(-1, HostGraph.NODE_FEATURES);
        NDArray diff = xf.get(t.rawSrc()).sub(xf.get(t.rawDst())).square().sum(new int[] {1})
                .mul(t.rawEdgeMask()).reshape(t.size(), t.rawEdges()).sum(new int[] {1});
        NDArray norm = t.x().square().sum(new int[] {2}).mul(t.nodeMask()).sum(new int[] {1});
        return diff.div(norm.add(1e-8f));
    }

    /**
     * Fits the score normalisation on benign validation graphs (models.md §3.5, Decision 2): pass 1 the per-dimension
     * mean and std of mu (std clamped ≥ 1e-3), pass 2 the mean and unbiased std of the four components.
     *
     * @throws IllegalStateException when fewer than {@code min_calibration_graphs} graphs are given
     */
    public void calibrate(Iterable<GraphBatch> benignVal) {
        int latent = config.latentDim();
        double[] sum = new double[latent];
        double[] sq = new double[latent];
        long nodes = 0;
        for (GraphBatch b : benignVal) {
            float[][] mus = inStep(b, t -> {
                Forward f = reconstruct(t, config.maskRate());
                float[] flat = f.mu().reshape(-1, latent).toFloatArray();
                float[] mask = t.nodeMask().toFloatArray();
                return new float[][] {flat, mask};
            });
            for (int i = 0; i < mus[1].length; i++) {
                if (mus[1][i] == 0) {
                    continue;
                }
                nodes++;
                for (int d = 0; d < latent; d++) {
                    double v = mus[0][i * latent + d];
                    sum[d] += v;
                    sq[d] += v * v;
                }
            }
        }
        float[] mean = new float[latent];
        float[] std = new float[latent];
        for (int d = 0; d < latent; d++) {
            mean[d] = (float) (sum[d] / Math.max(nodes, 1));
            double var = nodes > 1 ? (sq[d] - nodes * mean[d] * (double) mean[d]) / (nodes - 1) : 0;
            std[d] = (float) Math.max(Math.sqrt(Math.max(var, 0)), 1e-3);
        }
        muMean.set(java.nio.FloatBuffer.wrap(mean));
        muStd.set(java.nio.FloatBuffer.wrap(std));
        List<float[]> cols = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            cols.add(new float[0]);
        }
        int graphs = 0;
        double[] s = new double[4];
        double[] s2 = new double[4];
        for (GraphBatch b : benignVal) {
            VgaeScores c = components(b);
            float[][] parts = {c.recon(), c.reconMax(), c.affinity(), c.rq()};
            for (int i = 0; i < b.size(); i++) {
                graphs++;
                for (int k = 0; k < 4; k++) {
                    s[k] += parts[k][i];
                    s2[k] += parts[k][i] * (double) parts[k][i];
                }
            }
        }
        if (graphs < config.minCalibrationGraphs()) {
            throw new IllegalStateException("VGAE calibration needs at least " + config.minCalibrationGraphs()
                    + " benign validation graphs, found " + graphs);
        }
        float[] cm = new float[4];
        float[] cs = new float[4];
        for (int k = 0; k < 4; k++) {
            cm[k] = (float) (s[k] / graphs);
            cs[k] = (float) Math.sqrt(Math.max((s2[k] - graphs * cm[k] * (double) cm[k]) / (graphs - 1), 0));
        }
        componentMean.set(java.nio.FloatBuffer.wrap(cm));
        componentStd.set(java.nio.FloatBuffer.wrap(cs));
        fitted.set(java.nio.FloatBuffer.wrap(new float[] {1f}));
    }

    public boolean isCalibrated() {
        return fitted.getFloat(0) > 0;
    }

    /**
     * Max-σ anomaly score {@code max_k (c_k − mean_k) / (std_k + 1e-6)} over the configured {@code score_components};
     * requires {@link #calibrate}.
     */
    @Override
    public float[] score(GraphBatch batch) {
        if (!isCalibrated()) {
            throw new IllegalStateException("VGAE scores need calibration on benign validation graphs first");
        }
        float[] cm = componentMean.toFloatArray();
        float[] cs = componentStd.toFloatArray();
        VgaeScores c = components(batch);
        float[][] parts = {c.recon(), c.reconMax(), c.affinity(), c.rq()};
        float[] out = new float[batch.size()];
        int[] used = config.scoreComponents().stream().mapToInt(VgaeConfig.COMPONENTS::indexOf).toArray();
        for (int i = 0; i < out.length; i++) {
            float best = Float.NEGATIVE_INFINITY;
            for (int k : used) {
                best = Math.max(best, (float) ((parts[k][i] - cm[k]) / (cs[k] + 1e-6)));
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public void close() {
        if (kdOptimizer != null) {
            kdOptimizer.close();
            kdParams.close();
        }
        super.close();
    }
}
