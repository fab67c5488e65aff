package dev.graphids.graph.feature;

import dev.graphids.can.CanFrame;
import dev.graphids.graph.WindowGraph;
import java.util.List;

/**
 * Vehicle-independent ID information per node (spec Decision 3), kept apart from the 35 specified node features so
 * that those stay comparable with the original. Every ID unseen in training maps to vocabulary index 0, so without
 * this block the traffic of an unknown vehicle collapses into one featureless node; these values depend only on the
 * raw arbitration ID, not on the vocabulary.
 *
 * <p>Each node has a <em>representative</em> raw ID: the most frequent raw ID among its rows in the window (ties go to
 * the numerically smallest; standard before extended). For a known node this is its only ID. Columns
 * ({@link #NAMES}), each in [0, 1]:
 * <ul>
 *   <li>0 {@code id_scaled}: the representative ID divided by 0x7FF for an 11-bit ID or by 0x1FFFFFFF for a 29-bit
 *       one;</li>
 *   <li>1 {@code id_extended}: 1 when the representative ID is a 29-bit ID;</li>
 *   <li>2 {@code id_unknown}: 1 for the unknown node (vocabulary index 0).</li>
 * </ul>
 * Besides, {@link #bucket(int, boolean)} hashes the representative ID into one of {@link #buckets()} buckets (for an
 * ID embedding): SplitMix64's finaliser over the ID (bit 32 set for 29-bit IDs) plus a fixed seed, reduced with
 * {@code floorMod}. Stable across runs, JVMs and vehicles.
 */
public final class IdFeatures {

    /** Number of columns. */
    public static final int COUNT = WindowGraph.ID_FEATURES;

    public static final int ID_SCALED = 0;
    public static final int ID_EXTENDED = 1;
    public static final int ID_UNKNOWN = 2;

    /** Column names in order. */
    public static final List<String> NAMES = List.of("id_scaled", "id_extended", "id_unknown");

    /** Default number of hash buckets. */
    public static final int DEFAULT_BUCKETS = 1024;

    private static final long SEED = 0x6A09E667F3BCC909L;

    private final int buckets;

    /** @param buckets number of hash buckets, at least 1 */
    public IdFeatures(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("id hash buckets: expected >= 1, found " + buckets);
        }
        this.buckets = buckets;
    }

    /** Number of hash buckets. */
    public int buckets() {
        return buckets;
    }

    /** The hash bucket of a raw ID, in [0, buckets). */
    public int bucket(int canId, boolean extended) {
        long z = NodeRows.rawKey(canId, extended) + SEED;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) buckets);
    }

    /** {@code id / 0x7FF} for an 11-bit ID, {@code id / 0x1FFFFFFF} for a 29-bit one. */
    public static double scaledId(int canId, boolean extended) {
        return (canId & 0xFFFFFFFFL) / (double) (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID);
    }

    /**
     * Computes the block for every node.
     *
     * @param rows     the window's rows grouped by node, after {@link NodeRows#sortRawIds}
     * @param nodeIds  vocabulary index per local node
     * @param out      receives n · {@link #COUNT} values, row-major
     * @param bucketOut receives n bucket indices
     */
    public void compute(NodeRows rows, int[] nodeIds, float[] out, int[] bucketOut) {
        for (int v = 0; v < rows.nodes(); v++) {
            long rep = representative(rows, v);
            int id = (int) rep;
            boolean ext = (rep >>> 32) != 0;
            int off = v * COUNT;
            out[off + ID_SCALED] = (float) scaledId(id, ext);
            out[off + ID_EXTENDED] = ext ? 1f : 0f;
            out[off + ID_UNKNOWN] = nodeIds[v] == 0 ? 1f : 0f;
            bucketOut[v] = bucket(id, ext);
        }
    }

    /** The most frequent raw-ID key of node v (smallest on ties); the keys of a node are sorted. */
    private static long representative(NodeRows rows, int v) {
        int end = rows.start(v + 1);
        long best = rows.rawKey(rows.start(v));
        int bestRun = 0;
        int p = rows.start(v);
        while (p < end) {
            long key = rows.rawKey(p);
            int q = p;
            while (q < end && rows.rawKey(q) == key) {
                q++;
            }
            if (q - p > bestRun) {
                bestRun = q - p;
                best = key;
            }
            p = q;
        }
        return best;
    }
}
