package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.RunEvent;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real SLURM (the single node of {@code .ci/slurm-up.sh}): a cache run, an array of three seeds and a
 * two-stage afterok chain, from {@code exp submit} and {@code exp pipeline} to finished journals and tracked runs.
 * Skipped unless {@code sbatch} is on PATH and {@code sinfo} shows an idle node.
 */
class ExpSubmitSlurmIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    private static String sinfo() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-N", "-o", "%T").redirectErrorStream(true).start();
            // Without a controller sinfo retries for about 10 s; a running single-node SLURM answers at once.
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(no answer within 3 s: slurmctld is not running)";
            }
            String out = new String(p.getInputStream().readAllBytes());
            return p.exitValue() == 0 ? out.trim() : out.trim().isEmpty() ? "" : "(" + out.trim() + ")";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Test
    void submitsARunASeedArrayAndAChainThatAllFinish() throws Exception {
        String nodes = sinfo();
        Assumptions.assumeTrue(nodes.matches("(?s)(idle|mixed).*"),
                "SLURM integration test skipped: no sbatch/sinfo or no idle node (run .ci/slurm-up.sh as root)"
                        + (nodes.isEmpty() ? "" : "; sinfo says: " + nodes));
        Path lake = tmp.resolve("lake");
        Path yaml = tmp.resolve("exp.yaml");
        Files.writeString(yaml, ConfigLoaderTest.VALID);
        SimulateFixture.dataset(Lake.at(lake), "sim", 0.05);
        String java = ProcessHandle.current().info().command().orElse("java");
        CliRunner cli = new CliRunner(lake).with("PATH", System.getenv("PATH"))
                .with("USER", System.getProperty("user.name"))
                .with("GRAPHIDS_LAUNCH_COMMAND", java + " -cp " + System.getProperty("java.class.path")
                        + " dev.graphids.cli.Main")
                .with("GRAPHIDS_SYSTEM_METRICS_SECONDS", "0");

        CliRunner.Result single = cli.run("exp", "submit", yaml.toString(), "--set", "run_name=single");
        assertThat(single.exitCode()).as(single.err()).isZero();
        String singleJob = JSON.readTree(single.out()).get("job_id").asText();

        CliRunner.Result array = cli.run("exp", "submit", yaml.toString(), "--seeds", "1,2,3", "--set",
                "run_name=sweep");
        assertThat(array.exitCode()).as(array.err()).isZero();
        JsonNode arrayJson = JSON.readTree(array.out());
        String arrayJob = arrayJson.get("job_id").asText();
        assertThat(arrayJson.get("runs")).hasSize(3);

        Path pipeline = tmp.resolve("chain.yaml");
        Files.writeString(pipeline, """
                pipeline_name: chain
                stages:
                  - name: first
                    config: exp.yaml
                    set: [run_name=chain_a]
                  - name: second
                    config: exp.yaml
                    set: ["run_name=chain_b", "plan_id=${runs.first.run_dir}"]
                """);
        CliRunner.Result chain = cli.run("exp", "pipeline", pipeline.toString());
        assertThat(chain.exitCode()).as(chain.err()).isZero();
        JsonNode stages = JSON.readTree(chain.out()).get("stages");
        String firstJob = stages.get(0).get("job_id").asText();
        assertThat(stages.get(1).get("after").get(0).asText()).isEqualTo(firstJob);

        // A chain whose first stage fails (a fit resuming from a checkpoint that does not exist): SLURM cancels the
        // second (afterok can never be satisfied), and exp status reconciles its journal to failed with the SLURM
        // state.
        Files.writeString(tmp.resolve("fit.yaml"), ConfigLoaderTest.VALID.replace("stage: cache", "stage: fit")
                .replace("experiment_name: sim_cache", "experiment_name: sim_fit")
                .replace("  data:\n", "  model: {type: rate}\n  ckpt_path: /nonexistent/last.safetensors\n  data:\n"));
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, """
                pipeline_name: broken
                stages:
                  - {name: fit, config: fit.yaml}
                  - {name: after_fit, config: exp.yaml, set: [run_name=after_fit]}
                """);
        CliRunner.Result brokenChain = cli.run("exp", "pipeline", broken.toString());
        assertThat(brokenChain.exitCode()).as(brokenChain.err()).isZero();

        Map<String, String> expected = Map.of("single", singleJob, "sweep_seed1", arrayJob + "_0",
                "sweep_seed2", arrayJob + "_1", "sweep_seed3", arrayJob + "_2", "chain_a", firstJob,
                "chain_b", stages.get(1).get("job_id").asText());
        // Generous deadlines: the jobs are quick, but a loaded machine starts six JVMs slowly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        List<String> pending = new ArrayList<>(expected.keySet());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(run -> {
                RunManifest m = journal(lake, run).readManifest();
                return m != null && (m.status().equals(RunManifest.FINISHED) || m.status().equals(RunManifest.FAILED));
            });
            Thread.sleep(250);
        }
        assertThat(pending).as("runs not ended within 300 s; see " + lake.resolve("slurm")).isEmpty();

        for (var e : expected.entrySet()) {
            RunJournal j = journal(lake, e.getKey());
            assertThat(j.readManifest().status()).as(e.getKey() + ": " + j.readManifest().failure())
                    .isEqualTo(RunManifest.FINISHED);
            List<RunEvent> events = j.readEvents();
            assertThat(events.get(0).message()).isEqualTo("submitted");
            assertThat(events.get(0).details()).containsEntry("job_id", e.getValue()).containsKey("script");
            assertThat(events).filteredOn(ev -> ev.message().equals("launch_started")).singleElement()
                    .satisfies(ev -> assertThat(ev.details()).containsEntry("slurm_job_id", e.getValue()));
        }
        assertThat(journal(lake, "chain_b").readEvents().get(0).details())
                .containsEntry("dependency", "afterok:" + firstJob);
        try (SqliteTrackingStore store = SqliteTrackingStore.openReadOnly(lake.resolve("mlflow.db"))) {
            List<TrackedRun> finished = store.searchRuns("graphids/sim/cache", Map.of(), RunStatus.FINISHED);
            assertThat(finished).extracting(TrackedRun::runName)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        CliRunner.Result status = cli.run("exp", "status", journal(lake, "sweep_seed2").paths().runDir().toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("finished").contains(arrayJob + "_1").contains("COMPLETED");
        Path afterFit = journal(lake, "after_fit").paths().runDir();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        CliRunner.Result reconciled = cli.run("exp", "status", afterFit.toString());
        while (!reconciled.out().contains("CANCELLED") && System.nanoTime() < until) {
            Thread.sleep(250);
            reconciled = cli.run("exp", "status", afterFit.toString());
        }
        assertThat(reconciled.out()).as(reconciled.err()).contains("CANCELLED");
        RunJournal cancelled = journal(lake, "after_fit");
        assertThat(cancelled.readManifest().status()).isEqualTo(RunManifest.FAILED);
        assertThat(cancelled.readEvents()).last().satisfies(ev -> assertThat(ev.details())
                .containsEntry("slurm_state", "CANCELLED"));
        assertThat(new RunJournal(RunPaths.of(Lake.at(lake), "sim", "sim_fit", "sim_fit")).readManifest().failure())
                .contains("the rate baseline has no training to resume");
        CliRunner.Result queue = cli.run("exp", "queue");
        assertThat(queue.exitCode()).as(queue.err()).isZero();
    }

    private static RunJournal journal(Path lake, String run) {
        return new RunJournal(RunPaths.of(Lake.at(lake), "sim", "sim_cache", run));
    }
}
