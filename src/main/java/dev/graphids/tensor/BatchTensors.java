package dev.graphids.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The NDArrays of a {@link GraphBatch}, created lazily on one (step) manager; see {@link GraphBatch} for the layout.
 * Every array belongs to {@link #manager()} and is closed with it.
 */
public final class BatchTensors {
    private final GraphBatch batch;
    private final NDManager manager;
    private final long b;
    private final long n;
    private NDArray x;
    private NDArray idFeatures;
    private NDArray nodeId;
    private NDArray idBucket;
    private NDArray nodeMask;
    private NDArray nodeCount;
    private NDArray gatSrc;
    private NDArray gatDst;
    private NDArray gatEdgeAttr;
    private NDArray gatSlot;
    private NDArray gatIncidence;
    private NDArray rawSrc;
    private NDArray rawDst;
    private NDArray rawEdgeAttr;
    private NDArray rawEdgeMask;
    private NDArray outAdjacency;
    private NDArray y;
    private NDArray realNodeIndex;
    private NDArray poolMatrix;
    private NDArray rawSrcOneHot;
    private NDArray rawDstOneHot;

    BatchTensors(GraphBatch batch, NDManager manager) {
        this.batch = batch;
        this.manager = manager;
        this.b = batch.size();
        this.n = batch.maxNodes();
    }

    public GraphBatch batch() {
        return batch;
    }

    public NDManager manager() {
        return manager;
    }

    /** B. */
    public long size() {
        return b;
    }

    /** n (padded nodes per graph). */
    public long maxNodes() {
        return n;
    }

    /** Eg (padded GAT edges per graph). */
    public long gatEdges() {
        return batch.gatEdges();
    }

    /** D (GAT edge slots per node). */
    public long gatSlots() {
        return batch.gatSlots();
    }

    /** Er (padded raw edges per graph). */
    public long rawEdges() {
        return batch.rawEdges();
    }

    /** [B, n, 35] scaled node features. */
    public NDArray x() {
        if (x == null) {
            x = manager.create(batch.x, new Shape(b, n, HostGraph.NODE_FEATURES));
        }
        return x;
    }

    /**
     * The same batch with other node features [B, n, 35] (on this manager); the structure tensors already built are
     * shared with this one, not rebuilt from the host batch.
     */
    public BatchTensors withNodeFeatures(NDArray features) {
        return withFeatures(features, gatEdgeAttr);
    }

    /**
     * The same batch with other node features [B, n, 35] and GAT edge attributes [B·Eg, 11] (null: built from the
     * host batch when first asked for), sharing every structure tensor already built.
     */
    public BatchTensors withFeatures(NDArray features, NDArray edgeAttr) {
        BatchTensors copy = new BatchTensors(batch, manager);
        copy.x = features;
        copy.idFeatures = idFeatures;
        copy.nodeId = nodeId;
        copy.idBucket = idBucket;
        copy.nodeMask = nodeMask;
        copy.nodeCount = nodeCount;
        copy.gatSrc = gatSrc;
        copy.gatDst = gatDst;
        copy.gatEdgeAttr = edgeAttr;
        copy.gatSlot = gatSlot;
        copy.gatIncidence = gatIncidence;
        copy.rawSrc = rawSrc;
        copy.rawDst = rawDst;
        copy.rawEdgeAttr = rawEdgeAttr;
        copy.rawEdgeMask = rawEdgeMask;
        copy.outAdjacency = outAdjacency;
        copy.y = y;
        copy.realNodeIndex = realNodeIndex;
        copy.poolMatrix = poolMatrix;
        copy.rawSrcOneHot = rawSrcOneHot;
        copy.rawDstOneHot = rawDstOneHot;
        return copy;
    }

    /** [B, n, 3] vehicle-independent ID features. */
    public NDArray idFeatures() {
        if (idFeatures == null) {
            idFeatures = manager.create(batch.idFeatures, new Shape(b, n, HostGraph.ID_FEATURES));
        }
        return idFeatures;
    }

    /** [B, n] int64 vocabulary indices (padding 0). */
    public NDArray nodeId() {
        if (nodeId == null) {
            nodeId = manager.create(batch.nodeId, new Shape(b, n));
        }
        return nodeId;
    }

    /** [B, n] int64 ID hash buckets (padding 0). */
    public NDArray idBucket() {
        if (idBucket == null) {
            idBucket = manager.create(batch.idBucket, new Shape(b, n));
        }
        return idBucket;
    }

    /** [B, n] float 1 for real nodes, 0 for padding. */
    public NDArray nodeMask() {
        if (nodeMask == null) {
            nodeMask = manager.create(batch.nodeMask, new Shape(b, n));
        }
        return nodeMask;
    }

    /** [B, 1] float number of real nodes per graph. */
    public NDArray nodeCount() {
        if (nodeCount == null) {
            float[] c = new float[(int) b];
            for (int i = 0; i < b; i++) {
                c[i] = batch.nodeCount(i);
            }
            nodeCount = manager.create(c, new Shape(b, 1));
        }
        return nodeCount;
    }

    /** [B·Eg] int64 flat source node of each GAT edge. */
    public NDArray gatSrc() {
        if (gatSrc == null) {
            gatSrc = manager.create(batch.gatSrc);
        }
        return gatSrc;
    }

    /** [B·Eg] int64 flat destination node of each GAT edge. */
    public NDArray gatDst() {
        if (gatDst == null) {
            gatDst = manager.create(batch.gatDst);
        }
        return gatDst;
    }

    /** [B·Eg, 11] GAT edge attributes (self-loops mean-filled). */
    public NDArray gatEdgeAttr() {
        if (gatEdgeAttr == null) {
            gatEdgeAttr = manager.create(batch.gatEdgeAttr, new Shape(b * batch.gatEdges(),
                    HostGraph.EDGE_FEATURES));
        }
        return gatEdgeAttr;
    }

    /** [B·n·D] int64 flat GAT edge rows of each node's incoming edges (empty slots repeat its self-loop's). */
    public NDArray gatSlot() {
        if (gatSlot == null) {
            gatSlot = manager.create(batch.gatSlot);
        }
        return gatSlot;
    }

    /** [B, n, Eg] 1 where real GAT edge e ends at node v (the aggregation matrix). */
    public NDArray gatIncidence() {
        if (gatIncidence == null) {
            gatIncidence = manager.create(batch.gatIncidence, new Shape(b, n, batch.gatEdges()));
        }
        return gatIncidence;
    }

    /** [B·Er] int64 flat source node of each cached edge. */
    public NDArray rawSrc() {
        if (rawSrc == null) {
            rawSrc = manager.create(batch.rawSrc);
        }
        return rawSrc;
    }

    /** [B·Er] int64 flat destination node of each cached edge. */
    public NDArray rawDst() {
        if (rawDst == null) {
            rawDst = manager.create(batch.rawDst);
        }
        return rawDst;
    }

    /** [B·Er, 11] cached edge attributes (padding 0). */
    public NDArray rawEdgeAttr() {
        if (rawEdgeAttr == null) {
            rawEdgeAttr = manager.create(batch.rawEdgeAttr, new Shape(b * batch.rawEdges(),
                    HostGraph.EDGE_FEATURES));
        }
        return rawEdgeAttr;
    }

    /** [B·Er] float 1 for real edges. */
    public NDArray rawEdgeMask() {
        if (rawEdgeMask == null) {
            rawEdgeMask = manager.create(batch.rawEdgeMask);
        }
        return rawEdgeMask;
    }

    /** [B, n, n] float number of cached edges v→w. */
    public NDArray outAdjacency() {
        if (outAdjacency == null) {
            outAdjacency = manager.create(batch.outAdjacency, new Shape(b, n, n));
        }
        return outAdjacency;
    }

    /**
     * [B, Er, n] one-hot of each cached edge's source node (zero rows for padding edges). Gathering node rows with a
     * batched matmul by this constant keeps the backward deterministic; an index gather ({@code x.get(index)},
     * aten::index) accumulates its gradient with parallel atomic adds on CPU.
     */
    public NDArray rawSrcOneHot() {
        if (rawSrcOneHot == null) {
            rawSrcOneHot = oneHotMasked(batch.rawSrc, batch.rawEdges());
        }
        return rawSrcOneHot;
    }

    /** [B, Er, n] one-hot of each cached edge's destination node (zero rows for padding edges). */
    public NDArray rawDstOneHot() {
        if (rawDstOneHot == null) {
            rawDstOneHot = oneHotMasked(batch.rawDst, batch.rawEdges());
        }
        return rawDstOneHot;
    }

    private NDArray oneHotMasked(long[] flat, int edges) {
        float[] v = new float[(int) (b * edges * n)];
        for (int i = 0; i < flat.length; i++) {
            if (batch.rawEdgeMask[i] > 0) {
                long g = i / edges;
                v[(int) (i * n + (flat[i] - g * n))] = 1f;
            }
        }
        return manager.create(v, new Shape(b, edges, n));
    }

    /**
     * Flat indices [N_real] (b·n + v) of the real nodes, in batch order. Gathering rows with it has a deterministic
     * backward (no duplicate indices).
     */
    public NDArray realNodeIndex() {
        if (realNodeIndex == null) {
            long[] idx = new long[batch.totalNodes()];
            int k = 0;
            for (int g = 0; g < b; g++) {
                for (int v = 0; v < batch.nodeCount(g); v++) {
                    idx[k++] = g * n + v;
                }
            }
            realNodeIndex = manager.create(idx);
        }
        return realNodeIndex;
    }

    /** [B, N_real] mean-pooling matrix over {@link #realNodeIndex()} rows (1/N_g for the graph's own nodes). */
    public NDArray poolMatrix() {
        if (poolMatrix == null) {
            int total = batch.totalNodes();
            float[] v = new float[(int) b * total];
            int k = 0;
            for (int g = 0; g < b; g++) {
                int c = batch.nodeCount(g);
                for (int i = 0; i < c; i++) {
                    v[g * total + k++] = 1f / c;
                }
            }
            poolMatrix = manager.create(v, new Shape(b, total));
        }
        return poolMatrix;
    }

    /**
     * The distinct values of the batch's vocabulary ids ({@code buckets == false}) or hash buckets, plus
     * {@code maskRow} when it is ≥ 0, with each node's position among them. An embedding lookup is then
     * {@code oneHot(inverse, U) · table[rows]}: a small one-hot and a gather without duplicates, both deterministic in
     * the backward pass.
     */
    public IdIndex idIndex(boolean buckets, long maskRow) {
        long[] values = buckets ? batch.idBucket : batch.nodeId;
        java.util.TreeSet<Long> set = new java.util.TreeSet<>();
        for (long v : values) {
            set.add(v);
        }
        if (maskRow >= 0) {
            set.add(maskRow);
        }
        long[] rows = set.stream().mapToLong(Long::longValue).toArray();
        long[] inverse = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            inverse[i] = java.util.Arrays.binarySearch(rows, values[i]);
        }
        long maskPos = maskRow >= 0 ? java.util.Arrays.binarySearch(rows, maskRow) : -1;
        return new IdIndex(manager.create(rows), manager.create(inverse, new Shape(b, n)), rows.length, maskPos);
    }

    /**
     * @param rows         [U] int64 distinct table rows
     * @param inverse      [B, n] int64 position of each node's row in {@code rows}
     * @param size         U
     * @param maskPosition position of the mask row in {@code rows}, or −1
     */
    public record IdIndex(NDArray rows, NDArray inverse, int size, long maskPosition) {
    }

    /** [samples] int64 labels (a sequence's: its last step's). */
    public NDArray y() {
        if (y == null) {
            y = manager.create(batch.sampleLabels());
        }
        return y;
    }

    /** [samples] per-sample loss weights, or null when the batch carries none. */
    public NDArray sampleWeights() {
        float[] w = batch.sampleWeights();
        return w == null ? null : manager.create(w);
    }

    /** Converts a float mask to boolean. */
    public static NDArray bool(NDArray mask) {
        return mask.toType(DataType.BOOLEAN, false);
    }
}
