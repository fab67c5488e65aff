package dev.graphids.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The graph packages see only the JDK, Jackson and GraphIDS's {@code can}, {@code error}, {@code io} and
 * {@code graph} packages: never DJL, tracking, training or run code (style guide §6).
 */
class GraphPackageDependenciesTest {

    private static final List<String> ALLOWED = List.of("java.", "com.fasterxml.jackson.", "dev.graphids.can.",
            "dev.graphids.error.", "dev.graphids.io.", "dev.graphids.graph.");

    @Test
    void graphPackagesImportOnlyCanErrorIoAndTheJdk() throws IOException {
        Path root = Path.of("src", "main", "java", "dev", "graphids", "graph");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "sources not at " + root);
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.startsWith("import ")) {
                        String target = l.substring(7).replace("static ", "").strip();
                        if (ALLOWED.stream().noneMatch(target::startsWith)) {
                            violations.add(file + ": " + l);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
