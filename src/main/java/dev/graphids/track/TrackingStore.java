package dev.graphids.track;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the experiment runtime and the result views need from a tracking backend. Times are milliseconds since the
 * epoch; run ids are MLflow's 32 lower-case hex digits; experiment ids are strings, as in MLflow's APIs. Failures
 * (a locked or corrupt database, a param changed after it was logged, an unknown run) are
 * {@link dev.graphids.error.GraphidsException}s with one-line messages.
 */
public interface TrackingStore extends AutoCloseable {

    /** The tag holding the run name, in MLflow's naming; {@link #createRun} sets it. */
    String RUN_NAME_TAG = "mlflow.runName";
    /** The tag GraphIDS sets to the run directory; {@link Ingest} uses it to find runs already ingested. */
    String RUN_DIR_TAG = "graphids.run_dir";
    /** The tag GraphIDS sets to the code's git commit; mirrored to MLflow's {@code mlflow.source.git.commit}. */
    String GIT_SHA_TAG = "graphids.git_sha";

    /**
     * Returns the id of the active experiment with this name, creating it when absent. Safe when several processes
     * create the same experiment at once: all of them get the same id.
     *
     * @param artifactLocation where the experiment's artifacts go (a path or URI), used only when the experiment is
     *     created; null for the store's default ({@code <artifact root>/<experiment id>})
     */
    String getOrCreateExperiment(String name, String artifactLocation);

    /** The id of the experiment with this name, if there is one. */
    Optional<String> findExperiment(String name);

    /** Names of the active experiments whose name starts with {@code prefix}, sorted. */
    List<String> experimentNames(String prefix);

    /**
     * Creates a RUNNING run and returns its 32-hex id. Besides {@code tags}, writes MLflow's default tags
     * {@code mlflow.runName}, {@code mlflow.user}, {@code mlflow.source.name}, {@code mlflow.source.type = LOCAL},
     * and {@code mlflow.source.git.commit} when {@code tags} holds {@value #GIT_SHA_TAG}.
     */
    String createRun(String experimentId, String runName, Map<String, String> tags, long startTimeMs);

    /**
     * Logs params. A param is written once: logging the same value again is accepted, a different value for a key
     * already logged is an error naming both values.
     */
    void logParams(String runId, Map<String, String> params);

    /** Sets (inserts or replaces) tags. */
    void setTags(String runId, Map<String, String> tags);

    /** Logs metrics in one transaction: the history ({@code metrics}) and the latest values ({@code latest_metrics}). */
    void logMetrics(String runId, List<Metric> metrics);

    /** Sets the run's final status and end time. */
    void terminate(String runId, RunStatus status, long endTimeMs);

    /** Marks a run deleted, as MLflow's delete does: searches no longer return it. */
    void deleteRun(String runId, long timeMs);

    /** The run with this id, deleted or not, if it exists. */
    Optional<TrackedRun> getRun(String runId);

    /**
     * Active runs of one experiment whose tags equal every entry of {@code tagFilter}, newest start time first.
     * Returns an empty list when the experiment does not exist.
     *
     * @param status the only status to return, or null for every status
     */
    List<TrackedRun> searchRuns(String experimentName, Map<String, String> tagFilter, RunStatus status);

    /** Every value logged for one metric of a run, by step then timestamp. */
    List<Metric> metricHistory(String runId, String key);

    /** Logs one param; see {@link #logParams}. */
    default void logParam(String runId, String key, String value) {
        logParams(runId, Map.of(key, value));
    }

    /** Sets one tag; see {@link #setTags}. */
    default void setTag(String runId, String key, String value) {
        setTags(runId, Map.of(key, value));
    }

    /** Logs one metric stamped now; see {@link #logMetrics}. */
    default void logMetric(String runId, String key, double value, long step) {
        logMetrics(runId, List.of(Metric.now(key, value, step)));
    }

    /** Closes the connection; failures to close are reported as {@link dev.graphids.error.GraphidsException}s. */
    @Override
    void close();
}
