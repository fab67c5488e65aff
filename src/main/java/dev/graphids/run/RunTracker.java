package dev.graphids.run;

import java.util.Map;

/**
 * Where a run's params, tags and metrics are tracked (the MLflow-compatible store, or an offline payload). The
 * launcher talks to this, never to SQL.
 */
public interface RunTracker extends AutoCloseable {

    /**
     * Creates the tracked run.
     *
     * @return its id (MLflow's 32-hex run id), stored in the manifest
     */
    String start(String experimentName, String runName, Map<String, String> tags, Map<String, String> params);

    /** Logs metric values at a step (NaN and infinities are stored as MLflow stores them). */
    void metrics(Map<String, Double> values, long step);

    /** Sets tags on the tracked run (checkpoint digest, epochs run, ...). */
    default void tags(Map<String, String> tags) {
    }

    /** Ends the run: FINISHED on success, FAILED otherwise. */
    void finish(boolean success, String failure);

    @Override
    void close();

    /** Tracks nothing (tests of the journal alone). */
    RunTracker NONE = new RunTracker() {
        @Override
        public String start(String experimentName, String runName, Map<String, String> tags,
                            Map<String, String> params) {
            return null;
        }

        @Override
        public void metrics(Map<String, Double> values, long step) {
        }

        @Override
        public void finish(boolean success, String failure) {
        }

        @Override
        public void close() {
        }
    };
}
