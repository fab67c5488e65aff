package dev.graphids.model.gat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import dev.graphids.model.AbstractGraphModel;
import dev.graphids.model.DataDims;
import dev.graphids.model.LossAndScores;
import dev.graphids.model.cpu.CpuKernels;
import dev.graphids.model.distill.DistillationLosses;
import dev.graphids.model.layer.GatV2Conv;
import dev.graphids.model.layer.InputEncoder;
import dev.graphids.model.layer.JumpingKnowledgeLstm;
import dev.graphids.model.layer.Linear;
import dev.graphids.model.layer.Mlp;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.layer.Scalars;
import dev.graphids.model.layer.SequencePool;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * GAT classifier (models.md §2.2): input encoder → L × [GATv2 (edge features, self-loops) → ReLU → dropout] →
 * LSTM jumping knowledge → mean pool → FC head → logits. Parameter names: {@code id_encoder.*}, {@code proj.*},
 * {@code convs.<i>.*}, {@code jk.*}, {@code fc_layers.<i>.*}.
 */
public final class GatClassifier extends AbstractGraphModel {
    /** Node feature columns that {@code timing_features: false} hides (zeroes). */
    static final int[] TIMING_NODE_COLUMNS = {NodeFeatures.NODE_IAT_MEAN, NodeFeatures.NODE_IAT_STD};
    /** Edge feature columns that {@code timing_features: false} hides. */
    static final int[] TIMING_EDGE_COLUMNS = {EdgeFeatures.IAT};
    private final GatConfig config;
    private final InputEncoder encoder;
    private final Linear proj;
    private final List<GatV2Conv> convs = new ArrayList<>();
    private final JumpingKnowledgeLstm jk;
    private final Mlp head;
    private final SequencePool sequencePool;
    private GatClassifier teacher;
    private TeacherOutputs teacherOutputs;
    private double kdAlpha;
    private double kdTemperature;
    private double kdFeatureNoise;
    private double kdSimilarityWeight;

    public GatClassifier(GatConfig config, DataDims dims, NDManager parent, long seed) {
        super(parent, dims, seed);
        this.config = config;
        encoder = new InputEncoder(params, "id_encoder", dims.numIds(), config.embeddingDim(),
                config.idHashEmbedding() ? dims.idBuckets() : 0, config.idFeatures());
        long in = encoder.outWidth();
        if (config.projDim() > 0) {
            proj = new Linear(params, "proj", HostGraph.NODE_FEATURES, config.projDim(), true);
            in += config.projDim() - HostGraph.NODE_FEATURES;
        } else {
            proj = null;
        }
        for (int i = 0; i < config.layers(); i++) {
            convs.add(new GatV2Conv(params, "convs." + i, in, config.hidden(), config.heads()));
            in = config.width();
        }
        jk = new JumpingKnowledgeLstm(params, "jk", config.width(), config.layers());
        long[] widths = new long[config.fcLayers() + 1];
        java.util.Arrays.fill(widths, config.width());
        widths[widths.length - 1] = dims.numClasses();
        head = new Mlp(params, "fc_layers", config.dropout(), widths);
        sequencePool = new SequencePool(params, "seq_pool", config.sequencePool(), config.width());
    }

    @Override
    public String type() {
        return GatConfig.TYPE;
    }

    @Override
    public GatConfig config() {
        return config;
    }

    @Override
    public long parameterCountWithoutIdTables() {
        return params.count("id_encoder.");
    }

    /**
     * The batch as this model sees it: with {@code timing_features: false} the timing columns (node_iat_mean,
     * node_iat_std, edge iat) are zeroed, i.e. set to their benign training mean on the scaled features, so that
     * a vehicle whose bus runs at another rate looks like the training vehicles to the model.
     */
    private BatchTensors visibleFeatures(BatchTensors t) {
        if (config.timingFeatures()) {
            return t;
        }
        NDManager m = t.manager();
        float[] node = new float[HostGraph.NODE_FEATURES];
        java.util.Arrays.fill(node, 1f);
        for (int c : TIMING_NODE_COLUMNS) {
            node[c] = 0f;
        }
        float[] edge = new float[HostGraph.EDGE_FEATURES];
        java.util.Arrays.fill(edge, 1f);
        for (int c : TIMING_EDGE_COLUMNS) {
            edge[c] = 0f;
        }
        return t.withFeatures(t.x().mul(m.create(node)), t.gatEdgeAttr().mul(m.create(edge)));
    }

