package dev.graphids.can.write;

import dev.graphids.can.CanFrame;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streams frames as the catalog's four-column CSV: header {@code timestamp,arbitration_id,data_field,attack}, then
 * one row per frame such as {@code 1672531200.000502,0C1,3000000430000004,0}.
 *
 * <ul>
 *   <li>{@code timestamp}: seconds with exactly six decimals (rounded to the microsecond);</li>
 *   <li>{@code arbitration_id}: uppercase hex, three digits for 11-bit IDs, eight for extended ones;</li>
 *   <li>{@code data_field}: the first {@code dlc} payload bytes, two uppercase hex digits each (empty for DLC 0 and
 *       for remote frames);</li>
 *   <li>{@code attack}: {@code 1} for {@link CanFrame#ATTACK}, otherwise {@code 0} (unlabelled frames are written
 *       as benign, since the format has no "unknown").</li>
 * </ul>
 *
 * Rows are formatted into a reused byte buffer (no {@code String.format}); the writer buffers internally, so the
 * stream it is given need not be buffered. {@link #close()} flushes and closes that stream. Not thread-safe.
 */
public final class CatalogCsvWriter implements Closeable {
    /** The header line, without its newline. */
    public static final String HEADER = "timestamp,arbitration_id,data_field,attack";

    private static final int BUFFER = 1 << 16;
    /** Longest row: 20-char timestamp, 8-char ID, 128 payload chars (CAN FD), label, separators, newline. */
    private static final int MAX_ROW = 200;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private long rows;

    /** Wraps {@code out} and writes the header line at once. */
    public CatalogCsvWriter(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, buf, 0, header.length);
        pos = header.length;
    }

    /** Appends one row for {@code frame}. */
    public void write(CanFrame frame) throws IOException {
        if (pos > BUFFER - MAX_ROW) {
            drain();
        }
        int p = HexAscii.seconds(buf, pos, frame.timestamp());
        buf[p++] = ',';
        p = HexAscii.hex(buf, p, frame.id(), frame.extended() ? 8 : 3);
        buf[p++] = ',';
        if (!frame.remote()) {
            p = HexAscii.bytes(buf, p, frame.data(), Math.min(frame.dlc(), frame.data().length));
        }
        buf[p++] = ',';
        buf[p++] = frame.isAttack() ? (byte) '1' : (byte) '0';
        buf[p++] = '\n';
        pos = p;
        rows++;
    }

    /** Rows written so far, header excluded. */
    public long rows() {
        return rows;
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
            out.flush();
        } finally {
            out.close();
        }
    }
}
