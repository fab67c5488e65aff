package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import dev.graphids.graph.Representation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ConfigLoaderTest {
    public static final String VALID = """
            experiment_name: sim_cache
            dataset: sim
            seed: 7
            stage: cache
            representation_cfg:
              kind: snapshot
              window_size: 50
              stride: 50
            resources:
              backend: local
            config:
              data:
                source:
                  representation_cfg: {kind: snapshot, window_size: 50, stride: 50}
                  val_fraction: 0.25
            """;

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(new GitInfo(null));

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, text);
        return f;
    }

    private RunSpec load(String text, String... overrides) throws IOException {
        return loader.load(write(text), List.of(overrides), List.of());
    }

    @Test
    void validConfigBindsToTypedRecordsWithDefaults() throws IOException {
        RunSpec spec = load(VALID);
        assertThat(spec.config().runName()).isEqualTo("sim_cache");
        assertThat(spec.config().representation()).isEqualTo(new Representation.Snapshot(50, 50));
        assertThat(spec.config().gitSha()).isEqualTo("unknown");
        assertThat(spec.config().resources().cpusPerWorker()).isEqualTo(1);
        CacheRunConfig cache = (CacheRunConfig) spec.stage();
        assertThat(cache.data().source().valFraction()).isEqualTo(0.25);
        assertThat(cache.data().source().vocabScope()).isEqualTo("train");
        assertThat(cache.data().requireCache()).isFalse();
    }

    @Test
    void unknownTopLevelKeyNamesLineAndKey() throws IOException {
        assertThatThrownBy(() -> load(VALID + "epochs: 3\n")).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("exp.yaml:16: epochs: unknown key 'epochs'; expected one of:");
    }

    @Test
    void unknownKeyUnderConfigNamesItsFullPathAndLine() throws IOException {
        String typo = VALID.replace("val_fraction: 0.25", "val_fractoin: 0.25");
        assertThatThrownBy(() -> load(typo)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("exp.yaml:15: config.data.source.val_fractoin: unknown key 'val_fractoin'");
    }

    @Test
    void wrongTypesAndRangesSayWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> load(VALID.replace("seed: 7", "seed: seven")))
                .hasMessageContaining("exp.yaml:3: seed: expected an integer, found 'seven'");
        assertThatThrownBy(() -> load(VALID.replace("0.25", "1.5")))
                .hasMessageContaining("exp.yaml:15: config.data.source.val_fraction: expected a number in [0, 1), "
                        + "found 1.5");
        assertThatThrownBy(() -> load(VALID.replace("stage: cache", "stage: train")))
                .hasMessageContaining("exp.yaml:4: stage:").hasMessageContaining("expected one of cache, fit");
        assertThatThrownBy(() -> load(VALID.replace("window_size: 50\n", "window_size: 0\n")))
                .hasMessageContaining("exp.yaml:7: representation_cfg.window_size: expected a positive integer");
    }

    @Test
    void representationMustMatchBetweenTopLevelAndDataSource() throws IOException {
        String drift = VALID.replace("{kind: snapshot, window_size: 50, stride: 50}",
                "{kind: snapshot, window_size: 100, stride: 50}");
        assertThatThrownBy(() -> load(drift)).hasMessageContaining(
                "exp.yaml:14: config.data.source.representation_cfg: must match the top-level representation_cfg");
    }

    @Test
    void representationNeedsItsKind() throws IOException {
        assertThatThrownBy(() -> load(VALID.replace("  kind: snapshot\n  window_size: 50", "  window_size: 50")))
                .hasMessageContaining("representation_cfg: missing 'kind'");
    }

    @Test
    void namesThatBecomePathsMustBeSafeSegments() throws IOException {
        assertThatThrownBy(() -> load(VALID.replace("experiment_name: sim_cache", "experiment_name: ../../etc")))
                .hasMessageContaining("exp.yaml:1: experiment_name: '../../etc' is not a safe path segment");
        assertThatThrownBy(() -> load(VALID.replace("dataset: sim", "dataset: a/b")))
                .hasMessageContaining("dataset: 'a/b' is not a safe path segment");
    }

    @Test
    void overridesAreTypedAndValidatedLikeTheFile() throws IOException {
        RunSpec spec = load(VALID, "config.data.source.val_fraction=0.1", "seed=3", "run_name=seed_3");
        assertThat(((CacheRunConfig) spec.stage()).data().source().valFraction()).isEqualTo(0.1);
        assertThat(spec.config().seed()).isEqualTo(3);
        assertThat(spec.config().runName()).isEqualTo("seed_3");
        assertThat(ConfigLoader.overrides(spec)).hasSize(3);
        assertThatThrownBy(() -> load(VALID, "config.data.source.val_fraction=abc"))
                .hasMessageContaining("(--set config.data.source.val_fraction=abc): config.data.source.val_fraction:"
                        + " expected a number");
        assertThatThrownBy(() -> load(VALID, "config.data.sorce.x=1"))
                .hasMessageContaining("config.data.sorce: unknown key 'sorce'");
    }

    @Test
    void fitConfigsNeedAModelAndBindItsHyperParametersStrictly() throws IOException {
        assertThatThrownBy(() -> load(VALID.replace("stage: cache", "stage: fit")))
                .hasMessageContaining("config.model: is required");
        String gat = VALID.replace("stage: cache", "stage: fit").replace("  data:\n",
                "  model: {type: gat, scale: small, hiden: 3}\n  data:\n");
        assertThatThrownBy(() -> load(gat)).hasMessageContaining("exp.yaml:12: config.model.hiden: unknown key 'hiden'");
        assertThatThrownBy(() -> load(gat.replace("type: gat", "type: gin")))
                .hasMessageContaining("config.model.type: expected one of gat, vgae, dgi, rate, fusion, found 'gin'");
        RunSpec ok = load(gat.replace(", hiden: 3", ""), "config.trainer.max_epochs=7");
        assertThat(((FitRunConfig) ok.stage()).trainer().maxEpochs()).isEqualTo(7);
        assertThat(((FitRunConfig) ok.stage()).modelChoice().type()).isEqualTo("gat");
    }

    @Test
    void shippedExampleConfigsValidate() throws IOException {
        try (var files = Files.list(Path.of("configs", "experiments"))) {
            for (Path f : files.toList()) {
                assertThat(loader.load(f, List.of(), List.of()).config().experimentName()).isNotBlank();
            }
        }
    }

    @Test
    void jsonnetIsRenderedWithTopLevelArguments() throws IOException {
        Path f = tmp.resolve("exp.jsonnet");
        Files.writeString(f, "function(dataset, seed) { experiment_name: 'j_' + dataset, dataset: dataset, "
                + "seed: seed, stage: 'cache' }");
        try {
            RunSpec spec = loader.load(f, List.of(), List.of("dataset=sim", "seed:=5"));
            assertThat(spec.config().experimentName()).isEqualTo("j_sim");
            assertThat(spec.config().seed()).isEqualTo(5);
        } catch (GraphidsException e) {
            Assumptions.assumeFalse(e.getMessage().contains("needs the jsonnet program"),
                    "the jsonnet program is not installed: " + e.getMessage());
            throw e;
        }
    }
}
