package dev.graphids.graph.feature;

import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 35 node features of spec §3.3, in the original's exact column order ({@link #NAMES}). Statistics are over the
 * rows of the node inside the window, in row (time) order; every NaN or undefined value becomes 0.
 *
 * <ul>
 *   <li>0–7 {@code byte_i_mean}, 8–15 {@code byte_i_std} (sample std, ddof = 1; one row gives 0), 16–23
 *       {@code byte_i_range} (max − min); bytes are 0..255, zero-padded past the DLC;</li>
 *   <li>24 {@code msg_count}; 25 {@code entropy_mean} (mean of {@link PayloadEntropy});</li>
 *   <li>26 {@code skewness}, 27 {@code kurtosis}: mean over the 8 bytes of the biased skewness / biased Fisher excess
 *       kurtosis, each NaN → 0 and then clipped to ±10;</li>
 *   <li>28 {@code clustering_coeff} ({@link Topology#clustering});</li>
 *   <li>29 {@code split_half_ratio}: fraction of the node's rows whose stream row mod W is below floor(W/2) (the
 *       original's {@code _first_half} flag; equal to "first half of the window" when the stride is a multiple of
 *       W);</li>
 *   <li>30 {@code change_rate}: mean over the 8 bytes of the fraction of consecutive row pairs of the node whose byte
 *       differs (0 with fewer than 2 rows);</li>
 *   <li>31 {@code node_iat_mean}, 32 {@code node_iat_std}: mean and sample std of the node's consecutive timestamp
 *       differences inside the window, seconds;</li>
 *   <li>33 {@code in_degree}, 34 {@code out_degree} ({@link Topology}).</li>
 * </ul>
 *
 * <p>Holds reusable scratch buffers: not thread-safe.
 */
public final class NodeFeatures {

    /** Number of node features. */
    public static final int COUNT = WindowGraph.NODE_FEATURES;

    public static final int BYTE_MEAN = 0;
    public static final int BYTE_STD = 8;
    public static final int BYTE_RANGE = 16;
    public static final int MSG_COUNT = 24;
    public static final int ENTROPY_MEAN = 25;
    public static final int SKEWNESS = 26;
    public static final int KURTOSIS = 27;
    public static final int CLUSTERING_COEFF = 28;
    public static final int SPLIT_HALF_RATIO = 29;
    public static final int CHANGE_RATE = 30;
    public static final int NODE_IAT_MEAN = 31;
    public static final int NODE_IAT_STD = 32;
    public static final int IN_DEGREE = 33;
    public static final int OUT_DEGREE = 34;

    /** Column names in order, as the original's {@code NODE_COL_ORDER}. */
    public static final List<String> NAMES = names();

    private static final int BYTES = FrameWindow.PAYLOAD_BYTES;

    private double[] values = new double[0];
    private double[] entropy = new double[0];
    private final double[] summary = new double[5];

    private static List<String> names() {
        List<String> n = new ArrayList<>(COUNT);
        for (String stat : new String[] {"mean", "std", "range"}) {
            for (int i = 0; i < BYTES; i++) {
                n.add("byte_" + i + "_" + stat);
            }
        }
        n.addAll(List.of("msg_count", "entropy_mean", "skewness", "kurtosis", "clustering_coeff", "split_half_ratio",
                "change_rate", "node_iat_mean", "node_iat_std", "in_degree", "out_degree"));
        return Collections.unmodifiableList(n);
    }

    /**
     * Computes the features of every node.
     *
     * @param window   the window's frames
     * @param rows     the window's rows grouped by node
     * @param topology the window's topology
     * @param out      receives n · 35 values, row-major (node v at {@code out[v·35 ..]})
     */
    public void compute(FrameWindow window, NodeRows rows, Topology topology, double[] out) {
        int w = window.size();
        if (values.length < w) {
            values = new double[w];
            entropy = new double[w];
        }
        for (int r = 0; r < w; r++) {
            entropy[r] = PayloadEntropy.of(window, r);
        }
        int half = w / 2;
        for (int v = 0; v < rows.nodes(); v++) {
            int off = v * COUNT;
            int first = rows.start(v);
            int k = rows.count(v);
            byteStatistics(window, rows, first, k, out, off);
            double ent = 0;
            int firstHalf = 0;
            for (int p = first; p < first + k; p++) {
                int r = rows.row(p);
                ent += entropy[r];
                if (Math.floorMod(window.startRow() + r, (long) w) < half) {
                    firstHalf++;
                }
            }
            out[off + MSG_COUNT] = k;
            out[off + ENTROPY_MEAN] = ent / k;
            out[off + SPLIT_HALF_RATIO] = (double) firstHalf / k;
            interArrival(window, rows, first, k, out, off);
            out[off + CLUSTERING_COEFF] = topology.clustering(v);
            out[off + IN_DEGREE] = topology.inDegree(v);
            out[off + OUT_DEGREE] = topology.outDegree(v);
        }
    }

    private void byteStatistics(FrameWindow window, NodeRows rows, int first, int k, double[] out, int off) {
        double skewSum = 0;
        double kurtSum = 0;
        double changeSum = 0;
        for (int i = 0; i < BYTES; i++) {
            int changes = 0;
            int previous = -1;
            for (int j = 0; j < k; j++) {
                int b = window.byteAt(rows.row(first + j), i);
                values[j] = b;
                if (j > 0 && b != previous) {
                    changes++;
                }
                previous = b;
            }
            Moments.summarize(values, k, summary);
            out[off + BYTE_MEAN + i] = summary[Moments.MEAN];
            out[off + BYTE_STD + i] = Moments.zeroNan(summary[Moments.SAMPLE_STD]);
            out[off + BYTE_RANGE + i] = summary[Moments.RANGE];
            skewSum += Moments.zeroNanThenClip(summary[Moments.SKEWNESS]);
            kurtSum += Moments.zeroNanThenClip(summary[Moments.KURTOSIS]);
            if (k >= 2) {
                changeSum += (double) changes / (k - 1);
            }
        }
        out[off + SKEWNESS] = skewSum / BYTES;
        out[off + KURTOSIS] = kurtSum / BYTES;
        out[off + CHANGE_RATE] = k >= 2 ? changeSum / BYTES : 0;
    }

    private void interArrival(FrameWindow window, NodeRows rows, int first, int k, double[] out, int off) {
        int m = k - 1;
        if (m < 1) {
            out[off + NODE_IAT_MEAN] = 0;
            out[off + NODE_IAT_STD] = 0;
            return;
        }
        double prev = window.timestamp(rows.row(first));
        for (int j = 0; j < m; j++) {
            double t = window.timestamp(rows.row(first + j + 1));
            values[j] = t - prev;
            prev = t;
        }
        double mean = Moments.mean(values, m);
        out[off + NODE_IAT_MEAN] = Moments.zeroNan(mean);
        out[off + NODE_IAT_STD] = Moments.zeroNan(Moments.sampleStd(values, m, mean));
    }
}
