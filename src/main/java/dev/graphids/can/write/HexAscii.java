package dev.graphids.can.write;

/** Byte-level formatting shared by the writers: no {@code String.format}, no per-row strings. */
final class HexAscii {
    static final byte[] UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexAscii() {
    }

    /** Writes {@code v} as {@code digits} uppercase hex characters at {@code pos}; returns the next position. */
    static int hex(byte[] buf, int pos, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            buf[pos + i] = UPPER[(int) (v & 0xf)];
            v >>>= 4;
        }
        return pos + digits;
    }

    /** Writes the payload as two uppercase hex characters per byte; returns the next position. */
    static int bytes(byte[] buf, int pos, byte[] data, int n) {
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            buf[pos++] = UPPER[b >>> 4];
            buf[pos++] = UPPER[b & 0xf];
        }
        return pos;
    }

    /**
     * Writes a time in seconds with exactly six decimals ({@code 1672531200.000502}); the value is rounded to the
     * nearest microsecond first, which is exact for epoch-second timestamps (a double's spacing there is ~0.24 us).
     */
    static int seconds(byte[] buf, int pos, double seconds) {
        long micros = Math.round(seconds * 1e6);
        if (micros < 0) {
            buf[pos++] = '-';
            micros = -micros;
        }
        pos = decimal(buf, pos, micros / 1_000_000);
        buf[pos++] = '.';
        long frac = micros % 1_000_000;
        for (int i = 5; i >= 0; i--) {
            buf[pos + i] = (byte) ('0' + frac % 10);
            frac /= 10;
        }
        return pos + 6;
    }

    /** Writes a non-negative integer in decimal; returns the next position. */
    static int decimal(byte[] buf, int pos, long v) {
        if (v == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        int n = 0;
        for (long x = v; x > 0; x /= 10) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            buf[pos + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return pos + n;
    }
}
