package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {
    @TempDir
    Path dir;

    static OfflineRunPayload payload(Path runDir, String dataset, String stage, String name, String status) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test/test/auroc_macro", 0.93);
        metrics.put("test/test/mcc", Double.NaN);
        return new OfflineRunPayload(OfflineRunPayload.SCHEMA_VERSION,
                OfflineRunPayload.experimentName(dataset, stage), name, runDir.toString(), stage, dataset, null,
                status, null, 1_000L, 2_000L, Map.of("graphids.seed", "0", "graphids.representation", "snapshot"),
                Params.flatten(Map.of("model", Map.of("type", "gat", "heads", 4), "empty", Map.of(), "none",
                        new LinkedHashMap<>(Map.of()))),
                metrics, Map.of("train_loss", List.of(new OfflineRunPayload.Point(0, 1_100L, 0.9),
                        new OfflineRunPayload.Point(1, 1_200L, 0.4))),
                JsonNodeFactory.instance.objectNode().put("ok", true));
    }

    @Test
    void payloadRoundTripsThroughItsFile() throws IOException {
        Path runDir = dir.resolve("runs/set_01/exp/r1");
        OfflineRunPayload p = payload(runDir, "set_01", "test", "r1", "RUNNING");
        Path file = p.write(runDir);
        assertThat(file).isEqualTo(runDir.resolve(".graphids/mlflow_ingest.json"));
        String text = Files.readString(file);
        assertThat(text).contains("\"schema_version\" : 1").contains("\"experiment_name\" : \"graphids/set_01/test\"")
                .contains("\"test/test/mcc\" : \"NaN\"");
        assertThat(text.indexOf("\"artifact_location\"")).isLessThan(text.indexOf("\"dataset\""));
        OfflineRunPayload back = OfflineRunPayload.read(runDir);
        assertThat(back.metrics().get("test/test/mcc")).isNaN();
        assertThat(back.params()).containsExactly(Map.entry("model/heads", "4"), Map.entry("model/type", "gat"));
        assertThat(back.metricHistory().get("train_loss")).hasSize(2);
        assertThat(back.result().get("ok").asBoolean()).isTrue();
    }

    @Test
    void ingestsAFinishedRunOnceAndSkipsItAfterwards() {
        Path runDir = dir.resolve("runs/set_01/exp/r1");
        payload(runDir, "set_01", "test", "r1", "RUNNING").finish(RunStatus.FINISHED, null, 2_000L).write(runDir);
        try (SqliteTrackingStore store = SqliteTrackingStore.open(dir.resolve("mlflow.db"), dir.toString())) {
            Ingest.Result first = Ingest.ingestRun(runDir, store, true);
            assertThat(first.status()).isEqualTo(Ingest.Outcome.INGESTED);
            TrackedRun run = store.getRun(first.runId()).orElseThrow();
            assertThat(run.experimentName()).isEqualTo("graphids/set_01/test");
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.startTimeMs()).isEqualTo(1_000L);
            assertThat(run.endTimeMs()).isEqualTo(2_000L);
            assertThat(run.tags()).containsEntry("graphids.phase", "test").containsEntry("graphids.group", "test")
                    .containsEntry("graphids.variant", "r1").containsEntry("graphids.dataset", "set_01")
                    .containsEntry("graphids.run_dir", runDir.toString())
                    .containsEntry("graphids.tracking_mode", "offline").containsEntry("mlflow.runName", "r1");
            assertThat(run.params()).containsEntry("model/type", "gat");
            assertThat(run.metrics()).containsEntry("test/test/auroc_macro", 0.93).containsEntry("train_loss", 0.4);
            assertThat(run.metrics().get("test/test/mcc")).isNaN();
            assertThat(store.metricHistory(first.runId(), "train_loss")).hasSize(2);

            Ingest.Result second = Ingest.ingestRun(runDir, store, true);
            assertThat(second.status()).isEqualTo(Ingest.Outcome.SKIPPED);
            assertThat(second.runId()).isEqualTo(first.runId());

            Ingest.Result forced = Ingest.ingestRun(runDir, store, false);
            assertThat(forced.status()).isEqualTo(Ingest.Outcome.INGESTED);
            assertThat(forced.message()).contains("replacing 1 earlier run");
            assertThat(store.searchRuns("graphids/set_01/test", Map.of(), null)).extracting(TrackedRun::runId)
                    .containsExactly(forced.runId());
        }
    }

    @Test
    void refusesRunsThatAreNotTerminalAndReportsMissingPayloads() throws IOException {
        Path running = dir.resolve("running");
        payload(running, "set_01", "fit", "r", "RUNNING").write(running);
        Path missing = dir.resolve("missing");
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve(".graphids"));
        Files.writeString(OfflineRunPayload.file(broken), "{\"schema_version\": 1, \"run_name\": ");
        try (SqliteTrackingStore store = SqliteTrackingStore.open(dir.resolve("mlflow.db"), dir.toString())) {
            assertThatThrownBy(() -> Ingest.ingestRun(running, store, true)).isInstanceOf(GraphidsException.class)
                    .hasMessageContaining("is not terminal yet (status RUNNING");
            assertThatThrownBy(() -> Ingest.ingestRun(missing, store, true))
                    .hasMessageStartingWith("no offline tracking payload at");
            assertThatThrownBy(() -> Ingest.ingestRun(broken, store, true)).isInstanceOf(BadInputException.class);
            List<Ingest.Result> all = Ingest.ingestAll(List.of(running, missing), store, true);
            assertThat(all).extracting(Ingest.Result::status)
                    .containsExactly(Ingest.Outcome.FAILED, Ingest.Outcome.FAILED);
            assertThat(store.experimentNames("graphids/")).isEmpty();
        }
    }
}
