package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code exp launch} prints and {@code exp status} shows. */
public record RunSummary(@JsonProperty("run_dir") String runDir, @JsonProperty("status") String status,
                         @JsonProperty("stage") String stage, @JsonProperty("name") String name,
                         @JsonProperty("last_event") String lastEvent, @JsonProperty("error") String error,
                         @JsonProperty("git_sha") String gitSha, @JsonProperty("mlflow_run_id") String mlflowRunId,
                         @JsonProperty("process") String process) {

    /** Summarises a run directory's journal; null when it has no manifest. */
    public static RunSummary of(RunJournal journal) {
        RunManifest m = journal.readManifest();
        if (m == null) {
            return null;
        }
        var events = journal.readEvents();
        String last = events.isEmpty() ? null : events.get(events.size() - 1).message();
        return new RunSummary(m.runDir(), m.status(), m.stage(), m.name(), last, m.failure(), m.gitSha(),
                m.mlflowRunId(), processState(m));
    }

    /**
     * For a run still marked running: whether its process is alive ({@code alive}), gone ({@code gone}: killed
     * without a chance to record it), or on another host ({@code unknown}); null for ended runs.
     */
    static String processState(RunManifest m) {
        if (!RunManifest.RUNNING.equals(m.status())) {
            return null;
        }
        if (m.host() == null || !m.host().equals(Hosts.name())) {
            return "unknown (host " + m.host() + ")";
        }
        return ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false) ? "alive (pid " + m.pid() + ")"
                : "gone (pid " + m.pid() + " is not running: the run was killed)";
    }
}
