package dev.graphids.graph.build;

import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.IdFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import dev.graphids.graph.feature.NodeRows;
import dev.graphids.graph.feature.Topology;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds the {@link WindowGraph} of a snapshot window (spec §3.2–3.7).
 *
 * <ul>
 *   <li>Nodes: one per distinct vocabulary index in the window (all unknown IDs share index 0), local node i being
 *       the i-th smallest index.</li>
 *   <li>Edges: for rows t = 1..W−1, src = node of row t (newer), dst = node of row t − 1 (previous), in window order;
 *       multi-edges and self-loops kept.</li>
 *   <li>Features: computed in double ({@link NodeFeatures}, {@link EdgeFeatures}, {@link Topology}) and stored as
 *       float32 as the original's tensors are; unscaled. The vehicle-independent ID block ({@link IdFeatures}) is
 *       stored separately.</li>
 *   <li>Labels: y = 1 when any frame is an attack frame; attack_type = the stream's file-level code when it is
 *       positive, else 0. The original takes the mode of the file codes &gt; 0 among the window's rows; a window of
 *       one stream has a single file code, so the mode is that code and no tie can occur.</li>
 * </ul>
 *
 * <p>Every window yields exactly W − 1 edges: the original drops edges with a null feature (a null timestamp), but
 * frames here always carry finite timestamps (the capture readers reject others), so that filter never applies.
 *
 * <p>Reuses scratch buffers between calls: not thread-safe (use one builder per thread). Each built graph owns fresh
 * arrays.
 */
public final class WindowGraphBuilder {

    private final CanIdVocabulary vocabulary;
    private final IdFeatures idFeatures;
    private final Topology topology = new Topology();
    private final NodeRows nodeRows = new NodeRows();
    private final NodeFeatures nodeFeatures = new NodeFeatures();
    private int[] vocabIndex = new int[0];
    private int[] sortedIndex = new int[0];
    private int[] local = new int[0];
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private double[] nodeOut = new double[0];
    private double[] edgeOut = new double[0];

    /** A builder with {@link IdFeatures#DEFAULT_BUCKETS} ID hash buckets. */
    public WindowGraphBuilder(CanIdVocabulary vocabulary) {
        this(vocabulary, new IdFeatures(IdFeatures.DEFAULT_BUCKETS));
    }

    public WindowGraphBuilder(CanIdVocabulary vocabulary, IdFeatures idFeatures) {
        this.vocabulary = Objects.requireNonNull(vocabulary);
        this.idFeatures = Objects.requireNonNull(idFeatures);
    }

    /** The vocabulary nodes are keyed on. */
    public CanIdVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Builds the graph of one window.
     *
     * @param window     a complete window of one stream (at least 2 frames)
     * @param attackType the stream's file-level attack-type code ({@link dev.graphids.graph.AttackTypes}), ≥ 0
     */
    public WindowGraph build(FrameWindow window, int attackType) {
        if (attackType < 0) {
            throw new IllegalArgumentException("attack type: expected >= 0, found " + attackType);
        }
        int w = window.size();
        int[] nodeIds = compute(window);
        int n = nodeIds.length;
        int e = w - 1;
        float[] x = toFloat(nodeOut, n * NodeFeatures.COUNT);
        float[] edgeAttr = toFloat(edgeOut, e * EdgeFeatures.COUNT);
        float[] ids = new float[n * IdFeatures.COUNT];
        int[] buckets = new int[n];
        idFeatures.compute(nodeRows, nodeIds, ids, buckets);
        int[] offsets = new int[n + 1];
        int[] canIds = distinctCanIds(n, offsets);
        return new WindowGraph(window.index(), window.startRow(), nodeIds, offsets, canIds, x,
                Arrays.copyOf(src, e), Arrays.copyOf(dst, e), edgeAttr, ids, buckets, window.anyAttack() ? 1 : 0,
                attackType);
    }

