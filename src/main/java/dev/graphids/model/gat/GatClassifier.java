package dev.graphids.model.gat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.graphids.model.AbstractGraphModel;
import dev.graphids.model.DataDims;
import dev.graphids.model.layer.GatV2Conv;
import dev.graphids.model.layer.InputEncoder;
import dev.graphids.model.layer.JumpingKnowledgeLstm;
import dev.graphids.model.layer.Linear;
import dev.graphids.model.layer.Mlp;
import dev.graphids.model.layer.Nn;
import dev.graphids.tensor.BatchTensors;
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
    private final GatConfig config;
    private final InputEncoder encoder;
    private final Linear proj;
    private final List<GatV2Conv> convs = new ArrayList<>();
    private final JumpingKnowledgeLstm jk;
    private final Mlp head;

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

    /** Pooled graph embeddings [B, C] (before the head). */
    public NDArray embed(BatchTensors t, boolean training) {
        NDArray x = proj == null ? t.x() : proj.forward(t.x());
        NDArray h = encoder.forward(t, x, t.idFeatures(), null);
        List<NDArray> outs = new ArrayList<>();
        NDArray real = t.realNodeIndex();
        for (GatV2Conv conv : convs) {
            h = Nn.dropout(Activation.relu(conv.forward(h, t)), config.dropout(), training);
            outs.add(h.reshape(-1, config.width()).get(real)); // JK runs on real nodes only
        }
        NDArray node = jk.forward(outs); // [N_real, C]
        return t.poolMatrix().matMul(node);
    }

    /** Logits [B, num_classes]. */
    public NDArray logits(BatchTensors t, boolean training) {
        return head(embed(t, training), training);
    }

    /** The FC head on pooled embeddings [B, C] → logits (fusion features need both from one pass). */
    public NDArray head(NDArray embedding, boolean training) {
        return head.forward(embedding, training);
    }

    @Override
    protected NDArray loss(BatchTensors t, boolean training) {
        return config.loss().apply(logits(t, training), t.y());
    }

    /** Softmax probabilities [B][num_classes]. */
    public float[][] probabilities(GraphBatch batch) {
        return inStep(batch, t -> {
            NDArray p = logits(t, false).softmax(-1);
            int k = dims.numClasses();
            float[] flat = p.toFloatArray();
            float[][] out = new float[batch.size()][k];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(flat, i * k, out[i], 0, k);
            }
            return out;
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
