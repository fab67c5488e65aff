package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} and the {@code rate} baseline compute everything without the tensor engine (style guide §6): they
 * import only the JDK, Jackson and GraphIDS's cache, graph, error, io and eval packages.
 */
class EvalPackageDependenciesTest {
    private static final List<String> ALLOWED = List.of("java.", "com.fasterxml.jackson.", "dev.graphids.cache.",
            "dev.graphids.graph.", "dev.graphids.error.", "dev.graphids.io.", "dev.graphids.eval.");

    @Test
    void evalAndRateBaselineNeverImportTheEngine() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("eval", "model/rate")) {
            Path root = Path.of("src", "main", "java", "dev", "graphids").resolve(pkg);
            Assumptions.assumeTrue(Files.isDirectory(root), "sources not at " + root);
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
        }
        assertThat(violations).isEmpty();
    }
}
