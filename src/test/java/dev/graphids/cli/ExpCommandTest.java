package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpCommandTest {
    @TempDir
    Path tmp;
    Path lake;
    Path yaml;

    @BeforeEach
    void setUp() throws IOException {
        lake = tmp.resolve("lake");
        yaml = tmp.resolve("exp.yaml");
        Files.writeString(yaml, ConfigLoaderTest.VALID);
    }

    /** Every file of the code directory (the working directory of the tests) with its size and mtime. */
    private static Map<String, String> codeTree() throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path root = Path.of("").toAbsolutePath();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith("target") && !rel.startsWith(".git")) {
                    out.put(rel, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return out;
    }

    @Test
    void launchWritesNothingIntoTheCodeDirectoryAndStatusReadsTheJournal() throws IOException {
        SimulateFixture.dataset(Lake.at(lake), "sim", 0.05);
        Map<String, String> before = codeTree();
        CliRunner cli = new CliRunner(lake);
        CliRunner.Result r = cli.run("exp", "launch", yaml.toString(), "--set", "run_name=r1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"status\" : \"finished\"");
        assertThat(codeTree()).isEqualTo(before);

        Path runDir = lake.resolve("runs/sim/sim_cache/r1");
        CliRunner.Result status = cli.run("exp", "status", runDir.toString());
        assertThat(status.out()).contains("status        finished").contains("run_finished");
        assertThat(cli.run("exp", "status", runDir.toString(), "--json").out()).contains("\"last_event\" : \"run_finished\"");
        assertThat(cli.run("exp", "manifest", runDir.toString()).out()).contains("\"status\" : \"finished\"");
        CliRunner.Result config = cli.run("exp", "config", yaml.toString());
        assertThat(config.out()).contains("\"run_dir\" : \"" + lake.resolve("runs/sim/sim_cache/sim_cache"));
    }

    @Test
    void failingConfigExitsNonZeroWithOneLine() throws IOException {
        Files.writeString(yaml, ConfigLoaderTest.VALID + "typo: 1\n");
        CliRunner.Result r = new CliRunner(lake).run("exp", "launch", yaml.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: " + yaml + ":16: typo: unknown key").doesNotContain("\n");
        // The failure is journaled in the run directory the config names.
        RunJournal journal = new RunJournal(new RunPaths(lake.resolve("runs/sim/sim_cache/sim_cache")));
        assertThat(journal.readManifest().status()).isEqualTo(RunManifest.FAILED);
        assertThat(journal.readEvents()).extracting(e -> e.message()).containsExactly("run_failed");
        assertThat(journal.readManifest().failure()).contains("typo: unknown key");
    }

    @Test
    void statusOfADirectoryWithoutJournalIsAClearError() {
        CliRunner.Result r = new CliRunner(lake).run("exp", "status", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no run manifest found in " + tmp);
    }

    private Process startLaunch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.graphids.cli.Main", "exp", "launch", yaml.toString());
        pb.environment().put("GRAPHIDS_LAKE_ROOT", lake.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private RunJournal waitUntilRunning() throws InterruptedException {
        RunJournal journal = new RunJournal(new RunPaths(lake.resolve("runs/sim/sim_cache/sim_cache")));
        // Up to a minute: a JVM and its launch start slowly on a loaded machine.
        for (int i = 0; i < 3000 && (!Files.exists(journal.paths().manifest())); i++) {
            Thread.sleep(20);
        }
        return journal;
    }

    @Test
    void killedLaunchesLeaveReadableJournalsThatSayWhatHappened() throws Exception {
        SimulateFixture.dataset(Lake.at(lake), "sim", 0.4);
        // SIGTERM (SLURM's walltime signal): the run is journaled as failed.
        Process p = startLaunch();
        RunJournal journal = waitUntilRunning();
        Thread.sleep(300);
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        RunManifest m = journal.readManifest();
        if (!m.status().equals(RunManifest.FINISHED)) {
            assertThat(m.status()).isEqualTo(RunManifest.FAILED);
            assertThat(m.failure()).contains("terminated by a signal");
            assertThat(journal.readEvents().get(journal.readEvents().size() - 1).message()).isEqualTo("run_failed");
        }
        // SIGKILL: nothing can be recorded, but the journal stays readable and status knows the process is gone.
        Files.walk(journal.paths().runDir()).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        p = startLaunch();
        journal = waitUntilRunning();
        Thread.sleep(200);
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        m = journal.readManifest();
        assertThat(m.status()).isIn(RunManifest.RUNNING, RunManifest.FINISHED);
        if (m.status().equals(RunManifest.RUNNING)) {
            CliRunner.Result status = new CliRunner(lake).run("exp", "status", journal.paths().runDir().toString());
            assertThat(status.out()).contains("gone (pid " + m.pid());
        }
    }
}
