package dev.graphids.tensor;

/**
 * One graph on the host, features already scaled. Edges are as stored in the cache (src newer → dst previous
 * message, duplicates and self-loops kept).
 *
 * @param numNodes   N
 * @param x          [N, 35] scaled node features, row-major
 * @param idFeatures [N, 3] vehicle-independent ID features
 * @param nodeId     [N] vocabulary index (0 = unknown)
 * @param idBucket   [N] hash bucket of the node's raw CAN ID
 * @param src        [E] local source node of each edge
 * @param dst        [E] local destination node of each edge
 * @param edgeAttr   [E, 11] scaled edge features, row-major
 * @param y          graph label (1 = attack window)
 * @param attackType attack-type code (0 = benign)
 * @param ref        where the graph came from
 */
public record HostGraph(int numNodes, float[] x, float[] idFeatures, long[] nodeId, long[] idBucket, int[] src,
                        int[] dst, float[] edgeAttr, long y, int attackType, GraphRef ref) {

    /** Node feature width (models.md §1.1). */
    public static final int NODE_FEATURES = 35;
    /** Vehicle-independent ID feature width (data.md Decision 3). */
    public static final int ID_FEATURES = 3;
    /** Edge feature width. */
    public static final int EDGE_FEATURES = 11;

    public HostGraph {
        int e = src.length;
        if (numNodes < 1 || x.length != numNodes * NODE_FEATURES || idFeatures.length != numNodes * ID_FEATURES
                || nodeId.length != numNodes || idBucket.length != numNodes || dst.length != e
                || edgeAttr.length != e * EDGE_FEATURES) {
            throw new IllegalArgumentException("inconsistent graph arrays for " + ref + " (N=" + numNodes + ", E="
                    + e + ")");
        }
        for (int i = 0; i < e; i++) {
            if (src[i] < 0 || src[i] >= numNodes || dst[i] < 0 || dst[i] >= numNodes) {
                throw new IllegalArgumentException(ref + ": edge " + i + " leaves the graph");
            }
        }
    }

    public int numEdges() {
        return src.length;
    }

    /** Where a graph lives: shard path (relative to the cache) and graph index within the shard. */
    public record GraphRef(String shard, int index) {
        @Override
        public String toString() {
            return shard + "#" + index;
        }
    }
}
