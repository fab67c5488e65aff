package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example pipeline in configs/pipelines resolves (placeholders, dependencies, each stage's config). */
class ExamplePipelinesTest {
    @TempDir
    Path tmp;

    static Stream<Path> pipelines() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs/pipelines"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void resolvesInADryRun(Path pipeline) {
        CliRunner.Result r = new CliRunner(tmp.resolve("lake")).run("exp", "pipeline", pipeline.toString(),
                "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("--dependency=afterok:");
    }
}