    /** Pooled sample embeddings [samples, C] (before the head); snapshot sequences pool their steps' embeddings. */
    public NDArray embed(BatchTensors batch, boolean training) {
        BatchTensors t = visibleFeatures(batch);
        NDArray x = proj == null ? t.x() : proj.forward(t.x());
        NDArray h = encoder.forward(t, x, t.idFeatures(), null);
        List<NDArray> outs = new ArrayList<>();
        NDArray real = t.realNodeIndex();
        for (GatV2Conv conv : convs) {
            h = Nn.dropout(Activation.relu(conv.forward(h, t)), config.dropout(), training);
            outs.add(Nn.rows(h.reshape(-1, config.width()), real)); // JK runs on real nodes only
        }
        NDArray node = jk.forward(outs); // [N_real, C]
        NDArray graphs = t.poolMatrix().matMul(node);
        int length = t.batch().sequenceLength();
        return length == 1 ? graphs : sequencePool.forward(graphs, t.nodeCount(), length);
    }

    /** Logits [B, num_classes]. */
    public NDArray logits(BatchTensors t, boolean training) {
        return head(embed(t, training), training);
    }

    /** The FC head on pooled embeddings [B, C] → logits (fusion features need both from one pass). */
    public NDArray head(NDArray embedding, boolean training) {
        return head.forward(embedding, training);
    }

    /**
     * Trains (and validates) this model as a student of {@code teacher} (models.md §5.2): loss
     * {@code alpha·T²·KL(teacher ‖ student at temperature T) + (1 − alpha)·own loss}. The teacher stays frozen, so
     * its outputs on each cached graph are computed once and read back in later epochs ({@link TeacherOutputs}).
     *
     * @param featureNoise 0, or the standard deviation of Gaussian noise added to the scaled node features of a
     *                     second copy of each training batch: the distillation term is then the mean of the KL on the
     *                     batch and on the noisy copy, so the student also matches the teacher on graphs rougher
     *                     than any in the training data (on hcrl_sa measured without gain, docs/results.md)
     * @param similarityWeight 0, or the weight β of a further term {@code β·}{@link DistillationLosses#similarity}
     *                     on the pooled graph embeddings: the student also matches which graphs the teacher finds alike
     */
    public void distilFrom(GatClassifier teacher, double alpha, double temperature, double featureNoise,
                           double similarityWeight) {
        if (teacher.dims().numIds() != dims.numIds() || teacher.dims().numClasses() != dims.numClasses()) {
            throw new IllegalArgumentException("the teacher was built for " + teacher.dims() + ", the student for "
                    + dims + "; both must come from the same graph cache");
        }
        this.teacher = teacher;
        this.kdAlpha = alpha;
        this.kdTemperature = temperature;
        this.kdFeatureNoise = featureNoise;
        this.kdSimilarityWeight = similarityWeight;
        this.teacherOutputs = new TeacherOutputs(teacher, similarityWeight > 0);
    }

    @Override
    protected NDArray loss(BatchTensors t, boolean training) {
        NDArray embedding = embed(t, training);
        return loss(t, embedding, head(embedding, training), training);
    }

    /** Validation in one forward pass: the loss and p(attack) from the same logits. */
    @Override
    public LossAndScores evalLossAndScores(GraphBatch batch) {
        return inStep(batch, t -> {
            NDArray embedding = embed(t, false);
            NDArray logits = head(embedding, false);
            double loss = loss(t, embedding, logits, false).getFloat();
            return new LossAndScores(loss, logits.softmax(-1).get(":, 1").toFloatArray());
        });
    }

    private NDArray loss(BatchTensors t, NDArray embedding, NDArray logits, boolean training) {
        NDArray own = config.loss().apply(logits, t.y(), training ? t.sampleWeights() : null);
        if (teacher == null) {
            return own;
        }
        TeacherOutputs.Outputs fromTeacher = teacherOutputs.of(t);
        NDArray soft = DistillationLosses.softLabel(logits, fromTeacher.logits(), kdTemperature);
        if (training && kdFeatureNoise > 0) {
            NDArray noise = t.manager().randomNormal(t.x().getShape()).mul(t.nodeMask().expandDims(2));
            BatchTensors noisy = t.withNodeFeatures(t.x().add(Scalars.times(noise, kdFeatureNoise)));
            NDArray softNoisy = DistillationLosses.softLabel(logits(noisy, true),
                    teacher.logits(noisy, false).stopGradient(), kdTemperature);
            soft = Scalars.times(soft.add(softNoisy), 0.5);
        }
        NDArray mixed = DistillationLosses.mix(soft, own, kdAlpha);
        if (kdSimilarityWeight > 0) {
            mixed = mixed.add(Scalars.times(DistillationLosses.similarity(embedding, fromTeacher.embeddings()),
                    kdSimilarityWeight));
        }
        return mixed;
    }

    /**
     * Whether evaluation forwards of {@code batch} run on {@link GatCpuForward} rather than libtorch: on a CPU
     * with the vector module loaded, for snapshot graphs (sequence pooling stays on libtorch).
     */
    private boolean onCpuKernels(GraphBatch batch) {
        return CpuKernels.available() && batch.sequenceLength() == 1 && !params.manager().getDevice().isGpu();
    }

    private GatCpuForward.Outputs cpuForward(GraphBatch batch) {
        return new GatCpuForward(config, params, (int) dims.numClasses(), Engines.threads()).run(batch);
    }

