package dev.graphids.graph;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graphids.can.CanFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Test-only access to the shared real captures and golden fixtures under {@code ../shared/data} (relative to the
 * project root, Maven's working directory for tests), and a minimal loader of the four-column gzip CSV
 * ({@code timestamp,arbitration_id,data_field,attack}, header by name, hex IDs, DLC = payload hex length / 2).
 * Stand-in until the production {@code can.read.FrameReaders} is available on this branch; it fails on any malformed
 * row rather than skipping it.
 */
public final class GoldenCaptures {

    /** Root of the shared data. */
    public static final Path DATA = Path.of("..", "shared", "data");
    /** The hcrl_sa captures. */
    public static final Path HCRL_SA = DATA.resolve("hcrl_sa");
    /** The golden fixtures. */
    public static final Path GOLDEN = DATA.resolve("golden");

    private GoldenCaptures() {
    }

    /** Skips the calling test (JUnit assumption) when {@code path} does not exist, naming it. */
    public static Path require(Path path) {
        assumeTrue(Files.exists(path), () -> "shared data not present, skipping: " + path.toAbsolutePath().normalize()
                + " (expected ../shared/data beside the project root)");
        return path;
    }

    /** The capture files ({@code *.csv.gz}) of one hcrl_sa folder, sorted by path. */
    public static List<Path> capturesIn(String folder) {
        Path dir = require(HCRL_SA.resolve(folder));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds every frame of a capture file to {@code sink} in capture order; returns the frame count. */
    public static long forEachFrame(Path file, Consumer<CanFrame> sink) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII), 1 << 16)) {
            String header = in.readLine();
            if (header == null) {
                return 0;
            }
            List<String> cols = List.of(header.trim().split(","));
            int tsCol = cols.indexOf("timestamp");
            int idCol = cols.indexOf("arbitration_id");
            int dataCol = cols.indexOf("data_field");
            int attackCol = cols.indexOf("attack");
            if (tsCol < 0 || idCol < 0 || dataCol < 0 || attackCol < 0) {
                throw new IllegalStateException(file + ": unexpected header " + header);
            }
            long line = 1;
            long count = 0;
            String text;
            String[] f = new String[cols.size()];
            while ((text = in.readLine()) != null) {
                line++;
                split(text, f);
                String hex = f[dataCol];
                byte[] data = new byte[hex.length() / 2];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
                }
                byte label = (byte) Integer.parseInt(f[attackCol]);
                sink.accept(new CanFrame(Double.parseDouble(f[tsCol]), Integer.parseInt(f[idCol], 16), false, false,
                        false, data.length, data, label, file, line));
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void split(String line, String[] out) {
        int from = 0;
        for (int c = 0; c < out.length; c++) {
            int comma = line.indexOf(',', from);
            int to = comma < 0 || c == out.length - 1 ? line.length() : comma;
            out[c] = line.substring(from, to);
            from = to + 1;
        }
    }
}
