package dev.graphids.track;

import java.util.Objects;

/**
 * One metric value as MLflow stores it.
 *
 * @param key the metric name (at most 250 characters), for example {@code val_loss} or {@code test/test/mcc}
 * @param value any double; NaN and infinities are allowed and stored as MLflow stores them
 * @param timestampMs wall-clock time in milliseconds since the epoch
 * @param step the training step (global step), 0 when there is none
 */
public record Metric(String key, double value, long timestampMs, long step) {
    public Metric {
        Objects.requireNonNull(key, "key");
    }

    /** A metric stamped with the current time. */
    public static Metric now(String key, double value, long step) {
        return new Metric(key, value, System.currentTimeMillis(), step);
    }
}
