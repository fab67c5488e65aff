package dev.graphids.can.inspect;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.can.read.ReadReport;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads one capture file to the end and summarises it; a rejected file is reported, not thrown. */
public final class CaptureInspector {
    private CaptureInspector() {
    }

    /**
     * @param file   the capture
     * @param name   how to name it in the result (relative path)
     * @param folder the catalog folder, or ""
     */
    public static FileInspection inspect(Path file, String name, String folder, ReadOptions options) {
        long[] dlc = new long[65];
        IdSet ids = new IdSet();
        long frames = 0;
        long attacks = 0;
        long unlabelled = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        ReadReport report = null;
        String rejection = null;
        String format = null;
        boolean gzip = false;
        try (FrameReader reader = FrameReaders.open(file, options)) {
            report = reader.report();
            format = reader.format().cliName();
            gzip = report.gzip();
            CanFrame f;
            while ((f = reader.next()) != null) {
                if (frames == 0) {
                    first = f.timestamp();
                }
                last = f.timestamp();
                frames++;
                if (f.label() == CanFrame.ATTACK) {
                    attacks++;
                } else if (f.label() == CanFrame.UNLABELLED) {
                    unlabelled++;
                }
                dlc[f.dlc()]++;
                ids.add(f.id(), f.extended());
            }
        } catch (BadInputException e) {
            rejection = report != null && report.rejected() ? report.rejection() : stripFile(e.getMessage(), file);
        }
        Map<Integer, Long> histogram = new TreeMap<>();
        for (int i = 0; i < dlc.length; i++) {
            if (dlc[i] > 0) {
                histogram.put(i, dlc[i]);
            }
        }
        Map<String, Long> bad = report == null ? Map.of() : report.badRowsByKey();
        return new FileInspection(name, folder, format, gzip, size(file), sha256(file), frames, attacks, unlabelled,
                ids.size(), first, last, histogram, bad, report == null ? 0 : report.outOfOrder(),
                report == null ? 0 : report.maxBackwardStep(), rejection, List.of(), ids.toArray());
    }

    private static String stripFile(String message, Path file) {
        String prefix = file.toString();
        return message.startsWith(prefix) ? message.substring(prefix.length()).replaceFirst("^:\\s*", "")
                .replaceFirst("^rejected:\\s*", "") : message;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try {
            return Digests.sha256(file);
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
