package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in configs/experiments validates as shipped (strict keys, types, representation consistency). */
class ExampleConfigsTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs/experiments"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loads(Path file) {
        RunSpec spec = new ConfigLoader(new GitInfo(null)).load(file, List.of(), List.of());
        assertThat(spec.config().dataset()).isNotBlank();
        assertThat(spec.stage()).isNotNull();
    }
}
