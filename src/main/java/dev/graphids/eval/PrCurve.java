package dev.graphids.eval;

/**
 * Precision–recall curve points in order of decreasing threshold: the first point is (recall 0, precision 1) at
 * threshold +∞, then one point per distinct score. This is scikit-learn's {@code precision_recall_curve} reversed
 * (scikit-learn lists increasing thresholds and appends the (0, 1) point last). Recall is NaN when there are no
 * positives.
 */
public record PrCurve(double[] recall, double[] precision, double[] thresholds) {
}
