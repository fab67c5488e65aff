package dev.graphids.can.sim;

/**
 * Exact on-wire length of a classical CAN 2.0A data frame (11-bit ID), bit stuffing included, for bus-load and
 * bus-timing computations. A frame is SOF, 11 ID bits, RTR, IDE, r0, 4 DLC bits, 8·DLC data bits and the 15-bit CRC
 * (34 + 8·DLC bits, subject to stuffing: after five equal bits a complementary bit is inserted), then CRC delimiter,
 * ACK slot, ACK delimiter, 7-bit EOF and the 3-bit intermission (13 bits, not stuffed). Without stuffing that is
 * 47 + 8·DLC bits; stuffing adds 0..(33 + 8·DLC)/4 bits.
 */
public final class FrameBits {
    /** Bus bit rate in bits per second. */
    public static final int BITRATE = 500_000;
    /** Microseconds per bit at {@link #BITRATE}. */
    public static final double MICROS_PER_BIT = 1e6 / BITRATE;
    private static final int CRC15_POLY = 0x4599;
    private static final int TRAILER_BITS = 13;

    private FrameBits() {
    }

    /**
     * Bits on the wire, stuffing and intermission included, of an 11-bit data frame.
     *
     * @param id   arbitration ID, 0..0x7FF
     * @param data payload; its first {@code dlc} bytes are sent
     * @param dlc  0..8
     */
    public static int standardFrameBits(int id, byte[] data, int dlc) {
        int n = 34 + 8 * dlc;
        boolean[] bits = new boolean[n];
        int k = 0;
        bits[k++] = false; // SOF (dominant)
        for (int i = 10; i >= 0; i--) {
            bits[k++] = ((id >>> i) & 1) != 0;
        }
        k += 3; // RTR, IDE, r0: dominant for a standard data frame
        for (int i = 3; i >= 0; i--) {
            bits[k++] = ((dlc >>> i) & 1) != 0;
        }
        for (int b = 0; b < dlc; b++) {
            for (int i = 7; i >= 0; i--) {
                bits[k++] = ((data[b] >>> i) & 1) != 0;
            }
        }
        int crc = 0;
        for (int i = 0; i < k; i++) {
            boolean next = bits[i] ^ ((crc >>> 14) & 1) != 0;
            crc = (crc << 1) & 0x7fff;
            if (next) {
                crc ^= CRC15_POLY;
            }
        }
        for (int i = 14; i >= 0; i--) {
            bits[k++] = ((crc >>> i) & 1) != 0;
        }
        return n + stuffBits(bits) + TRAILER_BITS;
    }

    /** Duration of the frame on the bus in microseconds, rounded up. */
    public static long frameMicros(int id, byte[] data, int dlc) {
        return (long) Math.ceil(standardFrameBits(id, data, dlc) * MICROS_PER_BIT);
    }

    private static int stuffBits(boolean[] bits) {
        int stuffed = 0;
        int run = 1;
        boolean last = bits[0];
        for (int i = 1; i < bits.length; i++) {
            if (bits[i] == last) {
                run++;
                if (run == 5) {
                    // the inserted complementary bit starts a new run of length 1
                    stuffed++;
                    last = !last;
                    run = 1;
                }
            } else {
                last = bits[i];
                run = 1;
            }
        }
        return stuffed;
    }
}
