package dev.graphids.run;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.track.Metric;
import dev.graphids.track.OfflineRunPayload;
import dev.graphids.track.RunStatus;
import dev.graphids.track.SqliteTrackingStore;
import dev.graphids.track.TrackingStore;
import dev.graphids.track.TrackingStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run trackers, chosen by {@code GRAPHIDS_MLFLOW_MODE}: {@code online} (default) writes rows into the
 * MLflow-compatible SQLite store ({@code MLFLOW_TRACKING_URI} or {@code {lake}/mlflow.db}); {@code offline} writes
 * {@code .graphids/mlflow_ingest.json} in the run directory for {@code graphids exp ingest} (lakes on network
 * filesystems, where SQLite's WAL cannot be shared between hosts); {@code off} tracks nothing. Trackers are
 * synchronized: the system-metrics sampler logs from its own thread.
 */
public final class RunTrackers {
    public static final String MODE_VARIABLE = "GRAPHIDS_MLFLOW_MODE";

    private RunTrackers() {
    }

    public static RunTracker fromEnvironment(Lake lake, Map<String, String> env, RunPaths paths) {
        String mode = env.getOrDefault(MODE_VARIABLE, "online").trim().toLowerCase();
        return switch (mode) {
            case "online", "" -> new StoreTracker(TrackingStores.open(lake, env));
            case "offline" -> new OfflineTracker(paths);
            case "off", "none", "disabled" -> RunTracker.NONE;
            default -> throw GraphidsException.usage(MODE_VARIABLE + ": expected online, offline or off, found '"
                    + mode + "'");
        };
    }

    /** Rows in the tracking store as the run goes. */
    static final class StoreTracker implements RunTracker {
        private final TrackingStore store;
        private String runId;

        StoreTracker(SqliteTrackingStore store) {
            this.store = store;
        }

        @Override
        public synchronized String start(String experimentName, String runName, Map<String, String> tags,
                            Map<String, String> params) {
            String experimentId = store.getOrCreateExperiment(experimentName, null);
            runId = store.createRun(experimentId, runName, tags, System.currentTimeMillis());
            store.logParams(runId, params);
            return runId;
        }

        @Override
        public synchronized void metrics(Map<String, Double> values, long step) {
            if (runId != null && !values.isEmpty()) {
                long now = System.currentTimeMillis();
                List<Metric> metrics = new ArrayList<>();
                values.forEach((k, v) -> metrics.add(new Metric(k, v, now, step)));
                store.logMetrics(runId, metrics);
            }
        }

        @Override
        public synchronized void tags(Map<String, String> tags) {
            if (runId != null && !tags.isEmpty()) {
                store.setTags(runId, tags);
            }
        }

        @Override
        public synchronized void finish(boolean success, String failure) {
            if (runId != null) {
                if (!success && failure != null) {
                    store.setTags(runId, Map.of("graphids.failure", failure));
                }
                store.terminate(runId, success ? RunStatus.FINISHED : RunStatus.FAILED, System.currentTimeMillis());
            }
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** The offline payload, rewritten atomically on every change so a crash leaves the last complete state. */
    static final class OfflineTracker implements RunTracker {
        private final RunPaths paths;
        private OfflineRunPayload payload;
        private final Map<String, Double> finals = new LinkedHashMap<>();
        private final Map<String, String> tagValues = new LinkedHashMap<>();
        private final Map<String, List<OfflineRunPayload.Point>> history = new LinkedHashMap<>();

        OfflineTracker(RunPaths paths) {
            this.paths = paths;
        }

        @Override
        public synchronized String start(String experimentName, String runName, Map<String, String> tags,
                            Map<String, String> params) {
            tagValues.putAll(tags);
            tagValues.put("graphids.tracking_mode", "offline");
            payload = new OfflineRunPayload(OfflineRunPayload.SCHEMA_VERSION, experimentName, runName,
                    paths.runDir().toString(), tags.get("graphids.stage"), tags.get("graphids.dataset"), null,
                    RunStatus.RUNNING.name(), null, System.currentTimeMillis(), null, tagValues, params, finals, history,
                    null);
            payload.write(paths.runDir());
            return null;
        }

        @Override
        public synchronized void metrics(Map<String, Double> values, long step) {
            long now = System.currentTimeMillis();
            values.forEach((k, v) -> {
                finals.put(k, v);
                history.computeIfAbsent(k, key -> new ArrayList<>()).add(new OfflineRunPayload.Point(step, now, v));
            });
            if (payload != null) {
                payload.write(paths.runDir());
            }
        }

        @Override
        public synchronized void tags(Map<String, String> tags) {
            tagValues.putAll(tags);
            if (payload != null) {
                payload.write(paths.runDir());
            }
        }

        @Override
        public synchronized void finish(boolean success, String failure) {
            if (payload != null) {
                payload.finish(success ? RunStatus.FINISHED : RunStatus.FAILED, failure, System.currentTimeMillis())
                        .write(paths.runDir());
            }
        }

        @Override
        public void close() {
        }
    }
}
