package dev.graphids.graph;

import dev.graphids.error.GraphidsException;

/**
 * A snapshot window specification (spec §3.1): windows are the row intervals {@code [k·stride, k·stride + size)} of
 * one capture stream, k = 0, 1, …, and only complete windows exist.
 *
 * @param size   window size W in frames, at least 2 (a window needs one edge)
 * @param stride stride S in frames between window starts, at least 1
 */
public record WindowSpec(int size, int stride) {

    /** The production configuration: window 100, stride 100. */
    public static final WindowSpec DEFAULT = new WindowSpec(100, 100);

    public WindowSpec {
        if (size < 2) {
            throw GraphidsException.usage("window size: expected >= 2, found " + size);
        }
        if (stride < 1) {
            throw GraphidsException.usage("window stride: expected >= 1, found " + stride);
        }
    }

    /** Number of complete windows over a stream of {@code rows} frames: max(0, (rows − W) / S + 1). */
    public long windowCount(long rows) {
        return rows < size ? 0 : (rows - size) / stride + 1;
    }

    /** First row (0-based, within the stream) of window {@code index}. */
    public long startRow(long index) {
        return index * stride;
    }
}
