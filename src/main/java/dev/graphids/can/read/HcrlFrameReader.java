package dev.graphids.can.read;

import dev.graphids.can.CanFrame;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The original HCRL Car-Hacking rows: {@code Timestamp,CAN ID,DLC,DATA0,...,DATA{DLC-1},Flag}, where a frame with
 * DLC below 8 has fewer fields and the flag ({@code R} = regular, {@code T} = injected) follows its last byte.
 */
final class HcrlFrameReader extends FrameReader {
    private final Fields fields = new Fields(12);

    HcrlFrameReader(Path file, ReadOptions options, InputStream stream, LineSource lines, ReadReport report,
                    boolean firstLineIsData) {
        super(file, options, stream, lines, report, firstLineIsData);
    }

    @Override
    protected boolean parse(byte[] b, int from, int to) {
        int n = fields.split(b, from, to, (byte) ',');
        if (n < 4 || n > 12) {
            return bad(BadRowReason.FIELD_COUNT, "(line)", from, to);
        }
        int[] s = fields.starts;
        int[] e = fields.ends;
        timestamp = Ascii.parseSeconds(b, s[0], e[0]);
        if (Double.isNaN(timestamp)) {
            return bad(BadRowReason.TIMESTAMP, "Timestamp", s[0], e[0]);
        }
        long v = Ascii.parseHexId(b, s[1], e[1]);
        if (v < 0 || v > CanFrame.MAX_EXTENDED_ID) {
            return bad(BadRowReason.ID, "CAN ID", s[1], e[1]);
        }
        id = (int) v;
        extended = v > CanFrame.MAX_STANDARD_ID;
        int len = Ascii.parseSmallInt(b, s[2], e[2]);
        if (len < 0 || len > 8 || n != 3 + len + 1) {
            return bad(BadRowReason.DLC, "DLC", s[2], e[2]);
        }
        byte[] bytes = new byte[len];
        for (int i = 0; i < len; i++) {
            int fs = s[3 + i];
            int fe = e[3 + i];
            int value = fe - fs == 2 ? (Ascii.hex(b[fs]) << 4) | Ascii.hex(b[fs + 1])
                    : fe - fs == 1 ? Ascii.hex(b[fs]) : -1;
            if (value < 0) {
                return bad(BadRowReason.PAYLOAD, "DATA" + i, fs, fe);
            }
            bytes[i] = (byte) value;
        }
        dlc = len;
        data = bytes;
        remote = false;
        fd = false;
        int fs = s[n - 1];
        if (e[n - 1] - fs != 1 || (b[fs] != 'R' && b[fs] != 'T')) {
            return bad(BadRowReason.LABEL, "Flag", fs, e[n - 1]);
        }
        label = b[fs] == 'T' ? CanFrame.ATTACK : CanFrame.BENIGN;
        return true;
    }
}
