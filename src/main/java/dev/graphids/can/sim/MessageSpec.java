package dev.graphids.can.sim;

import java.util.List;
import java.util.Random;

/**
 * One periodic message of a vehicle: an 11-bit ID sent every {@code periodMicros} microseconds (10 ms .. 1 s) with
 * a uniform jitter of ±{@code jitterFraction} of the period (0.01 .. 0.03), carrying {@code dlc} bytes laid out by
 * {@code fields} over the constant {@code defaults}.
 *
 * @param id             arbitration ID, 0..0x7FF
 * @param periodMicros   nominal period in microseconds
 * @param dlc            payload length in bytes, 0..8
 * @param jitterFraction half-width of the uniform send-time jitter, as a fraction of the period
 * @param defaults       the constant payload bytes ({@code dlc} of them) before the fields are applied
 * @param fields         payload fields; checksums last
 */
public record MessageSpec(int id, long periodMicros, int dlc, double jitterFraction, byte[] defaults,
                          List<PayloadField> fields) {
    /** Shortest allowed period, microseconds. */
    public static final long MIN_PERIOD_MICROS = 10_000;
    /** Longest allowed period, microseconds. */
    public static final long MAX_PERIOD_MICROS = 1_000_000;

    public MessageSpec {
        if (id < 0 || id > 0x7ff) {
            throw new IllegalArgumentException("id must be 11-bit, was " + id);
        }
        if (periodMicros < MIN_PERIOD_MICROS || periodMicros > MAX_PERIOD_MICROS) {
            throw new IllegalArgumentException("period must be 10 ms .. 1 s, was " + periodMicros + " us");
        }
        if (dlc < 0 || dlc > 8 || defaults.length != dlc) {
            throw new IllegalArgumentException("dlc must be 0..8 and match the defaults, was " + dlc);
        }
        if (jitterFraction < 0 || jitterFraction > 0.05) {
            throw new IllegalArgumentException("jitter fraction must be 0..0.05, was " + jitterFraction);
        }
        defaults = defaults.clone();
        fields = List.copyOf(fields.stream().sorted((a, b) -> Boolean.compare(
                a instanceof PayloadField.Checksum, b instanceof PayloadField.Checksum)).toList());
        for (PayloadField f : fields) {
            int width = f instanceof PayloadField.Signal s ? s.width() : 1;
            if (f.offset() < 0 || f.offset() + width > dlc) {
                throw new IllegalArgumentException("field " + f + " does not fit in " + dlc + " bytes of ID " + id);
            }
        }
    }

    /** A new payload for frame number {@code seq} sent {@code t} seconds after capture start. */
    public byte[] render(long seq, double t, SignalSource signals, Random rng) {
        byte[] payload = defaults.clone();
        for (PayloadField f : fields) {
            f.apply(payload, seq, t, signals, rng);
        }
        return payload;
    }

    /** Frames per second at the nominal period. */
    public double rate() {
        return 1e6 / periodMicros;
    }
}
