package dev.graphids.can.read;

import dev.graphids.can.CanFrame;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Streams the frames of one capture file in capture order, in bounded memory. Call {@link #next()} until it returns
 * null. Malformed rows follow the {@link BadRowPolicy}; under {@code SKIP} a file with too many bad rows throws a
 * {@link BadInputException} when its end is reached, so a caller can never use a rejected file by accident. The
 * {@link #report()} stays readable after any outcome.
 */
public abstract class FrameReader implements AutoCloseable {
    protected final Path file;
    protected final ReadOptions options;
    private final InputStream stream;
    private final LineSource lines;
    private final ReadReport report;
    private boolean pendingLine;
    private boolean finished;
    private double lastTimestamp = Double.NaN;

    /** Frame fields set by {@link #parse}; read by {@link #next()} to build the record. */
    protected double timestamp;
    protected int id;
    protected boolean extended;
    protected boolean remote;
    protected boolean fd;
    protected int dlc;
    protected byte[] data;
    protected byte label;

    FrameReader(Path file, ReadOptions options, InputStream stream, LineSource lines, ReadReport report,
                boolean firstLineIsData) {
        this.file = file;
        this.options = options;
        this.stream = stream;
        this.lines = lines;
        this.report = report;
        this.pendingLine = firstLineIsData;
    }

    /**
     * Parses the current line into the protected frame fields.
     *
     * @return true for a frame; false after reporting the row through {@link #bad}
     */
    protected abstract boolean parse(byte[] b, int from, int to);

    /** The next frame, or null at the end of the file. */
    public final CanFrame next() {
        if (finished) {
            return null;
        }
        try {
            while (pendingLine || lines.next()) {
                pendingLine = false;
                byte[] b = lines.buffer();
                int from = lines.start();
                int to = lines.end();
                if (lines.tooLong()) {
                    report.rows++;
                    bad(BadRowReason.LINE_TOO_LONG, "(line)", from, to);
                    continue;
                }
                if (isBlankLine(b, from, to)) {
                    continue;
                }
                report.rows++;
                if (parse(b, from, to)) {
                    return deliver();
                }
            }
        } catch (EOFException e) {
            throw fileError("the gzip stream ends early (truncated file) after line " + lines.lineNumber());
        } catch (ZipException e) {
            throw fileError("corrupt gzip data after line " + lines.lineNumber() + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
        }
        finish();
        return null;
    }

    private CanFrame deliver() {
        if (timestamp < lastTimestamp) {
            report.outOfOrder++;
            report.maxBackwardStep = Math.max(report.maxBackwardStep, lastTimestamp - timestamp);
        }
        lastTimestamp = timestamp;
        report.frames++;
        return new CanFrame(timestamp, id, extended, remote, fd, dlc, data, label, file, lines.lineNumber());
    }

    private void finish() {
        finished = true;
        if (options.onBadRow() == BadRowPolicy.SKIP && report.badFraction() > options.maxBadFraction()) {
            String why = String.format("%d of %d rows (%.2f %%) are bad, above the %.2f %% limit", report.badRows(),
                    report.rows(), 100 * report.badFraction(), 100 * options.maxBadFraction());
            ReadReport.BadRowExample first = report.firstBadRows().values().stream()
                    .min(java.util.Comparator.comparingLong(ReadReport.BadRowExample::line)).orElseThrow();
            throw fileError(why + "; first at line " + first.line() + ", column '" + first.column() + "': found "
                    + first.text());
        }
    }

    private BadInputException fileError(String why) {
        finished = true;
        report.reject(why);
        return new BadInputException(file + ": rejected: " + why);
    }

    /**
     * Reports a malformed row: counted under {@code SKIP}, an error under {@code FAIL}. A row holding binary bytes is
     * reported as {@link BadRowReason#NOT_TEXT} whatever field failed first.
     *
     * @return false, so that parsers can {@code return bad(...)}
     */
    protected final boolean bad(BadRowReason reason, String column, int from, int to) {
        byte[] b = lines.buffer();
        if (reason != BadRowReason.LINE_TOO_LONG && !Ascii.isText(b, lines.start(), lines.end())) {
            reason = BadRowReason.NOT_TEXT;
            column = "(line)";
            from = lines.start();
            to = lines.end();
        }
        String found = BadInputException.quote(Ascii.text(b, from, Math.min(to, from + 64)));
        if (reason == BadRowReason.LINE_TOO_LONG) {
            found = BadInputException.quote(Ascii.text(b, from, Math.min(to, from + 40))) + " (a line of "
                    + lines.length() + " bytes, limit " + options.maxLineBytes() + ")";
        }
        if (options.onBadRow() == BadRowPolicy.FAIL) {
            report.countBad(reason, lines.lineNumber(), column, found);
            finished = true;
            report.reject("bad row at line " + lines.lineNumber());
            throw new BadInputException(file + ":" + lines.lineNumber() + ": column '" + column + "': expected "
                    + reason.expected() + ", found " + found);
        }
        report.countBad(reason, lines.lineNumber(), column, found);
        return false;
    }

    private static boolean isBlankLine(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isBlank(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** Line number of the line being parsed. */
    protected final long lineNumber() {
        return lines.lineNumber();
    }

    public final ReadReport report() {
        return report;
    }

    public final Path file() {
        return file;
    }

    public final CaptureFormat format() {
        return report.format();
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing a read-only stream cannot lose data; nothing to report.
        }
    }
}
