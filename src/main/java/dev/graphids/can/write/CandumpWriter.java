package dev.graphids.can.write;

import dev.graphids.can.CanFrame;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streams frames as candump log lines ({@code candump -l} format):
 * {@code (1672531200.000502) can0 0C1#3000000430000004}. The timestamp is in seconds with six decimals; IDs are
 * three uppercase hex digits (eight for extended IDs); remote frames are written as {@code ID#R}, CAN FD frames as
 * {@code ID##0DATA}. Labels are not representable in this format and are dropped. {@link #close()} flushes and
 * closes the stream. Not thread-safe.
 */
public final class CandumpWriter implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_LINE = 220;

    private final OutputStream out;
    private final byte[] iface;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    /** Writes lines for interface {@code interfaceName} (for example {@code can0}) onto {@code out}. */
    public CandumpWriter(OutputStream out, String interfaceName) {
        this.out = Objects.requireNonNull(out, "out");
        this.iface = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (iface.length == 0 || iface.length > 16) {
            throw new IllegalArgumentException("interface name must be 1..16 characters: " + interfaceName);
        }
    }

    /** Appends one line for {@code frame}. */
    public void write(CanFrame frame) throws IOException {
        if (pos > BUFFER - MAX_LINE) {
            drain();
        }
        int p = pos;
        buf[p++] = '(';
        p = HexAscii.seconds(buf, p, frame.timestamp());
        buf[p++] = ')';
        buf[p++] = ' ';
        System.arraycopy(iface, 0, buf, p, iface.length);
        p += iface.length;
        buf[p++] = ' ';
        p = HexAscii.hex(buf, p, frame.id(), frame.extended() ? 8 : 3);
        buf[p++] = '#';
        if (frame.remote()) {
            buf[p++] = 'R';
        } else {
            if (frame.fd()) {
                buf[p++] = '#';
                buf[p++] = '0';
            }
            p = HexAscii.bytes(buf, p, frame.data(), Math.min(frame.dlc(), frame.data().length));
        }
        buf[p++] = '\n';
        pos = p;
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
