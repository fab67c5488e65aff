package dev.graphids.can.read;

/**
 * How to read a capture.
 *
 * @param format         the layout, or null to detect it from the content
 * @param onBadRow       what to do with a malformed row
 * @param maxBadFraction under {@link BadRowPolicy#SKIP}, a file with a larger fraction of bad rows is rejected
 * @param maxLineBytes   longer lines are bad rows, read in bounded memory
 */
public record ReadOptions(CaptureFormat format, BadRowPolicy onBadRow, double maxBadFraction, int maxLineBytes) {

    public static final double DEFAULT_MAX_BAD_FRACTION = 0.01;
    public static final int DEFAULT_MAX_LINE_BYTES = 4096;

    public ReadOptions {
        if (onBadRow == null) {
            onBadRow = BadRowPolicy.SKIP;
        }
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new IllegalArgumentException("maxBadFraction must be in [0, 1]: " + maxBadFraction);
        }
        if (maxLineBytes < 64) {
            throw new IllegalArgumentException("maxLineBytes must be >= 64: " + maxLineBytes);
        }
    }

    /** Detected format, skip bad rows, 1 % limit. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, BadRowPolicy.SKIP, DEFAULT_MAX_BAD_FRACTION, DEFAULT_MAX_LINE_BYTES);
    }

    public ReadOptions withFormat(CaptureFormat f) {
        return new ReadOptions(f, onBadRow, maxBadFraction, maxLineBytes);
    }

    public ReadOptions withPolicy(BadRowPolicy p) {
        return new ReadOptions(format, p, maxBadFraction, maxLineBytes);
    }
}
