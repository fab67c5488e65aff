package dev.graphids.graph;

import dev.graphids.can.CanFrame;
import java.util.HexFormat;

/** Test support: terse construction of CAN frames. */
public final class TestFrames {

    private TestFrames() {
    }

    /** A benign 11-bit frame with payload given as hex ("" for DLC 0). */
    public static CanFrame frame(double timestamp, int id, String hex) {
        return frame(timestamp, id, hex, CanFrame.BENIGN);
    }

    /** An 11-bit frame with payload given as hex and a label. */
    public static CanFrame frame(double timestamp, int id, String hex, byte label) {
        byte[] data = HexFormat.of().parseHex(hex);
        return new CanFrame(timestamp, id, false, false, false, data.length, data, label, null, 0);
    }

    /** A benign 29-bit frame. */
    public static CanFrame extendedFrame(double timestamp, int id, String hex) {
        byte[] data = HexFormat.of().parseHex(hex);
        return new CanFrame(timestamp, id, true, false, false, data.length, data, CanFrame.BENIGN, null, 0);
    }
}
