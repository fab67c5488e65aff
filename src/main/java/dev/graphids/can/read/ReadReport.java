package dev.graphids.can.read;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * What happened while reading one capture file: rows, frames, bad rows per reason with the first example of each,
 * and timestamps that run backwards. Filled in by the {@link FrameReader} as it streams.
 */
public final class ReadReport {

    /** The first bad row of one reason: where it was and what it held (already truncated for display). */
    public record BadRowExample(long line, String column, String text) {
    }

    private final Path file;
    private CaptureFormat format;
    private boolean gzip;
    long rows;
    long frames;
    private final long[] badCounts = new long[BadRowReason.values().length];
    private final Map<BadRowReason, BadRowExample> examples = new EnumMap<>(BadRowReason.class);
    long outOfOrder;
    double maxBackwardStep;
    private String rejection;

    ReadReport(Path file) {
        this.file = file;
    }

    void setFormat(CaptureFormat format, boolean gzip) {
        this.format = format;
        this.gzip = gzip;
    }

    void countBad(BadRowReason reason, long line, String column, String text) {
        badCounts[reason.ordinal()]++;
        examples.putIfAbsent(reason, new BadRowExample(line, column, text));
    }

    void reject(String why) {
        this.rejection = why;
    }

    public Path file() {
        return file;
    }

    /** The format read, or null when the file could not be opened as any format. */
    public CaptureFormat format() {
        return format;
    }

    public boolean gzip() {
        return gzip;
    }

    /** Data rows seen, good and bad (no header, no blank lines). */
    public long rows() {
        return rows;
    }

    /** Frames delivered. */
    public long frames() {
        return frames;
    }

    public long badRows() {
        long n = 0;
        for (long c : badCounts) {
            n += c;
        }
        return n;
    }

    public long badRows(BadRowReason reason) {
        return badCounts[reason.ordinal()];
    }

    /** Bad-row counts per reason, only the reasons that occurred, in declaration order. */
    public Map<BadRowReason, Long> badRowsByReason() {
        Map<BadRowReason, Long> out = new EnumMap<>(BadRowReason.class);
        for (BadRowReason r : BadRowReason.values()) {
            if (badCounts[r.ordinal()] > 0) {
                out.put(r, badCounts[r.ordinal()]);
            }
        }
        return out;
    }

    /** Bad-row counts keyed by the reasons' report names ({@code payload}, {@code timestamp}, ...). */
    public Map<String, Long> badRowsByKey() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        badRowsByReason().forEach((reason, n) -> out.put(reason.key(), n));
        return out;
    }

    public Map<BadRowReason, BadRowExample> firstBadRows() {
        return Map.copyOf(examples);
    }

    public double badFraction() {
        return rows == 0 ? 0 : (double) badRows() / rows;
    }

    /** Rows whose timestamp is earlier than the previous row's (kept, in capture order). */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Largest backwards step between consecutive rows, in seconds (0 when none). */
    public double maxBackwardStep() {
        return maxBackwardStep;
    }

    public boolean rejected() {
        return rejection != null;
    }

    /** Why the file was rejected, or null when it was accepted. */
    public String rejection() {
        return rejection;
    }
}
