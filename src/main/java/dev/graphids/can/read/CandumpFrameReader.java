package dev.graphids.can.read;

import dev.graphids.can.CanFrame;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * can-utils log files as written by {@code candump -L} / {@code -l}: {@code (seconds) interface frame [label]}, the
 * frame being {@code ID#DATA} (3 hex digits: 11-bit, 8: 29-bit), {@code ID#R[len]} (remote request) or
 * {@code ID##<flags><data>} (CAN FD). The optional label is {@code 0}/{@code 1} or HCRL's {@code R}/{@code T}.
 */
final class CandumpFrameReader extends FrameReader {
    private final Fields fields = new Fields(4);

    CandumpFrameReader(Path file, ReadOptions options, InputStream stream, LineSource lines, ReadReport report) {
        super(file, options, stream, lines, report, true);
    }

    @Override
    protected boolean parse(byte[] b, int from, int to) {
        int n = fields.splitWhitespace(b, from, to);
        if (n < 3 || n > 4) {
            return bad(BadRowReason.FIELD_COUNT, "(line)", from, to);
        }
        int ts = fields.starts[0];
        int te = fields.ends[0];
        if (te - ts < 3 || b[ts] != '(' || b[te - 1] != ')') {
            return bad(BadRowReason.TIMESTAMP, "timestamp", ts, te);
        }
        timestamp = Ascii.parseSeconds(b, ts + 1, te - 1);
        if (Double.isNaN(timestamp)) {
            return bad(BadRowReason.TIMESTAMP, "timestamp", ts, te);
        }
        return parseFrame(b, fields.starts[2], fields.ends[2]) && parseLabel(b, n);
    }

    private boolean parseFrame(byte[] b, int fs, int fe) {
        int hash = fs;
        while (hash < fe && b[hash] != '#') {
            hash++;
        }
        if (hash == fe) {
            return bad(BadRowReason.ID, "frame", fs, fe);
        }
        long v = Ascii.parseHexId(b, fs, hash);
        int digits = hash - fs;
        if (v < 0 || v > CanFrame.MAX_EXTENDED_ID || (digits <= 3 && v > CanFrame.MAX_STANDARD_ID)) {
            return bad(BadRowReason.ID, "frame", fs, fe);
        }
        id = (int) v;
        extended = digits == 8 || v > CanFrame.MAX_STANDARD_ID;
        int p = hash + 1;
        remote = false;
        fd = false;
        if (p < fe && b[p] == '#') {
            fd = true;
            p++;
            if (p >= fe || Ascii.hex(b[p]) < 0) {
                return bad(BadRowReason.PAYLOAD, "frame", fs, fe);
            }
            p++; // the FD flags nibble
        } else if (p < fe && (b[p] == 'R' || b[p] == 'r')) {
            int len = p + 1 < fe ? Ascii.parseSmallInt(b, p + 1, fe) : 0;
            if (len < 0 || len > 8) {
                return bad(BadRowReason.DLC, "frame", fs, fe);
            }
            remote = true;
            dlc = len;
            data = new byte[0];
            return true;
        }
        return parseData(b, p, fe, fd ? 64 : 8, fs);
    }

    /** Hex bytes, optionally separated by dots as cansend accepts. */
    private boolean parseData(byte[] b, int p, int fe, int maxBytes, int fs) {
        byte[] buf = new byte[maxBytes];
        int n = 0;
        while (p < fe) {
            if (b[p] == '.') {
                p++;
                continue;
            }
            if (p + 1 >= fe || n == maxBytes) {
                return bad(BadRowReason.PAYLOAD, "frame", fs, fe);
            }
            int hi = Ascii.hex(b[p]);
            int lo = Ascii.hex(b[p + 1]);
            if ((hi | lo) < 0) {
                return bad(BadRowReason.PAYLOAD, "frame", fs, fe);
            }
            buf[n++] = (byte) (hi << 4 | lo);
            p += 2;
        }
        dlc = n;
        data = n == maxBytes ? buf : java.util.Arrays.copyOf(buf, n);
        return true;
    }

    private boolean parseLabel(byte[] b, int n) {
        if (n < 4) {
            label = CanFrame.UNLABELLED;
            return true;
        }
        int ls = fields.starts[3];
        int le = fields.ends[3];
        if (le - ls == 1) {
            switch (b[ls]) {
                case '0', 'R' -> {
                    label = CanFrame.BENIGN;
                    return true;
                }
                case '1', 'T' -> {
                    label = CanFrame.ATTACK;
                    return true;
                }
                default -> {
                }
            }
        }
        return bad(BadRowReason.LABEL, "label", ls, le);
    }
}
