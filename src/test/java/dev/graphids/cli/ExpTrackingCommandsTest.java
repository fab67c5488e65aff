package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.track.OfflineRunPayload;
import dev.graphids.track.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code exp results} and {@code exp ingest} through the real command line. Until the {@code exp} parent command
 * registers them, the test mounts the two commands under a stand-in {@code exp}.
 */
class ExpTrackingCommandsTest {
    @TempDir
    Path lake;

    private CliRunner.Result run(Map<String, String> extraEnv, String... args) {
        CliRunner cli = new CliRunner(lake);
        extraEnv.forEach(cli::with);
        return cli.run(args);
    }

    private CliRunner.Result run(String... args) {
        return run(Map.of(), args);
    }

    private Path offlineRun(String dataset, String stage, String name, String status, double auroc) {
        Path runDir = lake.resolve("runs").resolve(dataset).resolve("exp").resolve(name);
        new OfflineRunPayload(1, OfflineRunPayload.experimentName(dataset, stage), name, runDir.toString(), stage,
                dataset, null, status, null, System.currentTimeMillis(), System.currentTimeMillis(), Map.of(),
                Map.of("model/type", "gat"), Map.of("test/test/auroc_macro", auroc), null, null).write(runDir);
        return runDir;
    }

    @Test
    void resultsIsReadOnlyAndNeverCreatesTheStore() {
        CliRunner.Result r = run(Map.of("GRAPHIDS_LAKE_WRITE", "0"), "exp", "results");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no tracking store at " + lake.resolve("mlflow.db"));
        assertThat(lake.resolve("mlflow.db")).doesNotExist();
    }

    @Test
    void resultsValidatesTheFormatAndViewBeforeQuerying() {
        CliRunner.Result bad = run("exp", "results", "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown --format 'xml'; expected one of table, csv, json");
        CliRunner.Result view = run("exp", "results", "--view", "nope");
        assertThat(view.exitCode()).isEqualTo(2);
        assertThat(view.err()).contains("unknown result view 'nope'; available: any, cache, fit");
        CliRunner.Result uri = run("exp", "results", "--tracking-uri", "postgresql://db/mlflow");
        assertThat(uri.exitCode()).isEqualTo(2);
        assertThat(uri.err()).contains("only sqlite:///PATH URIs");
    }

    @Test
    void ingestThenResultsShowsTheIngestedRuns() throws IOException {
        Path a = offlineRun("set_01", "test", "gat_s0", "FINISHED", 0.91);
        Path b = offlineRun("set_02", "test", "vgae_s0", "FINISHED", 0.75);
        Path running = offlineRun("set_02", "test", "still_running", "RUNNING", 0.1);

        CliRunner.Result readOnly = run(Map.of("GRAPHIDS_LAKE_WRITE", "0"), "exp", "ingest", a.toString());
        assertThat(readOnly.exitCode()).isEqualTo(3);
        assertThat(readOnly.err()).contains("GRAPHIDS_LAKE_WRITE=0");
        assertThat(lake.resolve("mlflow.db")).doesNotExist();

        CliRunner.Result ingest = run("exp", "ingest", a.toString(), b.toString(), running.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(1);
        assertThat(ingest.out()).contains("ingested " + a).contains("ingested " + b)
                .contains("failed   " + running).contains("is not terminal yet");
        CliRunner.Result again = run("exp", "ingest", "--json", a.toString());
        assertThat(again.exitCode()).isZero();
        JsonNode skipped = new ObjectMapper().readTree(again.out()).get(0);
        assertThat(skipped.get("status").asText()).isEqualTo("skipped");
        assertThat(skipped.get("run_dir").asText()).isEqualTo(a.toString());

        CliRunner.Result table = run(Map.of("GRAPHIDS_LAKE_WRITE", "0"), "exp", "results");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("dataset").contains("test/test/auroc_macro");
        assertThat(lines.get(1)).startsWith("set_01").contains("gat_s0").contains("FINISHED").contains("0.9100");
        assertThat(lines.get(2)).startsWith("set_02").contains("vgae_s0").contains("0.7500");

        CliRunner.Result csv = run("exp", "results", "--format", "csv", "--dataset", "set_02");
        assertThat(csv.out().lines().toList()).hasSize(2);
        assertThat(csv.out().lines().toList().get(1)).startsWith("set_02,test,vgae_s0,test,").endsWith(",0.75,,,,");

        CliRunner.Result json = run("exp", "results", "--format", "json", "--tracking-uri",
                "sqlite:///" + lake.resolve("mlflow.db"));
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("metrics").get("test/test/auroc_macro").asDouble()).isEqualTo(0.91);
        assertThat(rows.get(0).get("status").asText()).isEqualTo(RunStatus.FINISHED.name());

        Files.writeString(lake.resolve("result_views.json"), "{\"fitonly\": {\"filter\": {\"phase\": \"fit\"},"
                + " \"metrics\": [\"val_loss\"]}}");
        CliRunner.Result none = run("exp", "results", "--view", "fitonly");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("no finished runs match view 'fitonly'");
    }
}
