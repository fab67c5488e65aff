package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultQueryTest {
    @TempDir
    Path dir;

    /** Logs a run with the tags the runtime sets. */
    static String logRun(TrackingStore store, String dataset, String stage, String variant, long start,
            RunStatus status, Map<String, Double> metrics) {
        String exp = store.getOrCreateExperiment(OfflineRunPayload.experimentName(dataset, stage), null);
        Map<String, String> tags = new HashMap<>(Map.of("graphids.phase", stage, "graphids.group", stage,
                "graphids.variant", variant, "graphids.dataset", dataset, "graphids.stage", stage));
        String run = store.createRun(exp, variant, tags, start);
        metrics.forEach((k, v) -> store.logMetrics(run, List.of(new Metric(k, v, start + 1, 0))));
        store.terminate(run, status, start + 10);
        return run;
    }

    @Test
    void anyViewPicksTheLatestFinishedTestRunPerVariant() {
        ResultView any = ResultViews.load(Lake.at(dir)).get("any");
        try (SqliteTrackingStore store = SqliteTrackingStore.open(dir.resolve("mlflow.db"), dir.toString())) {
            logRun(store, "set_01", "test", "gat", 1000, RunStatus.FINISHED, Map.of("test/test/auroc_macro", 0.8));
            String newer = logRun(store, "set_01", "test", "gat", 2000, RunStatus.FINISHED,
                    Map.of("test/test/auroc_macro", 0.9, "mcc", 0.5));
            logRun(store, "set_01", "test", "gat", 3000, RunStatus.FAILED, Map.of());
            logRun(store, "set_01", "fit", "gat", 4000, RunStatus.FINISHED, Map.of("val_loss", 0.2));
            String other = logRun(store, "set_02", "test", "vgae", 500, RunStatus.FINISHED,
                    Map.of("test/auroc", 0.7));

            List<ResultQuery.Row> rows = ResultQuery.run(store, any, List.of(), true, RunStatus.FINISHED);
            assertThat(rows).extracting(ResultQuery.Row::runId).containsExactly(newer, other);
            ResultQuery.Row first = rows.get(0);
            assertThat(first.dataset()).isEqualTo("set_01");
            assertThat(first.group()).isEqualTo("test");
            assertThat(first.variant()).isEqualTo("gat");
            assertThat(first.runName()).isEqualTo("gat");
            assertThat(first.metrics()).containsEntry("test/test/auroc_macro", 0.9)
                    .containsEntry("test/test/mcc", 0.5) // found through the bare-suffix fallback
                    .containsEntry("test/test/f1_per_class/attack", null);
            assertThat(rows.get(1).metrics()).containsEntry("test/test/auroc", 0.7); // via test/ + suffix

            assertThat(ResultQuery.run(store, any, List.of("set_01"), false, RunStatus.FINISHED)).hasSize(2);
            assertThat(ResultQuery.run(store, any, List.of("set_01"), false, null)).hasSize(3);
            assertThat(ResultQuery.run(store, any, List.of("set_03"), true, null)).isEmpty();
            assertThat(ResultQuery.run(store, ResultViews.load(Lake.at(dir)).get("fit"), List.of(), true,
                    RunStatus.FINISHED)).singleElement().satisfies(r -> {
                        assertThat(r.phase()).isEqualTo("fit");
                        assertThat(r.metrics()).containsEntry("val_loss", 0.2);
                    });
        }
    }

    @Test
    void lakeViewsAddToAndReplaceTheShippedOnes() throws IOException {
        Files.writeString(dir.resolve("result_views.json"), "{\"any\": {\"filter\": {\"phase\": \"test\","
                + " \"representation\": \"temporal\"}, \"metrics\": [\"test/f1\"]},"
                + " \"mine\": {\"metrics\": [\"x\"]}}");
        ResultViews views = ResultViews.load(Lake.at(dir));
        assertThat(views.all()).containsKeys("any", "fit", "cache", "mine");
        assertThat(views.get("any").filter()).containsEntry("representation", "temporal");
        assertThat(views.get("mine").phase()).isEqualTo("test");
        assertThatThrownBy(() -> views.get("nope")).isInstanceOf(GraphidsException.class)
                .hasMessage("unknown result view 'nope'; available: any, cache, fit, mine");
        Files.writeString(dir.resolve("result_views.json"), "{\"bad\": {\"metric\": []}}");
        assertThatThrownBy(() -> ResultViews.load(Lake.at(dir))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("view 'bad': unknown field 'metric'");
    }
}
