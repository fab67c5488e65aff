package dev.graphids.graph;

import dev.graphids.can.CanFrame;
import java.util.List;
import java.util.Objects;

/**
 * The frames of one complete window of one capture stream, in capture order, held in primitive arrays.
 *
 * <p>Row {@code r} (0 ≤ r &lt; {@link #size()}) is stream row {@code startRow() + r}. Payloads are kept as the first
 * {@link #PAYLOAD_BYTES} bytes, zero-padded on the right (spec §1.4: padding is indistinguishable from 0x00 bytes;
 * bytes past the eighth, as in CAN FD frames, are ignored). Instances are immutable by contract: the arrays are
 * owned by the window and must not be modified.
 */
public final class FrameWindow {

    /** Payload bytes kept per frame. */
    public static final int PAYLOAD_BYTES = 8;

    private final long index;
    private final long startRow;
    private final double[] timestamps;
    private final int[] canIds;
    private final boolean[] extended;
    private final byte[] payload;
    private final byte[] labels;

    /**
     * @param index      window index k within the stream (0-based)
     * @param startRow   stream row of the window's first frame
     * @param timestamps capture times in seconds, length W
     * @param canIds     arbitration IDs, length W
     * @param extended   29-bit ID flags, length W
     * @param payload    zero-padded payload bytes, row-major, length W·8
     * @param labels     {@link CanFrame#BENIGN}, {@link CanFrame#ATTACK} or {@link CanFrame#UNLABELLED}, length W
     */
    public FrameWindow(long index, long startRow, double[] timestamps, int[] canIds, boolean[] extended,
                       byte[] payload, byte[] labels) {
        int w = timestamps.length;
        if (canIds.length != w || extended.length != w || labels.length != w || payload.length != w * PAYLOAD_BYTES) {
            throw new IllegalArgumentException("inconsistent window arrays for " + w + " rows");
        }
        this.index = index;
        this.startRow = startRow;
        this.timestamps = timestamps;
        this.canIds = canIds;
        this.extended = extended;
        this.payload = payload;
        this.labels = labels;
    }

    /** A window holding {@code frames} in the given order (tests, small tools). */
    public static FrameWindow of(long index, long startRow, List<CanFrame> frames) {
        int w = frames.size();
        double[] ts = new double[w];
        int[] ids = new int[w];
        boolean[] ext = new boolean[w];
        byte[] pay = new byte[w * PAYLOAD_BYTES];
        byte[] lab = new byte[w];
        for (int r = 0; r < w; r++) {
            CanFrame f = Objects.requireNonNull(frames.get(r));
            ts[r] = f.timestamp();
            ids[r] = f.id();
            ext[r] = f.extended();
            lab[r] = f.label();
            copyPayload(f, pay, r);
        }
        return new FrameWindow(index, startRow, ts, ids, ext, pay, lab);
    }

    /** Copies the first 8 payload bytes of {@code frame} into row {@code row} of {@code payload}, zero-padded. */
    static void copyPayload(CanFrame frame, byte[] payload, int row) {
        byte[] data = frame.data();
        int n = Math.min(data.length, PAYLOAD_BYTES);
        int off = row * PAYLOAD_BYTES;
        System.arraycopy(data, 0, payload, off, n);
        for (int i = n; i < PAYLOAD_BYTES; i++) {
            payload[off + i] = 0;
        }
    }

    /** Window index k within the stream. */
    public long index() {
        return index;
    }

    /** Stream row (0-based) of the first frame. */
    public long startRow() {
        return startRow;
    }

    /** Number of frames W. */
    public int size() {
        return timestamps.length;
    }

    /** Capture time of row {@code r}, seconds. */
    public double timestamp(int r) {
        return timestamps[r];
    }

    /** Arbitration ID of row {@code r}. */
    public int canId(int r) {
        return canIds[r];
    }

    /** True when row {@code r} has a 29-bit ID. */
    public boolean extended(int r) {
        return extended[r];
    }

    /** Payload byte {@code i} (0..7) of row {@code r} as 0..255, zero past the frame's DLC. */
    public int byteAt(int r, int i) {
        return payload[r * PAYLOAD_BYTES + i] & 0xff;
    }

    /** Label of row {@code r}: 0 benign, 1 attack, −1 unlabelled. */
    public byte label(int r) {
        return labels[r];
    }

    /** True when any row is an attack frame (the graph label y of spec §3.6). */
    public boolean anyAttack() {
        for (byte l : labels) {
            if (l > 0) {
                return true;
            }
        }
        return false;
    }
}
