package dev.graphids.track;

import java.util.Map;

/**
 * A run as read back from the tracking store.
 *
 * @param runId the 32-hex MLflow run id
 * @param experimentId MLflow's experiment id, as a string like MLflow's APIs show it
 * @param experimentName the experiment's name, for example {@code graphids/set_01/test}
 * @param runName the run's name ({@code runs.name})
 * @param status the run's status
 * @param startTimeMs start time in milliseconds since the epoch
 * @param endTimeMs end time in milliseconds, or null while running
 * @param artifactUri the run's artifact URI
 * @param tags every tag of the run, sorted by key
 * @param params every param of the run, sorted by key
 * @param metrics the latest value of every metric ({@code latest_metrics}), sorted by key; NaN for values MLflow
 *     marks {@code is_nan}, and ±infinity for the ±{@link Double#MAX_VALUE} that stands in for them
 */
public record TrackedRun(String runId, String experimentId, String experimentName, String runName, RunStatus status,
        long startTimeMs, Long endTimeMs, String artifactUri, Map<String, String> tags, Map<String, String> params,
        Map<String, Double> metrics) {
}
