package dev.graphids.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run on a network filesystem writes instead of tracking rows: {@code {run_dir}/.graphids/mlflow_ingest.json}
 * (runtime.md §11.3), loaded later by {@link Ingest} from a single writer. Pretty JSON with sorted keys, written
 * atomically. Unlike the original, the per-step metric history may be kept ({@code metric_history}).
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param experimentName {@code graphids/{dataset or "unknown"}/{stage}}
 * @param runName the run's name
 * @param runDir the run directory (absolute); becomes the tag {@value TrackingStore#RUN_DIR_TAG}
 * @param stage the stage (fit, test, cache, ...)
 * @param dataset the dataset, or null
 * @param artifactLocation the experiment's artifact location when ingest creates it, or null for the default
 * @param status RUNNING while the run goes on, then FINISHED, FAILED or KILLED; ingest refuses non-terminal runs
 * @param failure a one-line failure message, or null
 * @param startTimeMs start time (ms since the epoch), or null for the time of ingest
 * @param endTimeMs end time (ms since the epoch), or null for the time of ingest
 * @param tags run tags ({@code graphids.*}); ingest adds phase, group, variant, run_dir and tracking_mode defaults
 * @param params flat params (see {@link Params#flatten})
 * @param metrics the final value of each metric
 * @param metricHistory per-step values of metrics, or null/empty when only final values are kept
 * @param result the stage's result object, or null; kept in the payload only
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OfflineRunPayload(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("experiment_name") String experimentName,
        @JsonProperty("run_name") String runName,
        @JsonProperty("run_dir") String runDir,
        @JsonProperty("stage") String stage,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("artifact_location") String artifactLocation,
        @JsonProperty("status") String status,
        @JsonProperty("failure") String failure,
        @JsonProperty("start_time_ms") Long startTimeMs,
        @JsonProperty("end_time_ms") Long endTimeMs,
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("params") Map<String, String> params,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("metric_history") Map<String, List<Point>> metricHistory,
        @JsonProperty("result") JsonNode result) {

    public static final int SCHEMA_VERSION = 1;
    /** The payload's path relative to the run directory. */
    public static final String RELATIVE_PATH = ".graphids/mlflow_ingest.json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public OfflineRunPayload {
        tags = tags == null ? Map.of() : tags;
        params = params == null ? Map.of() : params;
        metrics = metrics == null ? Map.of() : metrics;
        metricHistory = metricHistory == null ? Map.of() : metricHistory;
    }

    /** One logged value of a metric's history. */
    public record Point(@JsonProperty("step") long step, @JsonProperty("timestamp_ms") long timestampMs,
            @JsonProperty("value") double value) {
    }

    /** The experiment name the runtime uses: {@code graphids/{dataset or "unknown"}/{stage}}. */
    public static String experimentName(String dataset, String stage) {
        return "graphids/" + (dataset == null || dataset.isBlank() ? "unknown" : dataset) + "/" + stage;
    }

    /** {@code {runDir}/.graphids/mlflow_ingest.json}. */
    public static Path file(Path runDir) {
        return runDir.resolve(RELATIVE_PATH);
    }

    /** This payload with another status, failure and end time (the runtime's last write). */
    public OfflineRunPayload finish(RunStatus newStatus, String newFailure, long endMs) {
        return new OfflineRunPayload(schemaVersion, experimentName, runName, runDir, stage, dataset, artifactLocation,
                newStatus.name(), newFailure, startTimeMs, endMs, tags, params, metrics, metricHistory, result);
    }

    /** Writes the payload atomically into {@code {runDir}/.graphids/} and returns its path. */
    public Path write(Path runDirectory) {
        Path target = file(runDirectory);
        try {
            AtomicFiles.writeString(target, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw GraphidsException.environment("cannot write the offline tracking payload " + target + ": " + e, e);
        }
        return target;
    }

    /**
     * Reads the payload of a run directory.
     *
     * @throws GraphidsException (environment) when there is none; {@link BadInputException} when it is malformed
     */
    public static OfflineRunPayload read(Path runDirectory) {
        Path source = file(runDirectory);
        OfflineRunPayload p;
        try {
            p = JSON.readValue(Files.readString(source), OfflineRunPayload.class);
        } catch (NoSuchFileException e) {
            throw GraphidsException.environment("no offline tracking payload at " + source
                    + " (the run did not track offline, or it is not a run directory)");
        } catch (IOException e) {
            throw new BadInputException(source + ": not a valid offline tracking payload: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (p.schemaVersion() != SCHEMA_VERSION) {
            throw new BadInputException(source + ": schema_version " + p.schemaVersion() + " is not supported"
                    + " (expected " + SCHEMA_VERSION + ")");
        }
        for (String[] field : new String[][] {{"experiment_name", p.experimentName()}, {"run_name", p.runName()},
            {"status", p.status()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new BadInputException(source + ": field '" + field[0] + "' is missing");
            }
        }
        return p;
    }
}