    /**
     * The node and edge features of one window in double precision, before the float32 cast of {@link #build}
     * (for checks against references that carry more precision than float32).
     *
     * @return node vocabulary indices (int[n], ascending), node features (double[n · 35]) and edge features
     *         (double[(W − 1) · 11]), row-major, in the order of {@link #build}
     */
    public WindowFeatures features(FrameWindow window) {
        int[] nodeIds = compute(window);
        int e = window.size() - 1;
        return new WindowFeatures(nodeIds, Arrays.copyOf(nodeOut, nodeIds.length * NodeFeatures.COUNT),
                Arrays.copyOf(edgeOut, e * EdgeFeatures.COUNT));
    }

    /**
     * Double-precision features of one window.
     *
     * @param nodeIds  vocabulary index per local node, ascending, int[n]
     * @param x        node features, double[n · 35] row-major
     * @param edgeAttr edge features, double[(W − 1) · 11] row-major
     */
    public record WindowFeatures(int[] nodeIds, double[] x, double[] edgeAttr) {
    }

    /** Fills the scratch state (nodes, edges, topology, grouping, double features); returns the node indices. */
    private int[] compute(FrameWindow window) {
        int w = window.size();
        ensure(w);
        int[] nodeIds = assignNodes(window, w);
        int n = nodeIds.length;
        int e = w - 1;
        for (int t = 1; t < w; t++) {
            src[t - 1] = local[t];
            dst[t - 1] = local[t - 1];
        }
        topology.compute(src, dst, e, n);
        nodeRows.group(local, w, n);
        nodeRows.sortRawIds(window);
        nodeFeatures.compute(window, nodeRows, topology, nodeOut);
        EdgeFeatures.compute(window, topology, edgeOut);
        return nodeIds;
    }

    /** Maps rows to vocabulary indices and local nodes; returns the ascending distinct indices. */
    private int[] assignNodes(FrameWindow window, int w) {
        for (int r = 0; r < w; r++) {
            vocabIndex[r] = vocabulary.indexOf(window.canId(r));
        }
        System.arraycopy(vocabIndex, 0, sortedIndex, 0, w);
        Arrays.sort(sortedIndex, 0, w);
        int n = 0;
        for (int r = 0; r < w; r++) {
            if (n == 0 || sortedIndex[r] != sortedIndex[n - 1]) {
                sortedIndex[n++] = sortedIndex[r];
            }
        }
        int[] nodeIds = Arrays.copyOf(sortedIndex, n);
        for (int r = 0; r < w; r++) {
            local[r] = Arrays.binarySearch(nodeIds, vocabIndex[r]);
        }
        return nodeIds;
    }

    /** Distinct raw IDs per node (ascending, standard and extended with the same number merged), as CSR. */
    private int[] distinctCanIds(int n, int[] offsets) {
        int[] buffer = new int[nodeRows.rows()];
        int count = 0;
        for (int v = 0; v < n; v++) {
            offsets[v] = count;
            int begin = count;
            for (int p = nodeRows.start(v); p < nodeRows.start(v + 1); p++) {
                int id = (int) nodeRows.rawKey(p);
                if (count == begin || buffer[count - 1] != id) {
                    buffer[count++] = id;
                }
            }
            // extended keys sort after standard ones, so the same number may reappear: sort and dedupe this node
            if (count - begin > 1) {
                Arrays.sort(buffer, begin, count);
                int u = begin;
                for (int i = begin; i < count; i++) {
                    if (u == begin || buffer[i] != buffer[u - 1]) {
                        buffer[u++] = buffer[i];
                    }
                }
                count = u;
            }
        }
        offsets[n] = count;
        return Arrays.copyOf(buffer, count);
    }

    private static float[] toFloat(double[] values, int len) {
        float[] out = new float[len];
        for (int i = 0; i < len; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private void ensure(int w) {
        if (w < 2) {
            throw new IllegalArgumentException("window: expected >= 2 frames, found " + w);
        }
        if (vocabIndex.length < w) {
            vocabIndex = new int[w];
            sortedIndex = new int[w];
            local = new int[w];
            src = new int[w];
            dst = new int[w];
            nodeOut = new double[w * NodeFeatures.COUNT];
            edgeOut = new double[w * EdgeFeatures.COUNT];
        }
    }
}
