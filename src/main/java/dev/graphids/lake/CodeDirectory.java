package dev.graphids.lake;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the directory that holds GraphIDS's own code, which runtime writes must never touch. */
public final class CodeDirectory {
    private CodeDirectory() {
    }

    /**
     * The project checkout when running from one (the nearest ancestor of the classes or jar that has a
     * {@code pom.xml}), else the directory of the jar; null when the location cannot be told.
     */
    public static Path locate() {
        String override = System.getProperty("graphids.code.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(CodeDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = location; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("src"))) {
                    return p;
                }
            }
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
