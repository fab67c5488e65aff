package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunPaths;
import dev.graphids.track.RunStatus;
import dev.graphids.track.SqliteTrackingStore;
import dev.graphids.track.TrackedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp launch with the real tracking store: MLflow rows, offline payloads, concurrent launches. */
class ExpLaunchTrackingTest {
    @TempDir
    Path tmp;
    Path lake;
    Path yaml;

    @BeforeEach
    void setUp() throws IOException {
        lake = tmp.resolve("lake");
        yaml = tmp.resolve("exp.yaml");
        Files.writeString(yaml, ConfigLoaderTest.VALID);
        SimulateFixture.dataset(Lake.at(lake), "sim", 0.05);
    }

    private List<TrackedRun> runs(RunStatus status) {
        try (SqliteTrackingStore store = SqliteTrackingStore.openReadOnly(lake.resolve("mlflow.db"))) {
            return store.searchRuns("graphids/sim/cache", Map.of(), status);
        }
    }

    @Test
    void launchTracksAFinishedMlflowRunWithTagsParamsAndMetrics() {
        CliRunner cli = new CliRunner(lake);
        CliRunner.Result r = cli.run("exp", "launch", yaml.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<TrackedRun> finished = runs(RunStatus.FINISHED);
        assertThat(finished).hasSize(1);
        TrackedRun run = finished.get(0);
        assertThat(run.runName()).isEqualTo("sim_cache");
        assertThat(run.tags()).containsEntry("graphids.phase", "cache").containsEntry("graphids.dataset", "sim")
                .containsEntry("mlflow.runName", "sim_cache").containsKey("graphids.run_dir");
        assertThat(run.params()).containsEntry("graphids.payload/data/source/val_fraction", "0.25")
                .containsEntry("graphids.representation_cfg/window_size", "50")
                .containsEntry("graphids.resource.backend", "local");
        assertThat(run.metrics()).containsKeys("cache/seconds", "cache/train/samples");
        RunJournal journal = new RunJournal(new RunPaths(lake.resolve("runs/sim/sim_cache/sim_cache")));
        assertThat(journal.readManifest().mlflowRunId()).isEqualTo(run.runId());

        CliRunner.Result results = cli.run("exp", "results", "--view", "cache");
        assertThat(results.exitCode()).as(results.err()).isZero();
        assertThat(results.out()).contains("sim").contains(run.runId().substring(0, 8));
    }

    @Test
    void failedLaunchLeavesAFailedMlflowRun() throws IOException {
        Files.writeString(yaml, ConfigLoaderTest.VALID.replace("dataset: sim", "dataset: nosuch"));
        CliRunner.Result r = new CliRunner(lake).run("exp", "launch", yaml.toString());
        assertThat(r.exitCode()).isNotZero();
        try (SqliteTrackingStore store = SqliteTrackingStore.openReadOnly(lake.resolve("mlflow.db"))) {
            List<TrackedRun> failed = store.searchRuns("graphids/nosuch/cache", Map.of(), RunStatus.FAILED);
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).tags().get("graphids.failure")).contains("unknown dataset 'nosuch'");
        }
    }

    @Test
    void offlineModeWritesAPayloadThatIngestLoadsOnce() {
        CliRunner cli = new CliRunner(lake).with("GRAPHIDS_MLFLOW_MODE", "offline");
        assertThat(cli.run("exp", "launch", yaml.toString()).exitCode()).isZero();
        Path runDir = lake.resolve("runs/sim/sim_cache/sim_cache");
        assertThat(runDir.resolve(".graphids/mlflow_ingest.json")).content().contains("\"FINISHED\"")
                .contains("cache/seconds");
        assertThat(Files.exists(lake.resolve("mlflow.db"))).isFalse();
        CliRunner.Result ingest = cli.run("exp", "ingest", runDir.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(runs(RunStatus.FINISHED)).hasSize(1);
        assertThat(cli.run("exp", "ingest", runDir.toString()).out()).contains("skipped");
        assertThat(runs(RunStatus.FINISHED)).hasSize(1);
    }

    @Test
    void eightConcurrentLaunchesAllLandInOneStore() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.graphids.cli.Main", "exp", "launch", yaml.toString(), "--set", "run_name=r" + i);
            pb.environment().put("GRAPHIDS_LAKE_ROOT", lake.toString());
            pb.environment().put("GRAPHIDS_SYSTEM_METRICS_SECONDS", "0.2");
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            processes.add(pb.start());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        List<TrackedRun> finished = runs(RunStatus.FINISHED);
        assertThat(finished).extracting(TrackedRun::runName)
                .containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        for (TrackedRun run : finished) {
            assertThat(run.params()).hasSizeGreaterThan(10);
            assertThat(run.metrics()).containsKeys("cache/seconds", "cache/train/samples");
        }
    }
}
