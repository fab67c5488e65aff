package dev.graphids.can.sim;

import java.util.Random;

/**
 * One part of a message's payload layout. Fields write into a payload whose unassigned bytes hold the message's
 * constant default bytes; {@link Checksum} fields are applied after all others, so they cover the final bytes.
 */
public sealed interface PayloadField
        permits PayloadField.Counter, PayloadField.Signal, PayloadField.Noise, PayloadField.Checksum {

    /** First payload byte this field writes. */
    int offset();

    /** Writes the field for frame number {@code seq} (0-based per ID) at {@code t} seconds into {@code payload}. */
    void apply(byte[] payload, long seq, double t, SignalSource signals, Random rng);

    /**
     * A rolling counter of {@code bits} (4 or 8) bits: the low nibble of byte {@code offset} for 4 bits (the high
     * nibble keeps the default), the whole byte for 8; it counts frames modulo 2^bits.
     */
    record Counter(int offset, int bits) implements PayloadField {
        public Counter {
            if (bits != 4 && bits != 8) {
                throw new IllegalArgumentException("counter bits must be 4 or 8, was " + bits);
            }
        }

        @Override
        public void apply(byte[] payload, long seq, double t, SignalSource signals, Random rng) {
            if (bits == 8) {
                payload[offset] = (byte) seq;
            } else {
                payload[offset] = (byte) ((payload[offset] & 0xf0) | (seq & 0x0f));
            }
        }
    }

    /**
     * A physical value, encoded big-endian in {@code width} (1 or 2) bytes as
     * {@code round((value - bias) / scale + noise)} clamped to the unsigned range, where noise is Gaussian with
     * standard deviation {@code noiseLsb} (in encoded units).
     */
    record Signal(int offset, int width, Quantity quantity, double scale, double bias, double noiseLsb)
            implements PayloadField {
        public Signal {
            if (width != 1 && width != 2) {
                throw new IllegalArgumentException("signal width must be 1 or 2, was " + width);
            }
            if (!(scale > 0)) {
                throw new IllegalArgumentException("signal scale must be > 0, was " + scale);
            }
        }

        @Override
        public void apply(byte[] payload, long seq, double t, SignalSource signals, Random rng) {
            double raw = (signals.value(quantity, t) - bias) / scale;
            if (noiseLsb > 0) {
                raw += rng.nextGaussian() * noiseLsb;
            }
            int max = width == 1 ? 0xff : 0xffff;
            int v = (int) Math.max(0, Math.min(max, Math.round(raw)));
            if (width == 2) {
                payload[offset] = (byte) (v >>> 8);
                payload[offset + 1] = (byte) v;
            } else {
                payload[offset] = (byte) v;
            }
        }
    }

    /** A noisy byte: the default value plus a uniform integer in {@code [-spread, spread]}, wrapped to 0..255. */
    record Noise(int offset, int spread) implements PayloadField {
        @Override
        public void apply(byte[] payload, long seq, double t, SignalSource signals, Random rng) {
            payload[offset] = (byte) (payload[offset] + rng.nextInt(2 * spread + 1) - spread);
        }
    }

    /** A checksum byte over all other payload bytes: their XOR, or their sum modulo 256. */
    record Checksum(int offset, boolean sum) implements PayloadField {
        @Override
        public void apply(byte[] payload, long seq, double t, SignalSource signals, Random rng) {
            int c = 0;
            for (int i = 0; i < payload.length; i++) {
                if (i != offset) {
                    c = sum ? c + (payload[i] & 0xff) : c ^ (payload[i] & 0xff);
                }
            }
            payload[offset] = (byte) c;
        }
    }
}
