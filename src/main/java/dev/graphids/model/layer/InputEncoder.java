package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.HostGraph;

/**
 * {@code h0 = [id_embedding(node_id) ‖ x ‖ id_features]} (models.md §1.3, LookupIdEncoder; the id embedding comes
 * first). The vehicle-independent ID features (data.md Decision 3) are appended when enabled; an optional hash-bucket
 * embedding of the raw CAN ID is added to the vocabulary embedding. Embedding tables are {@code N(0, 1)} as in
 * {@code torch.nn.Embedding}; {@code extraRows} reserves mask slots (the VGAE's {@code num_ids} row).
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
        this.embedding = ps.normal(name + ".embedding.weight", 1.0, new Shape(idRows, dim));
        this.bucketEmbedding = bucketRows > 0
                ? ps.normal(name + ".bucket_embedding.weight", 1.0, new Shape(bucketRows, dim)) : null;
        this.idFeatures = idFeatures;
    }

    /** Output width: dim + 35 (+ 3). */
    public long outWidth() {
        return dim + HostGraph.NODE_FEATURES + (idFeatures ? HostGraph.ID_FEATURES : 0);
    }

    /**
     * Table rows by one-hot matmul rather than an index gather, so that the backward pass is deterministic with
     * several threads (libtorch's CPU index backward accumulates duplicates with parallel atomic adds).
     */
    private static NDArray lookup(NDArray ids, NDArray table) {
        return ids.flatten().oneHot((int) table.getShape().get(0)).matMul(table);
    }

    /**
     * @param x      [B, n, 35]
     * @param idf    [B, n, 3] (ignored unless ID features are enabled)
     * @param nodeId [B, n] int64
     * @param bucket [B, n] int64 (ignored without a bucket table)
     */
    public NDArray forward(NDArray x, NDArray idf, NDArray nodeId, NDArray bucket) {
        Shape s = nodeId.getShape();
        NDArray emb = lookup(nodeId, embedding);
        if (bucketEmbedding != null) {
            emb = emb.add(lookup(bucket, bucketEmbedding));
        }
        emb = emb.reshape(s.get(0), s.get(1), dim);
        NDList parts = idFeatures ? new NDList(emb, x, idf) : new NDList(emb, x);
        return NDArrays.concat(parts, 2);
    }
}
