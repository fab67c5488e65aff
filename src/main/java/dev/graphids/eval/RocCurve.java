package dev.graphids.eval;

/**
 * ROC curve points in order of decreasing threshold, as scikit-learn's {@code roc_curve(drop_intermediate=False)}:
 * the first point is (0, 0) at threshold +∞, then one point per distinct score. Rates are NaN when their class is
 * absent.
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
}
