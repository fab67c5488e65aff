package dev.graphids.can.catalog;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds the capture files of a folder: recursively, by extension, sorted by path. */
public final class CaptureFiles {
    private static final List<String> EXTENSIONS = List.of(".csv", ".csv.gz", ".log", ".log.gz", ".candump",
            ".candump.gz", ".txt", ".txt.gz");

    private CaptureFiles() {
    }

    public static boolean isCapture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Capture files under {@code folder}, sorted; empty when the folder does not exist. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(CaptureFiles::isCapture).sorted().toList();
        } catch (IOException e) {
            throw GraphidsException.environment(folder + ": cannot list: " + e.getMessage(), e);
        }
    }
}
