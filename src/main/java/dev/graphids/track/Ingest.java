package dev.graphids.track;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.graphids.error.GraphidsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads offline payloads ({@link OfflineRunPayload}) into a tracking store, one run each (runtime.md §11.3): the
 * single writer after the fact that lakes on network filesystems need.
 */
public final class Ingest {
    private Ingest() {
    }

    /** What happened to one run directory. */
    public enum Outcome {
        INGESTED, SKIPPED, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The result of ingesting one run directory.
     *
     * @param runId the tracking run id (the existing one when skipped), or null when it failed before one existed
     */
    public record Result(@JsonProperty("run_dir") String runDir, @JsonProperty("run_id") String runId,
            @JsonProperty("status") Outcome status, @JsonProperty("message") String message) {
    }

    /**
     * Ingests one run directory.
     *
     * @param skipExisting when true, a run already in the store (same {@value TrackingStore#RUN_DIR_TAG} tag) is
     *     skipped; when false it is replaced: the earlier runs are marked deleted and a new run is created
     * @throws GraphidsException when there is no payload, it is malformed, or the run is not terminal yet
     */
    public static Result ingestRun(Path runDir, TrackingStore store, boolean skipExisting) {
        OfflineRunPayload p = OfflineRunPayload.read(runDir);
        RunStatus status = terminalStatus(p, runDir);
        String dirTag = p.runDir() != null && !p.runDir().isBlank() ? p.runDir()
                : runDir.toAbsolutePath().normalize().toString();
        String experimentId = store.getOrCreateExperiment(p.experimentName(), p.artifactLocation());
        List<TrackedRun> existing = store.searchRuns(p.experimentName(), Map.of(TrackingStore.RUN_DIR_TAG, dirTag),
                null);
        long now = System.currentTimeMillis();
        if (!existing.isEmpty()) {
            if (skipExisting) {
                return new Result(dirTag, existing.get(0).runId(), Outcome.SKIPPED,
                        "already in the tracking store as run " + existing.get(0).runId());
            }
            for (TrackedRun old : existing) {
                store.deleteRun(old.runId(), now);
            }
        }
        String runId = store.createRun(experimentId, p.runName(), tagsOf(p, dirTag),
                p.startTimeMs() != null ? p.startTimeMs() : now);
        try {
            store.logParams(runId, p.params());
            store.logMetrics(runId, metricsOf(p, p.endTimeMs() != null ? p.endTimeMs() : now));
            if (p.failure() != null && !p.failure().isBlank()) {
                store.setTag(runId, "graphids.failure", p.failure());
            }
            store.terminate(runId, status, p.endTimeMs() != null ? p.endTimeMs() : now);
        } catch (RuntimeException e) {
            // Leave no half-ingested run behind that a later ingest would then skip.
            store.deleteRun(runId, System.currentTimeMillis());
            throw e;
        }
        String replaced = existing.isEmpty() ? "" : " (replacing " + existing.size() + " earlier run"
                + (existing.size() == 1 ? "" : "s") + ")";
        return new Result(dirTag, runId, Outcome.INGESTED, "ingested as run " + runId + " into experiment '"
                + p.experimentName() + "' with status " + status + replaced);
    }

    /** Ingests several run directories; a failure of one becomes a {@link Outcome#FAILED} result, not an abort. */
    public static List<Result> ingestAll(List<Path> runDirs, TrackingStore store, boolean skipExisting) {
        List<Result> out = new ArrayList<>();
        for (Path dir : runDirs) {
            try {
                out.add(ingestRun(dir, store, skipExisting));
            } catch (GraphidsException e) {
                out.add(new Result(dir.toAbsolutePath().normalize().toString(), null, Outcome.FAILED,
                        e.getMessage()));
            }
        }
        return out;
    }

    private static RunStatus terminalStatus(OfflineRunPayload p, Path runDir) {
        RunStatus status;
        try {
            status = RunStatus.parse(p.status());
        } catch (GraphidsException e) {
            return RunStatus.FINISHED; // as the original: an unknown status counts as finished
        }
        if (!status.isTerminal()) {
            throw GraphidsException.usage("run " + runDir + " is not terminal yet (status " + status + " in "
                    + OfflineRunPayload.file(runDir) + "); ingest it after it has finished");
        }
        return status;
    }

    private static Map<String, String> tagsOf(OfflineRunPayload p, String dirTag) {
        Map<String, String> tags = new LinkedHashMap<>(p.tags());
        if (p.stage() != null) {
            tags.putIfAbsent("graphids.phase", p.stage());
            tags.putIfAbsent("graphids.group", p.stage());
            tags.putIfAbsent("graphids.stage", p.stage());
        }
        if (p.dataset() != null) {
            tags.putIfAbsent("graphids.dataset", p.dataset());
        }
        tags.putIfAbsent("graphids.variant", p.runName());
        tags.put("graphids.tracking_mode", "offline");
        tags.put(TrackingStore.RUN_DIR_TAG, dirTag);
        return tags;
    }

    /** The history as logged; final values of metrics without a history at step 0, stamped with the end time. */
    private static List<Metric> metricsOf(OfflineRunPayload p, long endMs) {
        List<Metric> out = new ArrayList<>();
        for (Map.Entry<String, List<OfflineRunPayload.Point>> h : p.metricHistory().entrySet()) {
            for (OfflineRunPayload.Point point : h.getValue()) {
                out.add(new Metric(h.getKey(), point.value(), point.timestampMs(), point.step()));
            }
        }
        for (Map.Entry<String, Double> m : p.metrics().entrySet()) {
            List<OfflineRunPayload.Point> history = p.metricHistory().get(m.getKey());
            if (history == null || history.isEmpty()) {
                out.add(new Metric(m.getKey(), m.getValue() == null ? Double.NaN : m.getValue(), endMs, 0));
            }
        }
        return out;
    }
}
