package dev.graphids.detect;

import dev.graphids.cache.FeatureScaler;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.build.WindowGraphBuilder;
import dev.graphids.graph.feature.IdFeatures;
import dev.graphids.model.rate.RateBaseline;
import dev.graphids.tensor.HostGraph;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores raw windows through their graphs: each window becomes the graph the cache would hold (same builder,
 * vocabulary and ID buckets), scaled and clipped as {@code tensor.BatchLoader} does, and the windows of a call are
 * scored as one batch by {@link #scoreHosts} (a graph model, or a fuser over its upstream models).
 *
 * <p>Suspects by occlusion: node v's weight is the score drop when v and its edges are removed from the graph
 * (one extra batch of N occluded graphs per explained window); its CAN IDs (several for the shared unknown node) are
 * named with that weight. It asks the detector itself what each ID contributes, works for every model type, and
 * costs nothing on windows that are not explained.
 */
abstract class HostGraphScorer implements WindowScorer {
    private final WindowGraphBuilder builder;
    private final FeatureScaler scaler;
    private final float clip;
    private List<WindowGraph> graphs = List.of();
    private List<HostGraph> hosts = List.of();
    private double[] rates = new double[0];
    private double[] scores = new double[0];

    HostGraphScorer(DetectorSpec spec) {
        this.builder = new WindowGraphBuilder(spec.vocabulary(), new IdFeatures(spec.idBuckets()));
        this.scaler = spec.scaler();
        this.clip = (float) spec.featureClip();
    }

    @Override
    public double[] score(List<FrameWindow> windows) {
        List<WindowGraph> g = new ArrayList<>(windows.size());
        List<HostGraph> h = new ArrayList<>(windows.size());
        double[] r = new double[windows.size()];
        for (FrameWindow w : windows) {
            WindowGraph wg = builder.build(w, 0);
            r[g.size()] = RateBaseline.score(FloatBuffer.wrap(wg.edgeAttr()), 0, wg.numEdges());
            g.add(wg);
            h.add(host(wg));
        }
        graphs = g;
        hosts = h;
        rates = r;
        scores = scoreHosts(h, r);
        return scores.clone();
    }

    /**
     * The detector's scores of these graphs, in order.
     *
     * @param rates the rate baseline's score of each graph's window (from its raw edge features, as the extract stage
     *              reads it from the cache); an occluded graph keeps its window's
     */
    abstract double[] scoreHosts(List<HostGraph> graphs, double[] rates);

    /**
     * Scores of variants of an already scored window (its occlusions): as {@link #scoreHosts}, but a scorer that
     * keeps a stream's running state leaves it as it is.
     */
    double[] scoreVariants(List<HostGraph> graphs, double[] rates) {
        return scoreHosts(graphs, rates);
    }

    /** The graph as {@code BatchLoader.graph} reads it back from the cache: features scaled, then clipped. */
    private HostGraph host(WindowGraph g) {
        int n = g.numNodes();
        float[] x = g.x().clone();
        scaler.scaleNodes(x);
        clip(x);
        float[] ea = g.edgeAttr().clone();
        scaler.scaleEdges(ea);
        clip(ea);
        long[] nodeId = new long[n];
        long[] bucket = new long[n];
        for (int v = 0; v < n; v++) {
            nodeId[v] = g.nodeIds()[v];
            bucket[v] = g.idBuckets()[v];
        }
        return new HostGraph(n, x, g.idFeatures(), nodeId, bucket, g.edgeSrc(), g.edgeDst(), ea, g.y(), 0,
                new HostGraph.GraphRef("stream", (int) g.windowIndex()));
    }

    private void clip(float[] v) {
        if (clip > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(-clip, Math.min(clip, v[i]));
            }
        }
    }

    @Override
    public List<SuspectId> suspects(int i, int k) {
        HostGraph g = hosts.get(i);
        List<HostGraph> occluded = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        for (int v = 0; v < g.numNodes(); v++) {
            HostGraph o = without(g, v);
            if (o != null) {
                occluded.add(o);
                nodes.add(v);
            }
        }
        if (occluded.isEmpty()) {
            return List.of();
        }
        double[] sameRate = new double[occluded.size()];
        java.util.Arrays.fill(sameRate, rates[i]);
        double[] s = scoreVariants(occluded, sameRate);
        List<SuspectId> out = new ArrayList<>();
        for (int j = 0; j < s.length; j++) {
            double drop = scores[i] - s[j];
            for (int canId : graphs.get(i).canIdsOf(nodes.get(j))) {
                out.add(new SuspectId(canId, drop));
            }
        }
        out.sort(Comparator.comparingDouble(SuspectId::weight).reversed().thenComparingInt(SuspectId::canId));
        return out.subList(0, Math.min(k, out.size()));
    }

    /** {@code g} without node {@code v} and its edges; null when nothing (no node or no edge) would remain. */
    static HostGraph without(HostGraph g, int v) {
        int n = g.numNodes();
        if (n < 2) {
            return null;
        }
        int nf = HostGraph.NODE_FEATURES;
        int idw = HostGraph.ID_FEATURES;
        int ef = HostGraph.EDGE_FEATURES;
        float[] x = new float[(n - 1) * nf];
        float[] idf = new float[(n - 1) * idw];
        long[] nodeId = new long[n - 1];
        long[] bucket = new long[n - 1];
        int[] remap = new int[n];
        for (int u = 0, k = 0; u < n; u++) {
            if (u == v) {
                remap[u] = -1;
                continue;
            }
            remap[u] = k;
            System.arraycopy(g.x(), u * nf, x, k * nf, nf);
            System.arraycopy(g.idFeatures(), u * idw, idf, k * idw, idw);
            nodeId[k] = g.nodeId()[u];
            bucket[k] = g.idBucket()[u];
            k++;
        }
        int kept = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.src()[e] != v && g.dst()[e] != v) {
                kept++;
            }
        }
        if (kept == 0) {
            return null;
        }
        int[] src = new int[kept];
        int[] dst = new int[kept];
        float[] ea = new float[kept * ef];
        for (int e = 0, k = 0; e < g.numEdges(); e++) {
            if (g.src()[e] != v && g.dst()[e] != v) {
                src[k] = remap[g.src()[e]];
                dst[k] = remap[g.dst()[e]];
                System.arraycopy(g.edgeAttr(), e * ef, ea, k * ef, ef);
                k++;
            }
        }
        return new HostGraph(n - 1, x, idf, nodeId, bucket, src, dst, ea, g.y(), g.attackType(), g.ref());
    }
}