    /**
     * Pooled embeddings [B·C] and softmax probabilities [B·K] of one evaluation forward (row-major), as the fusion
     * state needs both.
     */
    public float[][] embeddingsAndProbabilities(GraphBatch batch) {
        if (onCpuKernels(batch)) {
            GatCpuForward.Outputs out = cpuForward(batch);
            return new float[][] {out.embeddings(), out.probabilities()};
        }
        return inStep(batch, t -> {
            NDArray emb = embed(t, false);
            return new float[][] {emb.toFloatArray(), head(emb, false).softmax(-1).toFloatArray()};
        });
    }

    /** Softmax probabilities [B][num_classes]. */
    public float[][] probabilities(GraphBatch batch) {
        if (onCpuKernels(batch)) {
            return rows(cpuForward(batch).probabilities(), batch.size(), (int) dims.numClasses());
        }
        return inStep(batch, t -> {
            NDArray p = logits(t, false).softmax(-1);
            return rows(p.toFloatArray(), batch.samples(), dims.numClasses());
        });
    }

    /**
     * Evaluation-mode node representations after each conv layer (ReLU, no dropout), [B, n, C] each, for analysis
     * (CKA, attention); each layer's attention α [B·Eg, H] (per GAT edge, see {@link GatV2Conv}) is added to
     * {@code attention} when it is not null.
     */
    public List<NDArray> layerOutputs(BatchTensors batch, List<NDArray> attention) {
        BatchTensors t = visibleFeatures(batch);
        NDArray h = encoder.forward(t, proj == null ? t.x() : proj.forward(t.x()), t.idFeatures(), null);
        List<NDArray> outs = new ArrayList<>();
        for (GatV2Conv conv : convs) {
            NDArray[] r = conv.forward(h, t, attention != null);
            h = Activation.relu(r[0]);
            outs.add(h);
            if (attention != null) {
                attention.add(r[1]);
            }
        }
        return outs;
    }

    /** A row-major [count·width] array as count rows. */
    private static float[][] rows(float[] flat, int count, int width) {
        float[][] out = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    /** Pooled graph embeddings [B][C] in evaluation mode (the input of the head). */
    public float[][] graphEmbeddings(GraphBatch batch) {
        if (onCpuKernels(batch)) {
            return rows(cpuForward(batch).embeddings(), batch.size(), config.width());
        }
        return inStep(batch, t -> {
            NDArray e = embed(t, false);
            return rows(e.toFloatArray(), batch.size(), (int) e.getShape().get(1));
        });
    }

    /** Each conv layer's node representations mean-pooled per graph: [L][B][C] (evaluation mode; for CKA). */
    public float[][][] layerEmbeddings(GraphBatch batch) {
        return inStep(batch, t -> {
            List<NDArray> layers = layerOutputs(t, null);
            float[][][] out = new float[layers.size()][][];
            for (int l = 0; l < layers.size(); l++) {
                out[l] = rows(Nn.meanPool(layers.get(l), t.nodeMask(), t.nodeCount()).toFloatArray(), batch.size(),
                        config.width());
            }
            return out;
        });
    }

    /**
     * The attention of every layer on the edges of one graph (GAT edges: the cached edges without their self-loops,
     * then one self-loop per node, as {@code tensor.GraphBatch} orders them).
     *
     * @param src   [E] source node (0-based within the graph) of each edge
     * @param dst   [E] destination node
     * @param alpha [L][E][H] α of edge e at its destination, per head
     */
    public record EdgeAttention(int[] src, int[] dst, float[][][] alpha) {
    }

    /** {@link EdgeAttention} of a batch holding exactly one graph. */
    public EdgeAttention attention(GraphBatch single) {
        if (single.size() != 1) {
            throw new IllegalArgumentException("attention is read one graph at a time, found " + single.size());
        }
        return inStep(single, t -> {
            List<NDArray> alphas = new ArrayList<>();
            layerOutputs(t, alphas);
            int e = single.gatEdges();
            int heads = config.heads();
            long[] s = t.gatSrc().toLongArray();
            long[] d = t.gatDst().toLongArray();
            int[] src = new int[e];
            int[] dst = new int[e];
            for (int k = 0; k < e; k++) {
                src[k] = (int) s[k];
                dst[k] = (int) d[k];
            }
            float[][][] alpha = new float[alphas.size()][e][heads];
            for (int l = 0; l < alphas.size(); l++) {
                float[] a = alphas.get(l).toFloatArray(); // [E, H]
                for (int k = 0; k < e; k++) {
                    System.arraycopy(a, k * heads, alpha[l][k], 0, heads);
                }
            }
            return new EdgeAttention(src, dst, alpha);
        });
    }

    /** p(attack) = softmax(logits)[:, 1]. */
    @Override
    public float[] score(GraphBatch batch) {
        float[][] p = probabilities(batch);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][1];
        }
        return out;
    }
}
