/**
 * Evaluation of detectors from plain Java score arrays (spec {@code models.md} §8.6, §8.7, §11; style guide §6):
 * ranking metrics ({@link dev.graphids.eval.ScoreSweep}: exact AUROC with ties, scikit-learn's average precision, ROC
 * and PR curves), threshold metrics ({@link dev.graphids.eval.ConfusionMatrix}), calibration of probabilities
 * ({@link dev.graphids.eval.Calibration}), threshold selection on validation
 * only ({@link dev.graphids.eval.Thresholds}, {@link dev.graphids.eval.OperatingPoints}), the immutable
 * {@link dev.graphids.eval.Evaluation} an {@link dev.graphids.eval.Evaluator} produces, the metric names the tracking
 * store receives ({@link dev.graphids.eval.MetricNames}), reading the graphs of one split from a graph cache
 * ({@link dev.graphids.eval.SplitReader}) and the prediction files ({@link dev.graphids.eval.PredictionWriter}).
 *
 * <p>Conventions: label 1 = attack (positive), 0 = benign; a higher score means "more likely an attack"; the decision
 * at threshold {@code t} is {@code score >= t}. This package depends only on the JDK, Jackson and GraphIDS's
 * {@code cache}, {@code graph}, {@code error} and {@code io} packages: never DJL, so every metric is computed without
 * the tensor engine.
 */
package dev.graphids.eval;
