package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.RunEvent;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp submit / pipeline / status / queue against fake sbatch, scontrol and squeue scripts on PATH. */
class ExpSubmitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    Path lake;
    Path fake;
    Path yaml;
    CliRunner cli;

    private void script(String name, String body) throws IOException {
        Path f = fake.resolve("bin").resolve(name);
        Files.writeString(f, "#!/bin/sh\nF='" + fake + "'\n" + body);
        f.toFile().setExecutable(true);
    }

    @BeforeEach
    void setUp() throws IOException {
        lake = tmp.resolve("lake");
        fake = tmp.resolve("fake");
        Files.createDirectories(fake.resolve("bin"));
        yaml = tmp.resolve("exp.yaml");
        Files.writeString(yaml, ConfigLoaderTest.VALID);
        Files.writeString(fake.resolve("state"), "PENDING");
        script("sbatch", """
                echo "$@" >> "$F/sbatch.log"
                n=$(cat "$F/next" 2>/dev/null || echo 100); n=$((n + 1)); echo "$n" > "$F/next"
                echo "$n"
                """);
        script("scontrol", """
                echo "$@" >> "$F/scontrol.log"
                if [ "$1" = release ]; then
                  find '%s' -name events.jsonl -exec cat {} + > "$F/events_at_release"; exit 0
                fi
                echo "JobId=$4 JobName=x JobState=$(cat "$F/state") ExitCode=0:0"
                """.formatted(lake));
        script("squeue", """
                echo "$@" >> "$F/squeue.log"
                echo "101|sim_cache|RUNNING|0:07|10:00|vm|graphids:sim/sim_cache/sim_cache"
                echo "102|not_ours|PENDING|0:00|10:00|(Priority)|(null)"
                """);
        script("scancel", "echo \"$@\" >> \"$F/scancel.log\"\n");
        cli = new CliRunner(lake).with("PATH", fake.resolve("bin") + ":/usr/bin:/bin")
                .with("GRAPHIDS_LAUNCH_COMMAND", "graphids").with("USER", "tester");
    }

    private RunJournal journal(String run) {
        return new RunJournal(RunPaths.of(Lake.at(lake), "sim", "sim_cache", run));
    }

    @Test
    void dryRunPrintsTheScriptAndWritesNothingEvenInAReadOnlyLake() {
        CliRunner.Result r = cli.with("GRAPHIDS_LAKE_WRITE", "0").run("exp", "submit", yaml.toString(), "--dry-run",
                "-C", "pitzer", "--time", "02:00:00");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash\n").contains("#SBATCH --partition=cpu\n")
                .contains("#SBATCH --time=02:00:00\n").contains("#SBATCH --clusters=pitzer\n")
                .contains("'graphids' 'exp' 'launch' '" + yaml + "'");
        assertThat(lake).doesNotExist();
        assertThat(fake.resolve("sbatch.log")).doesNotExist();
    }

    @Test
    void submitJournalsTheJobIdBeforeReleasingTheHeldJob() throws Exception {
        CliRunner.Result r = cli.run("exp", "submit", yaml.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.get("job_id").asText()).isEqualTo("101");
        Path script = lake.resolve("slurm/scripts/sim_cache.sbatch");
        assertThat(out.get("script_path").asText()).isEqualTo(script.toString());
        assertThat(script).content().contains("#SBATCH --job-name=sim_cache");
        assertThat(fake.resolve("sbatch.log")).content().isEqualTo("--parsable --hold " + script + "\n");
        assertThat(fake.resolve("scontrol.log")).content().isEqualTo("release 101\n");
        assertThat(fake.resolve("events_at_release")).content().contains("\"job_id\":\"101\"");
        RunJournal j = journal("sim_cache");
        assertThat(j.readManifest().status()).isEqualTo(RunManifest.SUBMITTED);
        RunEvent e = j.readEvents().get(0);
        assertThat(e.message()).isEqualTo("submitted");
        assertThat(e.details()).containsEntry("job_id", "101").containsEntry("script", script.toString())
                .containsEntry("command", List.of("sbatch", "--parsable", "--hold", script.toString()));
    }

    @Test
    void seedsSubmitOneArrayAndJournalEachTaskInItsOwnRunDirectory() throws Exception {
        CliRunner.Result r = cli.run("exp", "submit", yaml.toString(), "--seeds", "1,2,3", "--plan-id", "p7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(fake.resolve("sbatch.log"))).hasSize(1);
        assertThat(lake.resolve("slurm/scripts/sim_cache.sbatch")).content().contains("#SBATCH --array=0-2\n")
                .contains("SEEDS=(1 2 3)\n");
        for (int i = 0; i < 3; i++) {
            RunEvent e = journal("sim_cache_seed" + (i + 1)).readEvents().get(0);
            assertThat(e.details()).containsEntry("job_id", "101_" + i).containsEntry("array_job_id", "101")
                    .containsEntry("plan_id", "p7");
        }
        assertThat(JSON.readTree(r.out()).get("runs")).hasSize(3);
    }

    @Test
    void aPipelineChainsItsStagesWithAfterok() throws Exception {
        Path pipe = tmp.resolve("pipe.yaml");
        Files.writeString(pipe, """
                pipeline_name: chain
                stages:
                  - {name: a, config: exp.yaml, set: [run_name=a]}
                  - {name: b, config: exp.yaml, set: [run_name=b]}
                  - {name: c, config: exp.yaml, set: [run_name=c], after: [a, b]}
                """);
        CliRunner.Result dry = cli.run("exp", "pipeline", pipe.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("# stage b: sbatch --parsable --hold --dependency=afterok:<job of a> "
                + "--kill-on-invalid-dep=yes");
        assertThat(fake.resolve("sbatch.log")).doesNotExist();
        CliRunner.Result r = cli.run("exp", "pipeline", pipe.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> calls = Files.readAllLines(fake.resolve("sbatch.log"));
        assertThat(calls.get(0)).doesNotContain("--dependency");
        assertThat(calls.get(1)).contains("--dependency=afterok:101 --kill-on-invalid-dep=yes");
        assertThat(calls.get(2)).contains("--dependency=afterok:101:102 --kill-on-invalid-dep=yes");
        assertThat(journal("c").readEvents().get(0).details()).containsEntry("dependency", "afterok:101:102")
                .containsEntry("pipeline_stage", "c");
    }

    @Test
    void statusMarksAJobKilledAtItsWalltimeFailed() throws Exception {
        assertThat(cli.run("exp", "submit", yaml.toString()).exitCode()).isZero();
        Path runDir = journal("sim_cache").paths().runDir();
        CliRunner.Result pending = cli.run("exp", "status", runDir.toString());
        assertThat(pending.out()).contains("submitted").contains("101  PENDING (scontrol)");
        Files.writeString(fake.resolve("state"), "TIMEOUT");
        CliRunner.Result r = cli.run("exp", "status", runDir.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.get("summary").get("status").asText()).isEqualTo("failed");
        assertThat(out.get("slurm").get("state").asText()).isEqualTo("TIMEOUT");
        RunEvent last = journal("sim_cache").readEvents().get(journal("sim_cache").readEvents().size() - 1);
        assertThat(last.message()).isEqualTo("run_failed");
        assertThat(last.details()).containsEntry("slurm_state", "TIMEOUT");
    }

    @Test
    void aRunWhoseJobIsStillQueuedIsNotSubmittedTwice() throws Exception {
        assertThat(cli.run("exp", "submit", yaml.toString()).exitCode()).isZero();
        CliRunner.Result again = cli.run("exp", "submit", yaml.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("already has SLURM job 101 (PENDING)");
        assertThat(Files.readAllLines(fake.resolve("sbatch.log"))).hasSize(1);
        Files.writeString(fake.resolve("state"), "COMPLETED");
        assertThat(cli.run("exp", "submit", yaml.toString()).exitCode()).isZero();
    }

    @Test
    void queueListsThisUsersGraphidsJobs() {
        CliRunner.Result r = cli.run("exp", "queue");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("101").contains("sim/sim_cache/sim_cache").doesNotContain("not_ours");
        assertThat(fake.resolve("squeue.log")).content().contains("-u tester");
    }

    @Test
    void aFailedSbatchIsReportedAndJournalsNothing() throws Exception {
        script("sbatch", "echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1\n");
        CliRunner.Result r = cli.run("exp", "submit", yaml.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("invalid partition specified");
        assertThat(journal("sim_cache").readManifest()).isNull();
    }
}
