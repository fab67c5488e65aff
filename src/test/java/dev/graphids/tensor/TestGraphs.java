package dev.graphids.tensor;

import java.util.SplittableRandom;

/** Seeded synthetic graphs for tensor and model tests. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** A graph with the given edges and seeded random features. */
    public static HostGraph graph(int n, int[] src, int[] dst, long seed, long y) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * HostGraph.NODE_FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] idf = new float[n * HostGraph.ID_FEATURES];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) r.nextDouble();
        }
        long[] ids = new long[n];
        long[] buckets = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(10);
            buckets[i] = r.nextInt(16);
        }
        float[] ea = new float[src.length * HostGraph.EDGE_FEATURES];
        for (int i = 0; i < ea.length; i++) {
            ea[i] = (float) r.nextGaussian();
        }
        return new HostGraph(n, x, idf, ids, buckets, src, dst, ea, y, (int) y,
                new HostGraph.GraphRef("test", (int) seed));
    }

    /** A random window-like graph: n nodes, e edges along a random message sequence (newest → previous). */
    public static HostGraph random(int n, int e, long seed, long y) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        int[] seq = new int[e + 1];
        for (int i = 0; i <= e; i++) {
            seq[i] = i < n ? i : r.nextInt(n);
        }
        int[] src = new int[e];
        int[] dst = new int[e];
        for (int i = 0; i < e; i++) {
            src[i] = seq[i + 1];
            dst[i] = seq[i];
        }
        return graph(n, src, dst, seed, y);
    }
}
