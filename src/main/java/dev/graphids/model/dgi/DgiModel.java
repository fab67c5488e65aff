package dev.graphids.model.dgi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.graphids.model.AbstractGraphModel;
import dev.graphids.model.DataDims;
import dev.graphids.model.layer.ConvBlock;
import dev.graphids.model.layer.InputEncoder;
import dev.graphids.model.layer.Linear;
import dev.graphids.model.layer.Nn;
import dev.graphids.model.layer.Scalars;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.GraphBatch;

/**
 * Deep Graph Infomax (models.md §3.7): input encoder → GATv2 block (GraphNorm, ReLU, dropout) → {@code Linear(width,
 * latent)} gives node latents z; summary {@code s = sigmoid(mean_pool(z))} per graph; discriminator
 * {@code D(z_i, s) = sigmoid(z_iᵀ W s)}. Negatives re-encode the batch with node feature rows permuted among the
 * real nodes of the batch (IDs and ID features stay). Loss {@code −mean log(D_pos + 1e-6) − mean log(1 − D_neg +
 * 1e-6)}. Score: squared distance of the mean-pooled latent to {@code svdd_center}, the mean pooled latent of benign
 * validation graphs ({@link #calibrate}, Decision 2).
 */
public final class DgiModel extends AbstractGraphModel {
    private final DgiConfig config;
    private final InputEncoder encoder;
    private final ConvBlock block;
    private final Linear out;
    private final NDArray disc;
    private final NDArray center;
    private final NDArray fitted;

    public DgiModel(DgiConfig config, DataDims dims, NDManager parent, long seed) {
        super(parent, dims, seed);
        this.config = config;
        encoder = new InputEncoder(params, "id_encoder", dims.numIds(), config.embeddingDim(),
                config.idHashEmbedding() ? dims.idBuckets() : 0, config.idFeatures());
        block = new ConvBlock(params, "encoder.0", encoder.outWidth(), config.width(), config.heads(),
                config.batchNorm(), true, config.dropout());
        out = new Linear(params, "encoder_out", config.width(), config.latentDim(), true);
        long l = config.latentDim();
        disc = params.glorot("discriminator.weight", l, l, new Shape(l, l));
        center = params.buffer("svdd_center", new float[config.latentDim()], new Shape(l));
        fitted = params.buffer("center_fitted", new float[1], new Shape(1));
    }

    @Override
    public String type() {
        return DgiConfig.TYPE;
    }

    @Override
    public DgiConfig config() {
        return config;
    }

    @Override
    public long parameterCountWithoutIdTables() {
        return params.count("id_encoder.");
    }

    private NDArray encode(BatchTensors t, NDArray x, boolean training) {
        NDArray h = encoder.forward(t, x, t.idFeatures(), null);
        return out.forward(block.forward(h, t, training));
    }

    /** Node latents z [B, n, latent] in evaluation mode (fusion features). */
    public NDArray nodeLatents(BatchTensors t) {
        return encode(t, t.x(), false);
    }

    /** Node rows permuted among the real nodes of the batch (engine RNG). */
    private static NDArray permutedX(BatchTensors t) {
        float[] mask = t.batch().totalNodes() > 0 ? maskOf(t) : new float[0];
        int total = mask.length;
        long[] real = new long[t.batch().totalNodes()];
        int k = 0;
        for (int i = 0; i < total; i++) {
            if (mask[i] > 0) {
                real[k++] = i;
            }
        }
        long[] perm = t.manager().randomPermutation(real.length).toLongArray();
        long[] index = new long[total];
        for (int i = 0; i < total; i++) {
            index[i] = i;
        }
        for (int i = 0; i < real.length; i++) {
            index[(int) real[i]] = real[(int) perm[i]];
        }
        NDArray xf = t.x().reshape(-1, t.x().getShape().get(2));
        return xf.get(t.manager().create(index)).reshape(t.x().getShape());
    }

    private static float[] maskOf(BatchTensors t) {
        return t.nodeMask().toFloatArray();
    }

    @Override
    protected NDArray loss(BatchTensors t, boolean training) {
        NDArray zPos = encode(t, t.x(), training);
        NDArray zNeg = encode(t, permutedX(t), training);
        NDArray s = Activation.sigmoid(Nn.meanPool(zPos, t.nodeMask(), t.nodeCount())); // [B, l]
        NDArray ws = s.matMul(disc.transpose()).expandDims(2); // [B, l, 1] = W s
        NDArray dPos = Activation.sigmoid(zPos.matMul(ws).squeeze(2)); // [B, n]
        NDArray dNeg = Activation.sigmoid(zNeg.matMul(ws).squeeze(2));
        long real = t.batch().totalNodes();
        NDArray mask = t.nodeMask();
        NDArray pos = Scalars.dividedBy(dPos.add(1e-6f).log().mul(mask).sum(), real);
        NDArray neg = Scalars.dividedBy(dNeg.neg().add(1 + 1e-6f).log().mul(mask).sum(), real);
        return pos.add(neg).neg();
    }

    /** Mean-pooled latents [B][latent] in evaluation mode. */
    public float[][] graphEmbeddings(GraphBatch batch) {
        int l = config.latentDim();
        return inStep(batch, t -> {
            float[] flat = Nn.meanPool(encode(t, t.x(), false), t.nodeMask(), t.nodeCount()).toFloatArray();
            float[][] outArr = new float[batch.size()][l];
            for (int i = 0; i < outArr.length; i++) {
                System.arraycopy(flat, i * l, outArr[i], 0, l);
            }
            return outArr;
        });
    }

    /** Fits {@code svdd_center} = mean pooled latent over the given benign validation graphs. */
    public void calibrate(Iterable<GraphBatch> benignVal) {
        int l = config.latentDim();
        double[] sum = new double[l];
        long graphs = 0;
        for (GraphBatch b : benignVal) {
            for (float[] e : graphEmbeddings(b)) {
                graphs++;
                for (int d = 0; d < l; d++) {
                    sum[d] += e[d];
                }
            }
        }
        if (graphs == 0) {
            throw new IllegalStateException("DGI calibration needs benign validation graphs, found none");
        }
        float[] c = new float[l];
        for (int d = 0; d < l; d++) {
            c[d] = (float) (sum[d] / graphs);
        }
        center.set(java.nio.FloatBuffer.wrap(c));
        fitted.set(java.nio.FloatBuffer.wrap(new float[] {1f}));
    }

    public boolean isCalibrated() {
        return fitted.getFloat(0) > 0;
    }

    /** ‖mean_pool(z) − c‖²; requires {@link #calibrate}. */
    @Override
    public float[] score(GraphBatch batch) {
        if (!isCalibrated()) {
            throw new IllegalStateException("DGI scores need the centre fitted on benign validation graphs first");
        }
        float[] c = center.toFloatArray();
        float[][] e = graphEmbeddings(batch);
        float[] outArr = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            double s = 0;
            for (int d = 0; d < c.length; d++) {
                double diff = e[i][d] - c[d];
                s += diff * diff;
            }
            outArr[i] = (float) s;
        }
        return outArr;
    }
}
