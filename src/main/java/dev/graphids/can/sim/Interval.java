package dev.graphids.can.sim;

/**
 * A half-open time interval {@code [startMicros, endMicros)} in microseconds since capture start.
 */
public record Interval(long startMicros, long endMicros) {
    public Interval {
        if (startMicros < 0 || endMicros <= startMicros) {
            throw new IllegalArgumentException("bad interval [" + startMicros + ", " + endMicros + ")");
        }
    }

    /** True if {@code startMicros <= micros < endMicros}. */
    public boolean contains(long micros) {
        return micros >= startMicros && micros < endMicros;
    }

    /** Length in microseconds. */
    public long lengthMicros() {
        return endMicros - startMicros;
    }
}
