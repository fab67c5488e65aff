package dev.graphids.graph;

import java.util.Arrays;

/**
 * The graph of one snapshot window (spec §3.2–3.6): one node per distinct CAN ID vocabulary index in the window,
 * one directed edge per consecutive pair of frames, newest → previous (source = node of the newer frame, destination
 * = node of the previous frame; the legacy KD-GAT adapter and the original's later temporal path use the opposite
 * direction). Multi-edges and self-loops are kept; a window of W frames has W − 1 edges.
 *
 * <p>Shapes, with n = {@link #numNodes()} and e = {@link #numEdges()}:
 * <ul>
 *   <li>{@link #nodeIds()}: int[n], vocabulary indices in ascending order (0 = unknown ID); local node i is the
 *       i-th entry;</li>
 *   <li>{@link #canIdOffsets()}: int[n + 1] and {@link #canIds()}: the raw CAN IDs merged into each node, ascending,
 *       node i owning {@code canIds[canIdOffsets[i] .. canIdOffsets[i+1])} (one ID, except for the unknown node);</li>
 *   <li>{@link #x()}: float[n · 35], row-major, columns in the order of
 *       {@link dev.graphids.graph.feature.NodeFeatures#NAMES} (unscaled);</li>
 *   <li>{@link #edgeSrc()}, {@link #edgeDst()}: int[e] local node indices, edges in window order (edge t − 1 joins
 *       row t to row t − 1);</li>
 *   <li>{@link #edgeAttr()}: float[e · 11], row-major, columns in the order of
 *       {@link dev.graphids.graph.feature.EdgeFeatures#NAMES} (unscaled);</li>
 *   <li>{@link #idFeatures()}: float[n · {@link #ID_FEATURES}], the vehicle-independent
 *       ID block (not one of the 35 specified features), and {@link #idBuckets()}: int[n] hashed-ID buckets.</li>
 * </ul>
 * The arrays are owned by the graph and must not be modified.
 */
public final class WindowGraph {

    /** Number of node features (spec §3.3). */
    public static final int NODE_FEATURES = 35;
    /** Number of edge features (spec §3.4). */
    public static final int EDGE_FEATURES = 11;
    /** Number of vehicle-independent ID features per node (see {@code graph.feature.IdFeatures}). */
    public static final int ID_FEATURES = 3;

    private final long windowIndex;
    private final long startRow;
    private final int[] nodeIds;
    private final int[] canIdOffsets;
    private final int[] canIds;
    private final float[] x;
    private final int[] edgeSrc;
    private final int[] edgeDst;
    private final float[] edgeAttr;
    private final float[] idFeatures;
    private final int[] idBuckets;
    private final int y;
    private final int attackType;

    /** See the class comment for the shapes; they are checked here. */
    public WindowGraph(long windowIndex, long startRow, int[] nodeIds, int[] canIdOffsets, int[] canIds, float[] x,
                       int[] edgeSrc, int[] edgeDst, float[] edgeAttr, float[] idFeatures, int[] idBuckets, int y,
                       int attackType) {
        int n = nodeIds.length;
        int e = edgeSrc.length;
        if (canIdOffsets.length != n + 1 || canIdOffsets[n] != canIds.length
                || x.length != n * NODE_FEATURES
                || edgeDst.length != e || edgeAttr.length != e * EDGE_FEATURES
                || idFeatures.length != n * ID_FEATURES || idBuckets.length != n) {
            throw new IllegalArgumentException("inconsistent graph arrays for " + n + " nodes and " + e + " edges");
        }
        this.windowIndex = windowIndex;
        this.startRow = startRow;
        this.nodeIds = nodeIds;
        this.canIdOffsets = canIdOffsets;
        this.canIds = canIds;
        this.x = x;
        this.edgeSrc = edgeSrc;
        this.edgeDst = edgeDst;
        this.edgeAttr = edgeAttr;
        this.idFeatures = idFeatures;
        this.idBuckets = idBuckets;
        this.y = y;
        this.attackType = attackType;
    }

    /** Window index k within its stream. */
    public long windowIndex() {
        return windowIndex;
    }

    /** Stream row of the window's first frame. */
    public long startRow() {
        return startRow;
    }

    public int numNodes() {
        return nodeIds.length;
    }

    public int numEdges() {
        return edgeSrc.length;
    }

    /** Vocabulary index per node, ascending, int[n]. */
    public int[] nodeIds() {
        return nodeIds;
    }

    /** Offsets into {@link #canIds()}, int[n + 1]. */
    public int[] canIdOffsets() {
        return canIdOffsets;
    }

    /** Raw CAN IDs of all nodes, concatenated, ascending per node. */
    public int[] canIds() {
        return canIds;
    }

    /** The raw CAN IDs merged into local node {@code node}, ascending (a copy). */
    public int[] canIdsOf(int node) {
        return Arrays.copyOfRange(canIds, canIdOffsets[node], canIdOffsets[node + 1]);
    }

    /** Node features, float[n · 35] row-major. */
    public float[] x() {
        return x;
    }

    /** Node feature {@code column} of local node {@code node}. */
    public float nodeFeature(int node, int column) {
        return x[node * NODE_FEATURES + column];
    }

    /** Edge sources (newer frame), local node indices, int[e]. */
    public int[] edgeSrc() {
        return edgeSrc;
    }

    /** Edge destinations (previous frame), local node indices, int[e]. */
    public int[] edgeDst() {
        return edgeDst;
    }

    /** Edge features, float[e · 11] row-major. */
    public float[] edgeAttr() {
        return edgeAttr;
    }

    /** Edge feature {@code column} of edge {@code edge}. */
    public float edgeFeature(int edge, int column) {
        return edgeAttr[edge * EDGE_FEATURES + column];
    }

    /** Vehicle-independent ID features, float[n · IdFeatures.COUNT] row-major. */
    public float[] idFeatures() {
        return idFeatures;
    }

    /** Hashed-ID bucket per node, int[n], in [0, bucket count). */
    public int[] idBuckets() {
        return idBuckets;
    }

    /** Graph label: 1 if any frame of the window is an attack frame, else 0. */
    public int y() {
        return y;
    }

    /** Attack-type code (spec §1.5) of the window, 0 when none. */
    public int attackType() {
        return attackType;
    }
}
