package dev.graphids.can.read;

import dev.graphids.can.CanFrame;
import dev.graphids.error.BadInputException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The catalog datasets' CSV: a header naming {@code timestamp}, {@code arbitration_id} (or {@code arb_id}),
 * {@code data_field} (or {@code payload}) and optionally {@code attack}, matched by name in any order and any case.
 * DLC = payload hex length / 2; an empty payload is a valid DLC-0 frame (data.md, Decision 4).
 */
final class CsvFrameReader extends FrameReader {
    static final String EXPECTED_HEADER =
            "a header naming the columns timestamp, arbitration_id (or arb_id), data_field (or payload) and optionally attack";

    private final Fields fields;
    private final String[] names;
    private final int tsCol;
    private final int idCol;
    private final int dataCol;
    private final int labelCol;

    private CsvFrameReader(Path file, ReadOptions options, InputStream stream, LineSource lines, ReadReport report,
                           String[] names, int tsCol, int idCol, int dataCol, int labelCol) {
        super(file, options, stream, lines, report, false);
        this.names = names;
        this.fields = new Fields(names.length);
        this.tsCol = tsCol;
        this.idCol = idCol;
        this.dataCol = dataCol;
        this.labelCol = labelCol;
    }

    /** Column roles by lower-case header name. */
    private static int role(String name) {
        return switch (name) {
            case "timestamp" -> 0;
            case "arbitration_id", "arb_id" -> 1;
            case "data_field", "payload" -> 2;
            case "attack" -> 3;
            default -> -1;
        };
    }

    /** True when the line is a header this reader understands. */
    static boolean isHeader(String line) {
        int[] cols = columns(splitHeader(line));
        return cols != null;
    }

    static List<String> splitHeader(String line) {
        if (!line.isEmpty() && line.charAt(0) == '\ufeff') {
            line = line.substring(1);
        }
        List<String> out = new ArrayList<>();
        for (String part : line.split(",", -1)) {
            String t = part.strip();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            out.add(t.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Column index per role (timestamp, id, data, label), or null if a required one is missing or repeated. */
    private static int[] columns(List<String> names) {
        int[] cols = {-1, -1, -1, -1};
        for (int i = 0; i < names.size(); i++) {
            int r = role(names.get(i));
            if (r >= 0) {
                if (cols[r] >= 0) {
                    return null;
                }
                cols[r] = i;
            }
        }
        return cols[0] < 0 || cols[1] < 0 || cols[2] < 0 ? null : cols;
    }

    static CsvFrameReader open(Path file, ReadOptions options, InputStream stream, LineSource lines,
                               ReadReport report, String headerLine) {
        List<String> names = splitHeader(headerLine);
        int[] cols = columns(names);
        if (cols == null) {
            throw BadInputException.at(file, lines.lineNumber(), "(header)", EXPECTED_HEADER, headerLine);
        }
        return new CsvFrameReader(file, options, stream, lines, report, names.toArray(String[]::new), cols[0],
                cols[1], cols[2], cols[3]);
    }

    @Override
    protected boolean parse(byte[] b, int from, int to) {
        if (fields.split(b, from, to, (byte) ',') != names.length) {
            return bad(BadRowReason.FIELD_COUNT, "(line)", from, to);
        }
        int[] s = fields.starts;
        int[] e = fields.ends;
        timestamp = Ascii.parseSeconds(b, s[tsCol], e[tsCol]);
        if (Double.isNaN(timestamp)) {
            return bad(BadRowReason.TIMESTAMP, names[tsCol], s[tsCol], e[tsCol]);
        }
        long v = Ascii.parseHexId(b, s[idCol], e[idCol]);
        if (v < 0 || v > CanFrame.MAX_EXTENDED_ID) {
            return bad(BadRowReason.ID, names[idCol], s[idCol], e[idCol]);
        }
        id = (int) v;
        extended = v > CanFrame.MAX_STANDARD_ID;
        int ds = s[dataCol];
        int len = e[dataCol] - ds;
        if ((len & 1) != 0 || len > 128) {
            return bad(BadRowReason.PAYLOAD, names[dataCol], ds, e[dataCol]);
        }
        dlc = len >> 1;
        byte[] bytes = new byte[dlc];
        for (int i = 0; i < dlc; i++) {
            int hi = Ascii.hex(b[ds + 2 * i]);
            int lo = Ascii.hex(b[ds + 2 * i + 1]);
            if ((hi | lo) < 0) {
                return bad(BadRowReason.PAYLOAD, names[dataCol], ds, e[dataCol]);
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        data = bytes;
        remote = false;
        fd = dlc > 8;
        if (labelCol < 0) {
            label = CanFrame.UNLABELLED;
        } else {
            int ls = s[labelCol];
            if (e[labelCol] - ls != 1 || (b[ls] != '0' && b[ls] != '1')) {
                return bad(BadRowReason.LABEL, names[labelCol], ls, e[labelCol]);
            }
            label = (byte) (b[ls] - '0');
        }
        return true;
    }
}
