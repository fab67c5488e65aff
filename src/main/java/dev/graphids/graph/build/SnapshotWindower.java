package dev.graphids.graph.build;

import dev.graphids.can.CanFrame;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts one capture stream into snapshot windows (spec §3.1, Decision 1): feed the stream's frames in capture order
 * with {@link #push}; each frame that completes a window returns it. Window k covers stream rows
 * {@code [k·S, k·S + W)}; only complete windows are produced and the trailing partial rows are dropped. Windows never
 * cross streams: use one windower per capture file.
 *
 * <p>Memory is bounded: a ring of W frames in primitive arrays. Frames are not re-sorted; a frame whose timestamp is
 * earlier than its predecessor's stays in capture order and is counted ({@link #outOfOrderFrames()}). Not
 * thread-safe.
 */
public final class SnapshotWindower {

    private final WindowSpec spec;
    private final int size;
    private final double[] timestamps;
    private final int[] canIds;
    private final boolean[] extended;
    private final byte[] payload;
    private final byte[] labels;
    private long rows;
    private long windows;
    private long outOfOrder;
    private double lastTimestamp = Double.NEGATIVE_INFINITY;

    public SnapshotWindower(WindowSpec spec) {
        this.spec = Objects.requireNonNull(spec);
        this.size = spec.size();
        this.timestamps = new double[size];
        this.canIds = new int[size];
        this.extended = new boolean[size];
        this.payload = new byte[size * FrameWindow.PAYLOAD_BYTES];
        this.labels = new byte[size];
    }

    /** The window specification. */
    public WindowSpec spec() {
        return spec;
    }

    /**
     * Feeds the stream's next frame.
     *
     * @return the window this frame completes, or empty
     */
    public Optional<FrameWindow> push(CanFrame frame) {
        long row = rows++;
        double ts = frame.timestamp();
        if (ts < lastTimestamp) {
            outOfOrder++;
        }
        lastTimestamp = ts;
        int slot = (int) (row % size);
        timestamps[slot] = ts;
        canIds[slot] = frame.id();
        extended[slot] = frame.extended();
        labels[slot] = frame.label();
        byte[] data = frame.data();
        int n = Math.min(data.length, FrameWindow.PAYLOAD_BYTES);
        int off = slot * FrameWindow.PAYLOAD_BYTES;
        System.arraycopy(data, 0, payload, off, n);
        for (int i = n; i < FrameWindow.PAYLOAD_BYTES; i++) {
            payload[off + i] = 0;
        }
        long start = row - (size - 1);
        if (start < 0 || start % spec.stride() != 0) {
            return Optional.empty();
        }
        return Optional.of(snapshot(start));
    }

    private FrameWindow snapshot(long start) {
        double[] ts = new double[size];
        int[] ids = new int[size];
        boolean[] ext = new boolean[size];
        byte[] pay = new byte[size * FrameWindow.PAYLOAD_BYTES];
        byte[] lab = new byte[size];
        // the ring holds rows start..start+W-1; row start sits at slot start % W
        int head = (int) (start % size);
        int tail = size - head;
        System.arraycopy(timestamps, head, ts, 0, tail);
        System.arraycopy(timestamps, 0, ts, tail, head);
        System.arraycopy(canIds, head, ids, 0, tail);
        System.arraycopy(canIds, 0, ids, tail, head);
        System.arraycopy(extended, head, ext, 0, tail);
        System.arraycopy(extended, 0, ext, tail, head);
        System.arraycopy(labels, head, lab, 0, tail);
        System.arraycopy(labels, 0, lab, tail, head);
        int b = FrameWindow.PAYLOAD_BYTES;
        System.arraycopy(payload, head * b, pay, 0, tail * b);
        System.arraycopy(payload, 0, pay, tail * b, head * b);
        return new FrameWindow(windows++, start, ts, ids, ext, pay, lab);
    }

    /** Frames fed so far. */
    public long frames() {
        return rows;
    }

    /** Windows produced so far. */
    public long windows() {
        return windows;
    }

    /** Frames whose timestamp is earlier than the previous frame's (kept in capture order). */
    public long outOfOrderFrames() {
        return outOfOrder;
    }
}
