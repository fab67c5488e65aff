package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * {@code .graphids/manifest.json}: the run's identity and its current status ({@code submitted} when queued on SLURM,
 * {@code running}, then {@code finished} or {@code failed}). Rewritten atomically on every change.
 *
 * @param runId       the run name
 * @param failure     one line: what failed, or null
 * @param mlflowRunId the MLflow run id in the tracking store, once created
 * @param host        host of the process that runs it
 * @param pid         that process, so {@code exp status} can tell a killed run from a running one
 */
@JsonPropertyOrder(alphabetic = true)
public record RunManifest(
        @JsonProperty("run_id") String runId,
        @JsonProperty("name") String name,
        @JsonProperty("experiment") String experiment,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("stage") String stage,
        @JsonProperty("git_sha") String gitSha,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("run_dir") String runDir,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("outputs") Map<String, String> outputs,
        @JsonProperty("status") String status,
        @JsonProperty("failure") String failure,
        @JsonProperty("mlflow_run_id") String mlflowRunId,
        @JsonProperty("host") String host,
        @JsonProperty("pid") long pid) {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    /** Written by SLURM submission before the job starts; the launch then rewrites the manifest as running. */
    public static final String SUBMITTED = "submitted";

    public RunManifest with(String newStatus, String newFailure, String newMlflowRunId, String now) {
        return new RunManifest(runId, name, experiment, dataset, stage, gitSha, createdAt, now, runDir, config,
                outputs, newStatus, newFailure, newMlflowRunId, host, pid);
    }
}
