package dev.graphids.graph.feature;

import dev.graphids.graph.FrameWindow;
import java.util.Arrays;

/**
 * The rows of a window grouped by local node, each group in row (time) order: node v owns rows
 * {@code row(start(v)) .. row(start(v + 1) − 1)}. A stable counting sort over the row → node map.
 *
 * <p>Holds reusable buffers: not thread-safe; results stay valid until the next {@link #group} call.
 */
public final class NodeRows {

    private int[] rowNode = new int[0];
    private int[] order = new int[0];
    private int[] start = new int[1];
    private long[] rawKeys = new long[0];
    private int nodes;
    private int rows;

    /**
     * Groups {@code w} rows by node.
     *
     * @param node local node index per row, each in 0..n−1 (first {@code w} entries used; the array is kept by
     *             reference until the next call)
     * @param w    number of rows
     * @param n    number of nodes
     */
    public void group(int[] node, int w, int n) {
        if (order.length < w) {
            order = new int[w];
        }
        if (start.length < n + 1) {
            start = new int[n + 1];
        }
        this.rowNode = node;
        this.rows = w;
        this.nodes = n;
        Arrays.fill(start, 0, n + 1, 0);
        for (int r = 0; r < w; r++) {
            start[node[r] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        for (int r = 0; r < w; r++) {
            order[start[node[r]]++] = r;
        }
        // start[v] now holds the end of group v; shift back to starts
        System.arraycopy(start, 0, start, 1, n);
        start[0] = 0;
    }

    /**
     * Sorts each node's raw CAN IDs: afterwards {@link #rawKey(int)} at positions {@code start(v) .. start(v+1) − 1}
     * holds node v's raw ID keys in ascending order (with repeats), a key being {@link #rawKey(int, boolean)}.
     *
     * @param window the window grouped by the last {@link #group} call
     */
    public void sortRawIds(FrameWindow window) {
        if (rawKeys.length < rows) {
            rawKeys = new long[rows];
        }
        for (int p = 0; p < rows; p++) {
            int r = order[p];
            rawKeys[p] = rawKey(window.canId(r), window.extended(r));
        }
        for (int v = 0; v < nodes; v++) {
            Arrays.sort(rawKeys, start[v], start[v + 1]);
        }
    }

    /** The raw-ID key at grouped position {@code p} (valid after {@link #sortRawIds}). */
    public long rawKey(int p) {
        return rawKeys[p];
    }

    /** A sortable key of a raw ID: the ID in the low 32 bits, bit 32 set for a 29-bit (extended) ID. */
    public static long rawKey(int canId, boolean extended) {
        return (extended ? 1L << 32 : 0L) | (canId & 0xFFFFFFFFL);
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Local node of row {@code r}. */
    public int nodeOf(int r) {
        return rowNode[r];
    }

    /** Position of node {@code v}'s first row in the grouped order; {@code start(n)} = rows. */
    public int start(int v) {
        return start[v];
    }

    /** Number of rows of node {@code v}. */
    public int count(int v) {
        return start[v + 1] - start[v];
    }

    /** The row at position {@code p} of the grouped order. */
    public int row(int p) {
        return order[p];
    }
}
