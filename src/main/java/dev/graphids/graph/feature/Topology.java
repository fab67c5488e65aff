package dev.graphids.graph.feature;

import java.util.Arrays;

/**
 * Topology of one window's edge list (spec §3.4–3.5), computed once and shared by node and edge features: per-edge
 * multiplicity ({@code edge_freq}) and reverse-edge flag ({@code bidir}), per-node in- and out-degree and the
 * clustering coefficient exactly as the original computes it.
 *
 * <p>Clustering coefficient: let P be the set of ordered pairs {(s, d)} ∪ {(d, s)} over all edges, deduplicated and
 * keeping self-pairs (u, u) of self-loops; udeg(u) = |{v : (u, v) ∈ P}| (counting u itself when self-looped);
 * tri(u) = |{(v, w) : (u, v) ∈ P, (v, w) ∈ P, w ≠ u, (u, w) ∈ P}| / 2 (v may equal u or w); cc(u) = 2·tri(u) /
 * (udeg(u)·(udeg(u) − 1)) when udeg(u) &gt; 1, else 0. It differs from networkx when self-loops exist and can exceed 1.
 *
 * <p>Windows with at most {@link #DEFAULT_DENSE_LIMIT} nodes use dense n × n scratch matrices (reset edge by edge,
 * so the cost is linear in the edges); larger ones use sorted pair codes. Both give identical results.
 *
 * <p>Holds reusable scratch buffers: not thread-safe. Call {@link #compute} and then read the results, which stay
 * valid until the next call.
 */
public final class Topology {

    /** Largest node count handled with dense n × n scratch matrices. */
    public static final int DEFAULT_DENSE_LIMIT = 256;

    private final int denseLimit;
    private int[] pairCount = new int[0];
    private boolean[] symmetric = new boolean[0];
    private int[] fill = new int[0];

    private int nodes;
    private int edges;
    private long[] codes = new long[0];
    private long[] sorted = new long[0];
    private long[] pairs = new long[0];
    private int[] adjStart = new int[1];
    private int[] adj = new int[0];
    private boolean[] mark = new boolean[0];
    private int[] freq = new int[0];
    private boolean[] reverse = new boolean[0];
    private int[] inDegree = new int[0];
    private int[] outDegree = new int[0];
    private double[] clustering = new double[0];

    /** A topology using dense matrices up to {@link #DEFAULT_DENSE_LIMIT} nodes. */
    public Topology() {
        this(DEFAULT_DENSE_LIMIT);
    }

    /** A topology using dense matrices up to {@code denseLimit} nodes (0: always the sorted path; for tests). */
    Topology(int denseLimit) {
        this.denseLimit = denseLimit;
    }

    /**
     * Computes the topology of {@code e} edges {@code src[j] → dst[j]} over local nodes 0..n−1.
     *
     * @param src source node per edge (first {@code e} entries used)
     * @param dst destination node per edge
     * @param e   number of edges
     * @param n   number of nodes
     */
    public void compute(int[] src, int[] dst, int e, int n) {
        ensure(e, n);
        this.nodes = n;
        this.edges = e;
        Arrays.fill(inDegree, 0, n, 0);
        Arrays.fill(outDegree, 0, n, 0);
        for (int j = 0; j < e; j++) {
            outDegree[src[j]]++;
            inDegree[dst[j]]++;
        }
        if (n <= denseLimit) {
            computeDense(src, dst, e, n);
        } else {
            computeSorted(src, dst, e, n);
        }
    }

    private void computeDense(int[] src, int[] dst, int e, int n) {
        if (pairCount.length < n * n) {
            pairCount = new int[n * n];
            symmetric = new boolean[n * n];
        }
        for (int j = 0; j < e; j++) {
            pairCount[src[j] * n + dst[j]]++;
        }
        // adjacency of P as CSR: count new symmetric pairs per row, then fill
        Arrays.fill(adjStart, 0, n + 1, 0);
        for (int j = 0; j < e; j++) {
            freq[j] = pairCount[src[j] * n + dst[j]];
            reverse[j] = pairCount[dst[j] * n + src[j]] > 0;
            markPair(src[j], dst[j], n);
            markPair(dst[j], src[j], n);
        }
        for (int u = 0; u < n; u++) {
            adjStart[u + 1] += adjStart[u];
        }
        int[] fill = fillScratch(n);
        System.arraycopy(adjStart, 0, fill, 0, n);
        for (int j = 0; j < e; j++) {
            addIfFirst(src[j], dst[j], n, fill);
            addIfFirst(dst[j], src[j], n, fill);
        }
        // symmetric[] was cleared by addIfFirst; now use it as P for the clustering test
        for (int j = 0; j < e; j++) {
            symmetric[src[j] * n + dst[j]] = true;
            symmetric[dst[j] * n + src[j]] = true;
        }
        for (int u = 0; u < n; u++) {
            int lo = adjStart[u];
            int hi = adjStart[u + 1];
            int udeg = hi - lo;
            if (udeg <= 1) {
                clustering[u] = 0;
                continue;
            }
            long paths = 0;
            int row = u * n;
            for (int a = lo; a < hi; a++) {
                int v = adj[a];
                for (int b = adjStart[v]; b < adjStart[v + 1]; b++) {
                    int w = adj[b];
                    if (w != u && symmetric[row + w]) {
                        paths++;
                    }
                }
            }
            clustering[u] = (double) paths / ((double) udeg * (udeg - 1));
        }
        for (int j = 0; j < e; j++) {
            pairCount[src[j] * n + dst[j]] = 0;
            symmetric[src[j] * n + dst[j]] = false;
            symmetric[dst[j] * n + src[j]] = false;
        }
    }

