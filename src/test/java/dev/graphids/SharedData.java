package dev.graphids;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real captures shared beside the repository ({@code ../shared/data}), which are never copied into it. Tests that
 * need them skip, naming what is missing, where they are absent.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String override = System.getenv("GRAPHIDS_SHARED_DATA");
        return override != null ? Path.of(override) : Path.of("..", "shared", "data").toAbsolutePath().normalize();
    }

    /** The directory, or the test is skipped with a message naming it. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p),
                "real data " + p + " is absent (set GRAPHIDS_SHARED_DATA or place shared/data beside the repository)");
        return p;
    }
}
