package dev.graphids.can.read;

import java.nio.charset.StandardCharsets;

/** Parsing of numbers straight from bytes, without building strings on the hot path. */
final class Ascii {
    private Ascii() {
    }

    /** Exact powers of ten: every 10^k with k <= 22 is a double without rounding. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 32] = (byte) (c - 'a' + 10);
        }
    }

    /** Value of a hex digit, or -1. */
    static int hex(byte b) {
        return HEX[b & 0xff];
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * Parses a non-negative decimal ({@code 1513921815.350702}) to the same double as {@link Double#parseDouble}
     * (correctly rounded): when the digits fit in 2^53 and there are at most 22 decimals, the integer mantissa and
     * the power of ten are exact doubles and one IEEE division rounds correctly. Other forms (exponents, very long
     * digit strings) go through {@link Double#parseDouble}. Returns NaN for anything that is not a finite,
     * non-negative number.
     */
    static double parseSeconds(byte[] b, int from, int to) {
        if (from >= to) {
            return Double.NaN;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = 0;
        boolean dot = false;
        int i = from;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    if (dot) {
                        decimals++;
                    }
                } else {
                    return slowSeconds(b, from, to);
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (i == from || (dot && i == from + 1)) {
            return slowSeconds(b, from, to);
        }
        if (i < to) {
            return slowSeconds(b, from, to);
        }
        if (mantissa < (1L << 53) && decimals <= 22) {
            return decimals == 0 ? (double) mantissa : mantissa / POW10[decimals];
        }
        return slowSeconds(b, from, to);
    }

    private static double slowSeconds(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        // Double.parseDouble accepts "NaN", "Infinity", hex floats and a trailing 'd'/'f'; none is a timestamp.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return Double.NaN;
            }
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) && v >= 0 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parses 1..8 hex digits (an optional 0x prefix) to a value, or -1 if malformed. */
    static long parseHexId(byte[] b, int from, int to) {
        if (to - from > 2 && b[from] == '0' && (b[from + 1] == 'x' || b[from + 1] == 'X')) {
            from += 2;
        }
        int n = to - from;
        if (n < 1 || n > 8) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int h = HEX[b[i] & 0xff];
            if (h < 0) {
                return -1;
            }
            v = (v << 4) | h;
        }
        return v;
    }

    /** Parses a small non-negative decimal integer (at most 4 digits), or -1. */
    static int parseSmallInt(byte[] b, int from, int to) {
        if (from >= to || to - from > 4) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** True when every byte is printable ASCII or a tab (binary junk is not). */
    static boolean isText(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }
}
