package dev.graphids.can.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test helpers: drain a {@link FrameSource}, read back a simulated CSV file (not a production reader). */
final class Frames {
    private Frames() {
    }

    /** One CSV row as written: the four columns as text. */
    record Row(String timestamp, String id, String data, String attack) {
        long micros() {
            return Math.round(Double.parseDouble(timestamp) * 1e6);
        }

        int idValue() {
            return Integer.parseInt(id, 16);
        }

        boolean isAttack() {
            return attack.equals("1");
        }
    }

    static List<SimFrame> drain(FrameSource source) {
        List<SimFrame> out = new ArrayList<>();
        for (SimFrame f = source.next(); f != null; f = source.next()) {
            out.add(f);
        }
        return out;
    }

    /** The header line followed by the rows of a {@code .csv} or {@code .csv.gz} file. */
    static List<String> lines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return r.lines().toList();
        }
    }

    static List<String> linesUnchecked(Path file) {
        try {
            return lines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Row> rows(Path file) throws IOException {
        List<String> lines = lines(file);
        List<Row> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            rows.add(new Row(c[0], c[1], c[2], c[3]));
        }
        return rows;
    }
}