    /** Counts pair (u, v) of P in adjStart[u + 1] the first time it is seen (symmetric[] marks seen pairs). */
    private void markPair(int u, int v, int n) {
        if (!symmetric[u * n + v]) {
            symmetric[u * n + v] = true;
            adjStart[u + 1]++;
        }
    }

    /** Appends v to u's adjacency the first time pair (u, v) is met in this pass, clearing its mark. */
    private void addIfFirst(int u, int v, int n, int[] fill) {
        if (symmetric[u * n + v]) {
            symmetric[u * n + v] = false;
            adj[fill[u]++] = v;
        }
    }

    private int[] fillScratch(int n) {
        if (fill.length < n) {
            fill = new int[n];
        }
        return fill;
    }

    private void computeSorted(int[] src, int[] dst, int e, int n) {
        for (int j = 0; j < e; j++) {
            codes[j] = (long) src[j] * n + dst[j];
            pairs[2 * j] = codes[j];
            pairs[2 * j + 1] = (long) dst[j] * n + src[j];
        }
        System.arraycopy(codes, 0, sorted, 0, e);
        Arrays.sort(sorted, 0, e);
        for (int j = 0; j < e; j++) {
            freq[j] = count(sorted, e, codes[j]);
            reverse[j] = count(sorted, e, (long) dst[j] * n + src[j]) > 0;
        }
        buildPairAdjacency(2 * e, n);
        computeClustering(n);
    }

    private void buildPairAdjacency(int m, int n) {
        Arrays.sort(pairs, 0, m);
        Arrays.fill(adjStart, 0, n + 1, 0);
        int unique = 0;
        for (int j = 0; j < m; j++) {
            if (j == 0 || pairs[j] != pairs[j - 1]) {
                long p = pairs[j];
                adj[unique++] = (int) (p % n);
                adjStart[(int) (p / n) + 1]++;
            }
        }
        for (int u = 0; u < n; u++) {
            adjStart[u + 1] += adjStart[u];
        }
    }

    private void computeClustering(int n) {
        for (int u = 0; u < n; u++) {
            int lo = adjStart[u];
            int hi = adjStart[u + 1];
            int udeg = hi - lo;
            if (udeg <= 1) {
                clustering[u] = 0;
                continue;
            }
            for (int a = lo; a < hi; a++) {
                mark[adj[a]] = true;
            }
            long paths = 0; // ordered (v, w) with (u,v), (v,w), (u,w) in P and w != u; equals 2·tri(u)
            for (int a = lo; a < hi; a++) {
                int v = adj[a];
                for (int b = adjStart[v]; b < adjStart[v + 1]; b++) {
                    int w = adj[b];
                    if (w != u && mark[w]) {
                        paths++;
                    }
                }
            }
            for (int a = lo; a < hi; a++) {
                mark[adj[a]] = false;
            }
            clustering[u] = (double) paths / ((double) udeg * (udeg - 1));
        }
    }

    private static int count(long[] sortedCodes, int len, long key) {
        int i = Arrays.binarySearch(sortedCodes, 0, len, key);
        if (i < 0) {
            return 0;
        }
        int lo = i;
        while (lo > 0 && sortedCodes[lo - 1] == key) {
            lo--;
        }
        int hi = i;
        while (hi + 1 < len && sortedCodes[hi + 1] == key) {
            hi++;
        }
        return hi - lo + 1;
    }

    private void ensure(int e, int n) {
        if (codes.length < e) {
            codes = new long[e];
            sorted = new long[e];
            pairs = new long[2 * e];
            adj = new int[2 * e];
            freq = new int[e];
            reverse = new boolean[e];
        }
        if (mark.length < n) {
            mark = new boolean[n];
            adjStart = new int[n + 1];
            inDegree = new int[n];
            outDegree = new int[n];
            clustering = new double[n];
        }
    }

    /** Multiplicity of edge {@code j}'s (src, dst) pair among the window's edges (≥ 1). */
    public int edgeFrequency(int j) {
        return freq[j];
    }

    /** True when the reversed pair (dst, src) of edge {@code j} is also an edge; always true for a self-loop. */
    public boolean bidirectional(int j) {
        return reverse[j];
    }

    /** Number of edges with destination {@code v}. */
    public int inDegree(int v) {
        return inDegree[v];
    }

    /** Number of edges with source {@code v}. */
    public int outDegree(int v) {
        return outDegree[v];
    }

    /** Clustering coefficient of node {@code v} as the original computes it (see the class comment). */
    public double clustering(int v) {
        return clustering[v];
    }

    /** Number of nodes of the last computation. */
    public int nodes() {
        return nodes;
    }

    /** Number of edges of the last computation. */
    public int edges() {
        return edges;
    }
}
