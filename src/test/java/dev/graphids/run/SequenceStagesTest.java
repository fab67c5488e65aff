package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.cache.CacheProgress;
import dev.graphids.eval.PredictionReader;
import dev.graphids.eval.SplitReader;
import dev.graphids.eval.SplitRef;
import dev.graphids.lake.Lake;
import dev.graphids.tensor.BatchLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GAT over snapshot sequences (models.md §2.3) fitted and tested through the launcher on simulated traffic. */
class SequenceStagesTest {
    static final String REPR = "{kind: snapshot_sequence, window_size: 100, stride: 100, sequence_length: 3}";
    static final String FIT = """
            experiment_name: seq
            run_name: %s
            dataset: sim
            seed: 3
            stage: %s
            representation_cfg: %s
            config:
              model: %s
              data:
                source: {representation_cfg: %s, val_fraction: 0.3}
              trainer: {max_epochs: 1, patience: 5, min_steps_per_epoch: 4}
            """;
    static final String GRU_GAT = "{type: gat, hidden: 4, layers: 1, heads: 1, fc_layers: 1, embedding_dim: 4, "
            + "sequence_pool: gru}";

    @TempDir
    Path tmp;
    Lake lake;
    StageLaunches launches;

    @BeforeEach
    void simulate() throws IOException {
        launches = StageLaunches.simulated(tmp, 0.1);
        lake = launches.lake();
    }

    private RunSummary launch(String run, String stage, String repr, String model, String... overrides)
            throws IOException {
        return launches.launch(FIT.formatted(run, stage, repr, model, repr), overrides);
    }

    @Test
    void gruPooledGatFitsAndTestsOneScorePerSequence() throws IOException {
        assertThat(launch("fit", "fit", REPR, GRU_GAT).status()).as(launches.log()).isEqualTo("finished");
        Path run = lake.runsDir().resolve("sim/seq");
        Path ckpt = run.resolve("fit/checkpoints/best_model.safetensors");
        assertThat(launch("test", "test", REPR, GRU_GAT, "config.ckpt_path=" + ckpt).status()).isEqualTo("finished");

        Path fitYaml = tmp.resolve("fit.yaml");
        Files.writeString(fitYaml, FIT.formatted("fit", "fit", REPR, GRU_GAT, REPR));
        RunSpec spec = new ConfigLoader(new GitInfo(null)).load(fitYaml, List.of(), List.of());
        var cache = new dev.graphids.cache.GraphCacheBuilder(lake, 1, CacheProgress.NONE).ensure(
                dev.graphids.can.catalog.DatasetCatalog.load(lake).require("sim"),
                ((FitRunConfig) spec.stage()).data().toSpec(spec.config().representation()), true).cache();
        SplitReader reader = new SplitReader(cache);
        String folder = reader.testFolders().get(0);
        BatchLoader loader = BatchLoader.open(cache, BatchLoader.Selection.of(dev.graphids.cache.Split.TEST)
                .inFolder(folder));
        assertThat(loader.sequenceLength()).isEqualTo(3);
        var data = reader.read(SplitRef.test(folder));
        assertThat(data.size()).isEqualTo(loader.size());
        var p = PredictionReader.read(run.resolve("test/predictions/test/" + folder + ".safetensors"));
        assertThat(p.score()).hasSize(loader.size());
        // A sequence is identified by, and labelled as, its last window.
        for (int i = 0; i < loader.size(); i++) {
            assertThat(data.labels()[i]).isEqualTo(loader.label(i));
        }
    }

    @Test
    void sequencePoolingAndSequenceCachesAreRefusedWhereTheyDoNotApply() {
        assertThatThrownBy(() -> launch("bad1", "fit", "{kind: snapshot, window_size: 100, stride: 100}", GRU_GAT))
                .hasMessageContaining("config.model.sequence_pool: gru pools the steps of snapshot sequences");
        assertThatThrownBy(() -> launch("bad2", "fit", REPR, "{type: dgi, latent_dim: 8, heads: 1}"))
                .hasMessageContaining("dgi models read snapshot graphs");
    }
}
