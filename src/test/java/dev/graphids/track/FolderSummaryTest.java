package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void meanAndSampleSdPerFolderOverSeeds() {
        try (SqliteTrackingStore store = SqliteTrackingStore.open(tmp.resolve("mlflow.db"), tmp.toUri().toString())) {
            String exp = store.getOrCreateExperiment("graphids/sim/test", null);
            double[][] aurocs = {{0.9, 0.5}, {0.8, 0.7}, {1.0, 0.6}};
            for (int seed = 0; seed < 3; seed++) {
                String run = store.createRun(exp, "test_seed" + seed, Map.of("graphids.phase", "test",
                        "graphids.dataset", "sim", "graphids.experiment", "sim_gat", "graphids.model", "gat"), 1000L);
                store.logMetrics(run, List.of(new Metric("test/f01/auroc", aurocs[seed][0], 1000L, 0),
                        new Metric("test/f02/auroc", aurocs[seed][1], 1000L, 0),
                        new Metric("test/auroc", 0.0, 1000L, 0)));
                store.terminate(run, RunStatus.FINISHED, 2000L);
            }
            String failed = store.createRun(exp, "broken", Map.of("graphids.phase", "test", "graphids.dataset", "sim",
                    "graphids.experiment", "sim_gat", "graphids.model", "gat"), 1000L);
            store.logMetrics(failed, List.of(new Metric("test/f01/auroc", 0.0, 1000L, 0)));
            store.terminate(failed, RunStatus.FAILED, 2000L);

            String calibrated = store.createRun(exp, "test_calibrated", Map.of("graphids.phase", "test",
                    "graphids.dataset", "sim", "graphids.experiment", "sim_gat", "graphids.model", "gat",
                    FolderSummary.STREAM_CALIBRATION_TAG, "quantile=0.1,history=50"), 1000L);
            store.logMetrics(calibrated, List.of(new Metric("test/f01/auroc", 0.2, 1000L, 0)));
            store.terminate(calibrated, RunStatus.FINISHED, 2000L);

            List<FolderSummary.Group> groups = FolderSummary.of(store, List.of(), "auroc");
            assertThat(groups).hasSize(2); // a stream-calibrated test run is never averaged with plain ones
            assertThat(FolderSummary.modelLabel(Map.of("graphids.model", "fusion/max_sigma",
                    FolderSummary.FUSION_INPUTS_TAG, "rate,rq"))).isEqualTo("fusion/max_sigma[rate,rq]");
            FolderSummary.Group other = groups.stream().filter(x -> !x.model().equals("gat")).findFirst().orElseThrow();
            assertThat(other.model()).isEqualTo("gat stream(quantile=0.1,history=50)");
            assertThat(other.runs()).hasSize(1);
            FolderSummary.Group g = groups.stream().filter(x -> x.model().equals("gat")).findFirst().orElseThrow();
            assertThat(g.runs()).hasSize(3);
            assertThat(g.folders()).containsOnlyKeys("f01", "f02");
            assertThat(g.folders().get("f01").mean()).isCloseTo(0.9, Offset.offset(1e-12));
            assertThat(g.folders().get("f01").sd()).isCloseTo(0.1, Offset.offset(1e-12));
            assertThat(g.folders().get("f02").n()).isEqualTo(3);
        }
    }
}
