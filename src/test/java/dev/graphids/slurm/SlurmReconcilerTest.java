package dev.graphids.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.ConfigLoaderTest;
import dev.graphids.run.GitInfo;
import dev.graphids.run.RunEvent;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmReconcilerTest {
    @TempDir
    Path tmp;
    Lake lake;
    RunJournal journal;
    final Map<String, SlurmCommands.Result> answers = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();
    Set<String> installed = Set.of("scontrol", "sacct", "squeue");

    /** A command runner that answers from {@link #answers} by the command's first word. */
    final SlurmCommands fake = new SlurmCommands() {
        @Override
        public Result run(List<String> argv) {
            calls.add(argv);
            return answers.getOrDefault(argv.get(0), new Result(1, "", "no"));
        }

        @Override
        public boolean available(String command) {
            return installed.contains(command);
        }
    };

    @BeforeEach
    void submit() throws Exception {
        lake = Lake.at(tmp.resolve("lake"));
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, ConfigLoaderTest.VALID);
        RunSpec run = new ConfigLoader(new GitInfo(null)).load(f, List.of(), List.of());
        RunPaths paths = SlurmSubmitter.recordSubmitted(lake, run, Map.of("job_id", "41"));
        journal = new RunJournal(paths);
    }

    private SlurmReconciler.Outcome reconcile(boolean write) {
        return new SlurmReconciler(new SlurmJobs(fake)).reconcile(journal, write).orElseThrow();
    }

    @Test
    void aJobKilledAtItsWalltimeMarksTheRunFailedWithTheSlurmState() {
        answers.put("scontrol", new SlurmCommands.Result(0, "JobId=41 JobName=sim_cache JobState=TIMEOUT Reason="
                + "TimeLimit ExitCode=0:15\n", ""));
        SlurmReconciler.Outcome o = reconcile(true);
        assertThat(o).extracting("jobId", "state", "source", "marked").containsExactly("41", "TIMEOUT", "scontrol",
                true);
        RunManifest m = journal.readManifest();
        assertThat(m.status()).isEqualTo(RunManifest.FAILED);
        assertThat(m.failure()).contains("SLURM job 41 ended TIMEOUT");
        RunEvent last = journal.readEvents().get(journal.readEvents().size() - 1);
        assertThat(last.message()).isEqualTo("run_failed");
        assertThat(last.details()).containsEntry("slurm_state", "TIMEOUT").containsEntry("job_id", "41");
        assertThat(calls.get(0)).containsExactly("scontrol", "-o", "show", "job", "41");
        // A second status does not journal it again.
        assertThat(reconcile(true).marked()).isFalse();
    }

    @Test
    void aCancelledJobFoundBySacctMarksASubmittedRunFailed() {
        installed = Set.of("sacct", "squeue");
        answers.put("sacct", new SlurmCommands.Result(0, "41|CANCELLED by 0\n", ""));
        assertThat(reconcile(true).state()).isEqualTo("CANCELLED");
        assertThat(journal.readManifest().failure()).contains("before the run started");
    }

    @Test
    void pendingAndRunningJobsLeaveTheJournalAlone() {
        installed = Set.of("squeue");
        answers.put("squeue", new SlurmCommands.Result(0, "PENDING\n", ""));
        assertThat(reconcile(true)).extracting("state", "marked").containsExactly("PENDING", false);
        assertThat(journal.readManifest().status()).isEqualTo(RunManifest.SUBMITTED);
    }

    @Test
    void withoutSlurmCommandsTheStateIsUnknown() {
        installed = Set.of();
        assertThat(reconcile(true).state()).isNull();
        assertThat(journal.readManifest().status()).isEqualTo(RunManifest.SUBMITTED);
    }

    @Test
    void aReadOnlyLakeReportsButDoesNotWrite() {
        answers.put("scontrol", new SlurmCommands.Result(0, "JobId=41 JobState=OUT_OF_MEMORY\n", ""));
        assertThat(reconcile(false)).extracting("state", "marked").containsExactly("OUT_OF_MEMORY", false);
        assertThat(journal.readManifest().status()).isEqualTo(RunManifest.SUBMITTED);
    }

    @Test
    void aLaterLaunchByAnotherJobOrOutsideSlurmIsNotTouched() {
        journal.append(RunManifest.RUNNING, "cache", "launch_started", Map.of("host", "h", "pid", 1));
        journal.writeManifest(journal.readManifest().with(RunManifest.RUNNING, null, null, RunJournal.now()));
        answers.put("scontrol", new SlurmCommands.Result(0, "JobId=41 JobState=FAILED\n", ""));
        assertThat(reconcile(true).marked()).isFalse();
        journal.append(RunManifest.RUNNING, "cache", "launch_started", Map.of("slurm_job_id", "41"));
        assertThat(reconcile(true).marked()).isTrue();
    }

    @Test
    void runsWithoutASubmissionAreNotReconciled() throws Exception {
        RunJournal other = new RunJournal(RunPaths.of(lake, "sim", "x", "y"));
        other.append("running", "cache", "launch_started", Map.of());
        assertThat(new SlurmReconciler(new SlurmJobs(fake)).reconcile(other, true)).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void queueListsOnlyGraphidsJobs() {
        answers.put("squeue", new SlurmCommands.Result(0, "7|sim_cache|RUNNING|0:05|10:00|vm|graphids:sim/sim_cache/a\n"
                + "8|other|PENDING|0:00|1:00:00|(Priority)|(null)\n", ""));
        List<SlurmJobs.QueuedJob> q = new SlurmJobs(fake).queue("me");
        assertThat(q).singleElement().extracting("jobId", "state", "run").containsExactly("7", "RUNNING",
                "sim/sim_cache/a");
        assertThat(calls.get(0)).containsSequence("squeue", "-h", "-u", "me");
    }
}
