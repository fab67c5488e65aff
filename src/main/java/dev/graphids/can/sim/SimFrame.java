package dev.graphids.can.sim;

import dev.graphids.can.CanFrame;

/**
 * A simulated 11-bit data frame inside the simulator, timed in integer microseconds since capture start (so that
 * scheduling and merging are exact), converted to a {@link CanFrame} on output.
 *
 * @param micros start of transmission, microseconds since capture start
 * @param id     arbitration ID, 0..0x7FF
 * @param data   payload, {@code data.length} is the DLC (0..8)
 * @param attack true for an injected, replaced or suppression-window frame
 */
public record SimFrame(long micros, int id, byte[] data, boolean attack) {

    /** The same frame with {@code attack} set. */
    public SimFrame labelled() {
        return attack ? this : new SimFrame(micros, id, data, true);
    }

    /** The same frame sent at {@code newMicros}. */
    public SimFrame at(long newMicros) {
        return new SimFrame(newMicros, id, data, attack);
    }

    /** Bits on the wire, stuffing included (see {@link FrameBits}). */
    public int bits() {
        return FrameBits.standardFrameBits(id, data, data.length);
    }

    /** This frame as a {@link CanFrame} with timestamp {@code epochMicros + micros} in seconds. */
    public CanFrame toCanFrame(long epochMicros, long line) {
        return new CanFrame((epochMicros + micros) / 1e6, id, false, false, false, data.length, data,
                attack ? CanFrame.ATTACK : CanFrame.BENIGN, null, line);
    }
}
