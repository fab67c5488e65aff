package dev.graphids.graph;

import dev.graphids.SharedData;
import dev.graphids.can.CanFrame;
import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Test-only access to the shared real captures and golden fixtures ({@link SharedData}: {@code ../shared/data}
 * relative to the project root, never copied into the repository). Tests skip through JUnit assumptions, naming the
 * missing path, where they are absent. Frames are read with the production {@link FrameReaders}, failing on the first
 * malformed row (the fixtures are clean).
 */
public final class GoldenCaptures {

    private GoldenCaptures() {
    }

    /** A golden fixture file, or the test is skipped. */
    public static Path golden(String name) {
        return SharedData.require("golden/" + name);
    }

    /** A capture file {@code hcrl_sa/<folder>/<name>}, or the test is skipped. */
    public static Path capture(String folder, String name) {
        return SharedData.require("hcrl_sa/" + folder + "/" + name);
    }

    /** The capture files ({@code *.csv.gz}) of one hcrl_sa folder, sorted by path, or the test is skipped. */
    public static List<Path> capturesIn(String folder) {
        Path dir = SharedData.require("hcrl_sa/" + folder);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds every frame of a capture file to {@code sink} in capture order; returns the frame count. */
    public static long forEachFrame(Path file, Consumer<CanFrame> sink) {
        long count = 0;
        try (FrameReader reader = FrameReaders.open(file, ReadOptions.defaults().withPolicy(BadRowPolicy.FAIL))) {
            for (CanFrame f = reader.next(); f != null; f = reader.next()) {
                sink.accept(f);
                count++;
            }
        }
        return count;
    }
}
