package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.HostGraph;

/**
 * {@code h0 = [id_embedding(node_id) ‖ x ‖ id_features]} (models.md §1.3, LookupIdEncoder; the id embedding comes
 * first). The vehicle-independent ID features (data.md Decision 3) are appended when enabled; an optional hash-bucket
 * embedding of the raw CAN ID is added to the vocabulary embedding. Embedding tables are {@code N(0, 1)} as in
 * {@code torch.nn.Embedding}; {@code extraRows} reserves mask slots (the VGAE's {@code num_ids} row). With
 * {@code dim} 0 there is no embedding: a node is its features only, the same on every vehicle (a CAN ID outside the
 * training vocabulary otherwise shares one embedding row that training never sees).
 * Parameter names: {@code <name>.embedding.weight}, {@code <name>.bucket_embedding.weight}.
 */
public final class InputEncoder {
    private final NDArray embedding;
    private final NDArray bucketEmbedding;
    private final boolean idFeatures;
    private final long dim;

    /**
     * @param idRows      rows of the vocabulary table (num_ids, plus a mask row where needed)
     * @param bucketRows  rows of the hash-bucket table, 0 for none
     * @param idFeatures  append the 3 vehicle-independent ID features
     */
    public InputEncoder(ParameterStore ps, String name, long idRows, long dim, long bucketRows, boolean idFeatures) {
        this.dim = dim;
        this.embedding = dim > 0 ? ps.normal(name + ".embedding.weight", 1.0, new Shape(idRows, dim)) : null;
        this.bucketEmbedding = dim > 0 && bucketRows > 0
                ? ps.normal(name + ".bucket_embedding.weight", 1.0, new Shape(bucketRows, dim)) : null;
        this.idFeatures = idFeatures;
    }

    /** Output width: dim + 35 (+ 3). */
    public long outWidth() {
        return dim + HostGraph.NODE_FEATURES + (idFeatures ? HostGraph.ID_FEATURES : 0);
    }

    /**
     * Rows of {@code table} for each node. When a backward may follow, a one-hot over the batch's distinct rows
     * times those rows (see BatchTensors#idIndex), whose gradient is deterministic; otherwise a plain gather of the
     * same values — the one-hot is [B·n, distinct ids] and was ~40 % of GAT scoring time on unseen-vehicle batches.
     */
    private static NDArray lookup(BatchTensors.IdIndex index, NDArray masked, NDArray table) {
        NDArray inv = index.inverse();
        if (masked != null) {
            inv = NDArrays.where(masked, inv.getManager().full(inv.getShape(), index.maskPosition()), inv);
        }
        Shape s = inv.getShape();
        NDArray rows = table.get(index.rows());
        NDArray perNode = Nn.recordingGradients() ? inv.flatten().oneHot(index.size()).matMul(rows)
                : rows.get(inv.flatten());
        return perNode.reshape(s.get(0), s.get(1), table.getShape().get(1));
    }

    /**
     * @param t      the batch ({@code x} and ID features are passed separately so that callers can mask them)
     * @param x      [B, n, 35] (or projected features)
     * @param idf    [B, n, 3] (ignored unless ID features are enabled)
     * @param masked [B, n] boolean nodes whose ids are replaced by the mask rows, or null
     */
    public NDArray forward(BatchTensors t, NDArray x, NDArray idf, NDArray masked) {
        if (embedding == null) {
            return idFeatures ? NDArrays.concat(new NDList(x, idf), 2) : x;
        }
        long maskId = masked == null ? -1 : embedding.getShape().get(0) - 1;
        NDArray emb = lookup(t.idIndex(false, maskId), masked, embedding);
        if (bucketEmbedding != null) {
            long maskBucket = masked == null ? -1 : bucketEmbedding.getShape().get(0) - 1;
            emb = emb.add(lookup(t.idIndex(true, maskBucket), masked, bucketEmbedding));
        }
        NDList parts = idFeatures ? new NDList(emb, x, idf) : new NDList(emb, x);
        return NDArrays.concat(parts, 2);
    }
}
