package dev.graphids.slurm;

import dev.graphids.run.RunEvent;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles a run's journal with SLURM (runtime.md Decision 4). A run whose journal has a {@code submitted} job id
 * and whose manifest has not ended ({@code submitted} or {@code running}) is marked failed, with a
 * {@code run_failed} event whose details carry {@code slurm_state}, when SLURM says the job ended without the run
 * recording its end: TIMEOUT, CANCELLED, FAILED, NODE_FAIL, OUT_OF_MEMORY (and the other failure states), or
 * COMPLETED while the manifest still says submitted or running. A later launch of the same run directory by
 * another process (a {@code launch_started} whose {@code slurm_job_id} differs) is left alone.
 */
public final class SlurmReconciler {
    private final SlurmJobs jobs;

    public SlurmReconciler(SlurmJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * What reconciliation found.
     *
     * @param jobId  the journaled job id
     * @param state  SLURM's state, or null when no SLURM command could tell
     * @param source the command that answered
     * @param marked true when this call marked the run failed
     */
    public record Outcome(String jobId, String state, String source, boolean marked) {
    }

    /** The job id of the run's last submission, if the journal has one. */
    public static Optional<String> submittedJobId(List<RunEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            RunEvent e = events.get(i);
            if ("submitted".equals(e.message()) && e.details().get("job_id") != null) {
                return Optional.of(String.valueOf(e.details().get("job_id")));
            }
        }
        return Optional.empty();
    }

    /**
     * @param write false in a read-only lake: the state is reported, the journal left as it is
     * @return empty when the journal has no submission
     */
    public Optional<Outcome> reconcile(RunJournal journal, boolean write) {
        List<RunEvent> events = journal.readEvents();
        Optional<String> id = submittedJobId(events);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String jobId = id.get();
        Optional<SlurmJobs.JobState> state = jobs.state(jobId);
        if (state.isEmpty()) {
            return Optional.of(new Outcome(jobId, null, null, false));
        }
        String s = state.get().state();
        RunManifest m = journal.readManifest();
        boolean open = m != null && (RunManifest.SUBMITTED.equals(m.status()) || RunManifest.RUNNING.equals(m.status()));
        boolean ended = SlurmJobs.FAILED_STATES.contains(s) || "COMPLETED".equals(s);
        boolean marked = false;
        if (open && ended && launchedBy(events, jobId) && write) {
            String failure = "SLURM job " + jobId + " ended " + s + (RunManifest.SUBMITTED.equals(m.status())
                    ? " before the run started" : " without the run recording its end");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("failure", failure);
            details.put("slurm_state", s);
            details.put("job_id", jobId);
            journal.append(RunManifest.FAILED, m.stage(), "run_failed", details);
            journal.writeManifest(m.with(RunManifest.FAILED, failure, m.mlflowRunId(), RunJournal.now()));
            marked = true;
        }
        return Optional.of(new Outcome(jobId, s, state.get().source(), marked));
    }

    /** True unless a launch after the submission names another SLURM job (or none: a launch outside SLURM). */
    private static boolean launchedBy(List<RunEvent> events, String jobId) {
        boolean afterSubmission = false;
        boolean ok = true;
        for (RunEvent e : events) {
            if ("submitted".equals(e.message())) {
                afterSubmission = jobId.equals(String.valueOf(e.details().get("job_id")));
                ok = true;
            } else if (afterSubmission && "launch_started".equals(e.message())) {
                ok = jobId.equals(String.valueOf(e.details().get("slurm_job_id")));
            }
        }
        return ok;
    }
}
