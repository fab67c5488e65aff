package dev.graphids.graph.feature;

import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 11 edge features of spec §3.4, in the original's column order ({@link #NAMES}). Edge t − 1 (t = 1..W−1) joins
 * row t (source, the newer frame) to row t − 1 (destination, the previous frame):
 * <ul>
 *   <li>0 {@code iat}: timestamp(t) − timestamp(t − 1), seconds, differenced in double;</li>
 *   <li>1–8 {@code byte_i_diff}: |byte_i(t) − byte_i(t − 1)|;</li>
 *   <li>9 {@code bidir}: 1 when the reversed pair is also an edge of the window (always for a self-loop), else 0;</li>
 *   <li>10 {@code edge_freq}: multiplicity of the (src, dst) pair in the window; every duplicate carries it.</li>
 * </ul>
 */
public final class EdgeFeatures {

    /** Number of edge features. */
    public static final int COUNT = WindowGraph.EDGE_FEATURES;

    public static final int IAT = 0;
    public static final int BYTE_DIFF = 1;
    public static final int BIDIR = 9;
    public static final int EDGE_FREQ = 10;

    /** Column names in order, as the original's {@code EDGE_COL_ORDER}. */
    public static final List<String> NAMES = names();

    private EdgeFeatures() {
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(COUNT);
        n.add("iat");
        for (int i = 0; i < FrameWindow.PAYLOAD_BYTES; i++) {
            n.add("byte_" + i + "_diff");
        }
        n.add("bidir");
        n.add("edge_freq");
        return Collections.unmodifiableList(n);
    }

    /**
     * Computes the features of the window's W − 1 edges.
     *
     * @param window   the window's frames
     * @param topology the topology computed over the edges in window order
     * @param out      receives (W − 1) · 11 values, row-major
     */
    public static void compute(FrameWindow window, Topology topology, double[] out) {
        for (int t = 1; t < window.size(); t++) {
            int j = t - 1;
            int off = j * COUNT;
            out[off + IAT] = window.timestamp(t) - window.timestamp(t - 1);
            for (int i = 0; i < FrameWindow.PAYLOAD_BYTES; i++) {
                out[off + BYTE_DIFF + i] = Math.abs(window.byteAt(t, i) - window.byteAt(t - 1, i));
            }
            out[off + BIDIR] = topology.bidirectional(j) ? 1.0 : 0.0;
            out[off + EDGE_FREQ] = topology.edgeFrequency(j);
        }
    }
}
