package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.cache.CacheProgress;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir
    Path tmp;
    Lake lake;
    final StringWriter err = new StringWriter();

    @BeforeEach
    void simulate() throws IOException {
        lake = Lake.at(tmp.resolve("lake"));
        SimulateFixture.dataset(lake, "sim", 0.05);
    }

    private RunSpec spec(String yaml, String... overrides) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(new GitInfo(null)).load(f, List.of(overrides), List.of());
    }

    private Launcher launcher(Map<String, String> env) {
        return new Launcher(lake, env, p -> RunTracker.NONE, CacheProgress.NONE, new PrintWriter(err), 2);
    }

    @Test
    void cacheRunLeavesTheFullJournalResolvedConfigAndTraces() throws Exception {
        RunSummary s = launcher(Map.of()).launch(spec(ConfigLoaderTest.VALID, "seed=11"));
        RunPaths paths = new RunPaths(Path.of(s.runDir()));
        assertThat(paths.runDir()).isEqualTo(lake.runsDir().resolve("sim/sim_cache/sim_cache"));
        assertThat(s.status()).isEqualTo("finished");
        RunJournal journal = new RunJournal(paths);
        assertThat(journal.readEvents()).extracting(RunEvent::message).containsExactly("launch_started",
                "run_finished");
        assertThat(journal.readEvents().get(1).details()).containsEntry("cache_ready", true).containsKey("cache_root");
        RunManifest m = journal.readManifest();
        assertThat(m.status()).isEqualTo("finished");
        assertThat(m.stage()).isEqualTo("cache");
        assertThat(m.outputs()).containsKeys("manifest", "events", "artifact_dir", "checkpoint_dir");
        assertThat(paths.resolvedConfig()).content().contains("\"seed\" : 11").contains("\"val_fraction\" : 0.25");
        assertThat(paths.overrides()).content().contains("\"key\" : \"seed\"");
        String traces = Files.readString(paths.traces());
        assertThat(traces).contains("\"name\":\"run\"").contains("\"name\":\"stage.cache\"")
                .contains("\"name\":\"cache.build\"").contains("\"service.name\"");
        assertThat(traces.lines().count()).isEqualTo(3);
    }

    @Test
    void failingRunIsJournaledAsFailedWithOneLine() throws Exception {
        RunSpec missing = spec(ConfigLoaderTest.VALID.replace("dataset: sim", "dataset: nosuch"));
        assertThatThrownBy(() -> launcher(Map.of()).launch(missing)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("failed: unknown dataset 'nosuch'");
        RunJournal journal = new RunJournal(new RunPaths(lake.runsDir().resolve("nosuch/sim_cache/sim_cache")));
        assertThat(journal.readEvents()).extracting(RunEvent::message).containsExactly("launch_started", "run_failed");
        assertThat(journal.readEvents().get(1).details().get("failure").toString()).startsWith("unknown dataset");
        assertThat(journal.readManifest().status()).isEqualTo("failed");
        assertThat(journal.readManifest().failure()).startsWith("unknown dataset 'nosuch'");
    }

    @Test
    void rayBackendWithoutAClusterFallsBackToLocalWithAWarning() throws Exception {
        RunSpec ray = spec(ConfigLoaderTest.VALID.replace("backend: local", "backend: ray"));
        assertThat(launcher(Map.of()).launch(ray).status()).isEqualTo("finished");
        assertThat(err.toString()).contains("backend ray: no Ray cluster address is configured");
    }

    @Test
    void readOnlyLakeFailsBeforeCreatingAnything() throws Exception {
        Lake readOnly = Lake.resolve(Map.of(Lake.ROOT_VARIABLE, lake.root().toString(), Lake.WRITE_VARIABLE, "0"),
                null);
        Launcher l = new Launcher(readOnly, Map.of(), p -> RunTracker.NONE, CacheProgress.NONE,
                new PrintWriter(err), 1);
        assertThatThrownBy(() -> l.launch(spec(ConfigLoaderTest.VALID))).hasMessageContaining("read-only");
        assertThat(lake.runsDir()).doesNotExist();
    }

    @Test
    void trackerFailureIsJournaledToo() throws Exception {
        Launcher l = new Launcher(lake, Map.of(), p -> {
            throw GraphidsException.environment("tracking store unavailable");
        }, CacheProgress.NONE, new PrintWriter(err), 1);
        assertThatThrownBy(() -> l.launch(spec(ConfigLoaderTest.VALID))).hasMessageContaining("tracking store");
        RunJournal journal = new RunJournal(new RunPaths(lake.runsDir().resolve("sim/sim_cache/sim_cache")));
        assertThat(journal.readManifest().status()).isEqualTo("failed");
    }

    @Test
    void partialLastEventLineFromACrashIsSkipped() throws Exception {
        launcher(Map.of()).launch(spec(ConfigLoaderTest.VALID));
        RunPaths paths = new RunPaths(lake.runsDir().resolve("sim/sim_cache/sim_cache"));
        Files.writeString(paths.events(), "{\"details\":{},\"mess", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new RunJournal(paths).readEvents()).hasSize(2);
    }

}
