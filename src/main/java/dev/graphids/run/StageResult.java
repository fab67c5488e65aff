package dev.graphids.run;

import java.util.Map;

/**
 * What a stage returns: details for the {@code run_finished} event and final metrics for the tracker.
 */
public record StageResult(Map<String, Object> details, Map<String, Double> metrics) {
}
