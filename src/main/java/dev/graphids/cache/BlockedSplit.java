package dev.graphids.cache;

/**
 * The chronological blocked split of one file stream (data.md Decision 5, the original's 6314cc08 rule): of its U
 * windows in capture order, the last {@code floor(U * valFraction)} are validation, the {@code embargo} windows
 * before them are dropped so that no validation window shares a frame with a training window, and the rest are
 * training. Deterministic: no randomness at all.
 *
 * @param valFraction fraction of each stream's windows held out for validation, in [0, 1)
 * @param embargo     windows dropped between training and validation
 */
public record BlockedSplit(double valFraction, int embargo) {

    public BlockedSplit {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("val_fraction: expected a number in [0, 1), found " + valFraction);
        }
        if (embargo < 0) {
            throw new IllegalArgumentException("embargo: expected >= 0, found " + embargo);
        }
    }

    /**
     * The embargo that keeps overlapping windows apart: with stride below the window size, consecutive windows share
     * rows, so {@code ceil(W / S) - 1} windows must be skipped; sequences of L windows with sequence stride T add
     * {@code (L - 1) * T}.
     */
    public static int embargoFor(int windowSize, int stride, int sequenceLength, int sequenceStride) {
        int overlap = stride >= windowSize ? 0 : (windowSize + stride - 1) / stride - 1;
        return overlap + (sequenceLength - 1) * sequenceStride;
    }

    /** Split of each of {@code windows} windows of one training stream. */
    public Split[] assign(int windows) {
        Split[] out = new Split[windows];
        int nVal = (int) Math.floor(windows * valFraction);
        int valStart = windows - nVal;
        int trainEnd = Math.max(0, valStart - embargo);
        for (int i = 0; i < windows; i++) {
            out[i] = i >= valStart ? Split.VAL : i < trainEnd ? Split.TRAIN : Split.EMBARGO;
        }
        return out;
    }
}
