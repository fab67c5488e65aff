package dev.graphids.track;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One writer process of {@link TrackingConcurrencyTest}: opens (possibly creating) the database, creates a run in a
 * shared experiment, logs params and {@code steps} metric steps of two metrics, one transaction per step, and prints
 * its run id. Arguments: database path, writer index, steps.
 */
public final class ConcurrentWriterMain {
    private ConcurrentWriterMain() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int index = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        try (SqliteTrackingStore store = SqliteTrackingStore.open(db, db.resolveSibling("mlartifacts").toString())) {
            String exp = store.getOrCreateExperiment("graphids/concurrent/fit", null);
            String run = store.createRun(exp, "writer-" + index, Map.of("graphids.seed", Integer.toString(index)),
                    System.currentTimeMillis());
            store.logParams(run, Map.of("index", Integer.toString(index), "lr", "0.001", "batch", "64",
                    "model/type", "gat", "steps", Integer.toString(steps)));
            for (int s = 0; s < steps; s++) {
                long now = System.currentTimeMillis();
                store.logMetrics(run, List.of(new Metric("train_loss", 1.0 / (s + 1) + index, now, s),
                        new Metric("val_acc", s == steps / 2 ? Double.NaN : s / (double) steps, now, s)));
            }
            store.terminate(run, RunStatus.FINISHED, System.currentTimeMillis());
            System.out.println("RUN " + run + " EXPERIMENT " + exp);
        }
    }
}
