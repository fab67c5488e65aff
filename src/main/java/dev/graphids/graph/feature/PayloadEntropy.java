package dev.graphids.graph.feature;

import dev.graphids.graph.FrameWindow;

/**
 * Per-message payload entropy (spec §1.4): Shannon entropy in nats with the byte <em>values</em> as weights, not a
 * histogram of byte frequencies. With S = max(Σ b_i, 1e-12) and p_i = b_i / S, the entropy is −Σ_{b_i > 0} p_i ln p_i
 * over the 8 zero-padded payload bytes; an all-zero payload gives 0.
 */
public final class PayloadEntropy {

    private static final double MIN_SUM = 1e-12;

    /** ln(i) for i = 0..8·255 (index 0 unused): payload sums are integers, so ln p_i = ln b_i − ln S needs no log call. */
    private static final double[] LN = new double[FrameWindow.PAYLOAD_BYTES * 255 + 1];

    static {
        for (int i = 1; i < LN.length; i++) {
            LN[i] = Math.log(i);
        }
    }

    private PayloadEntropy() {
    }

    /**
     * Entropy of row {@code r} of a window, nats. Uses ln p_i = ln b_i − ln S from a table (S is an integer of at
     * most 2040); it agrees with {@link #of(int...)} to about 1e-15 and gives exactly 0 for a single non-zero byte.
     */
    public static double of(FrameWindow window, int r) {
        int sum = 0;
        for (int i = 0; i < FrameWindow.PAYLOAD_BYTES; i++) {
            sum += window.byteAt(r, i);
        }
        if (sum == 0) {
            return 0;
        }
        double lnS = LN[sum];
        double h = 0;
        for (int i = 0; i < FrameWindow.PAYLOAD_BYTES; i++) {
            int b = window.byteAt(r, i);
            if (b > 0) {
                h -= (double) b / sum * (LN[b] - lnS);
            }
        }
        return h;
    }

    /** Entropy of the given byte values (0..255 each; at most the first 8 are used), nats. */
    public static double of(int... bytes) {
        int n = Math.min(bytes.length, FrameWindow.PAYLOAD_BYTES);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += bytes[i];
        }
        double s = Math.max(sum, MIN_SUM);
        double h = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] > 0) {
                double p = bytes[i] / s;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
