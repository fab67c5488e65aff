package dev.graphids.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one split, immutable: metric key → value (keys from {@link MetricNames} and
 * {@link ThresholdMetric}, in a fixed order), the threshold the decisions used and their counts. Undefined metrics
 * are NaN and kept (a single-class split has AUROC NaN, reported as such); {@code counts} is null when the threshold
 * is NaN.
 *
 * @param split     the split's name (train, val or a test folder; "pooled" for the test folders together)
 * @param threshold the decision threshold ({@code score >= threshold} → attack), chosen on validation
 * @param counts    confusion counts at the threshold, null when the threshold is NaN
 * @param metrics   metric key → value
 */
public record Evaluation(String split, double threshold, ConfusionMatrix counts, Map<String, Double> metrics) {
    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a metric; unknown keys are an error (a NaN value is a metric that exists but is undefined). */
    public double get(String key) {
        Double v = metrics.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + key + "' in the evaluation of " + split + " (has "
                    + metrics.keySet() + ")");
        }
        return v;
    }

    public double auroc() {
        return get(MetricNames.AUROC);
    }

    public double get(ThresholdMetric m) {
        return get(m.key());
    }

    /** Number of samples in the split. */
    public long samples() {
        return (long) get(MetricNames.N_SAMPLES);
    }

    /** The metrics under tracking names: {@code prefix + key} for every key, in order. */
    public Map<String, Double> withPrefix(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }
}
