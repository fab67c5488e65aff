package dev.graphids.can.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, in bounded memory. A line longer than the limit is
 * consumed to its end and reported as {@link #tooLong()} with only its first bytes kept, so a 10 MB line costs no
 * more memory than a short one. Line terminators are {@code \n} or {@code \r\n}.
 */
final class LineSource {
    private final InputStream in;
    private final int maxLine;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int start;
    private int end;
    private long lineNumber;
    private boolean tooLong;
    private long length;

    LineSource(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[Math.max(1 << 16, Math.min(maxLine + 2, 1 << 20))];
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        tooLong = false;
        int scanFrom = pos;
        while (true) {
            int nl = indexOfNewline(scanFrom, limit);
            if (nl >= 0) {
                emit(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (limit - pos > maxLine) {
                skipRestOfLongLine();
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    emit(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            int scanned = limit - pos;
            compactAndRead();
            scanFrom = pos + scanned;
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void emit(int from, int nl) {
        int e = nl;
        if (e > from && buf[e - 1] == '\r') {
            e--;
        }
        start = from;
        end = e;
        length = e - from;
        lineNumber++;
    }

    /** Moves the pending bytes to the front of the buffer (growing it up to the line limit) and reads more. */
    private void compactAndRead() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine + (1 << 16)));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Keeps a short prefix of an over-long line for the error message and discards the rest up to its newline. */
    private void skipRestOfLongLine() throws IOException {
        int keep = Math.min(256, limit - pos);
        System.arraycopy(buf, pos, buf, 0, keep);
        long total = limit - pos;
        while (true) {
            int n = in.read(buf, keep, buf.length - keep);
            if (n < 0) {
                eof = true;
                pos = keep;
                limit = keep;
                break;
            }
            int nl = indexOfNewline(keep, keep + n);
            if (nl >= 0) {
                total += nl - keep;
                int rest = keep + n - (nl + 1);
                System.arraycopy(buf, nl + 1, buf, keep, rest);
                pos = keep;
                limit = keep + rest;
                break;
            }
            total += n;
        }
        start = 0;
        end = keep;
        length = total;
        lineNumber++;
        tooLong = true;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** True when the current line exceeded the limit; only its first bytes are available. */
    boolean tooLong() {
        return tooLong;
    }

    /** Length of the current line in bytes (the full length for an over-long line). */
    long length() {
        return length;
    }
}
