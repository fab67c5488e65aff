package dev.graphids.can;

import java.nio.file.Path;

/**
 * One CAN frame as captured.
 *
 * @param timestamp capture time in seconds (epoch or relative, as the capture has it)
 * @param id        arbitration ID as an integer: 0..0x7FF for 11-bit frames, 0..0x1FFFFFFF for 29-bit ones
 * @param extended  true for a 29-bit (extended) identifier
 * @param remote    true for a remote transmission request (no data bytes; {@code dlc} is the requested length)
 * @param fd        true for a CAN FD frame (up to 64 data bytes)
 * @param dlc       data length in bytes (for CSV captures, payload hex length / 2; an empty payload is DLC 0)
 * @param data      payload bytes; {@code data.length == dlc} except for remote frames, whose data is empty
 * @param label     {@link #BENIGN}, {@link #ATTACK} or {@link #UNLABELLED}
 * @param source    the capture file the frame came from
 * @param line      1-based line number in that file
 */
public record CanFrame(double timestamp, int id, boolean extended, boolean remote, boolean fd, int dlc, byte[] data,
                       byte label, Path source, long line) {

    public static final byte BENIGN = 0;
    public static final byte ATTACK = 1;
    public static final byte UNLABELLED = -1;
    public static final int MAX_STANDARD_ID = 0x7FF;
    public static final int MAX_EXTENDED_ID = 0x1FFFFFFF;

    public boolean isAttack() {
        return label == ATTACK;
    }

    public boolean isLabelled() {
        return label != UNLABELLED;
    }

    /** Byte {@code i} of the payload as 0..255, or 0 past the end (the original zero-pads short payloads). */
    public int byteAt(int i) {
        return i < data.length ? data[i] & 0xff : 0;
    }
}
