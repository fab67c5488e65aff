package dev.graphids.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds chosen on validation for fixed false-positive-rate budgets ({@link Thresholds#atFpr}); an
 * {@link Evaluator} reports the metrics each of them gives on another split (recall, precision, F1 and the FPR
 * actually reached there).
 */
public record OperatingPoints(List<Point> points) {
    /** The default budgets: FPR 10⁻³, 10⁻² and 5·10⁻². */
    public static final double[] DEFAULT_FPRS = {1e-3, 1e-2, 5e-2};

    /** One budget and the validation threshold that meets it (NaN when validation has no benign samples). */
    public record Point(double targetFpr, double threshold) {
    }

    public OperatingPoints {
        points = List.copyOf(points);
    }

    /** Thresholds for the given budgets, chosen on the validation split. */
    public static OperatingPoints chooseOnValidation(LabelledScores validation, double... targetFprs) {
        List<Point> out = new ArrayList<>();
        for (double fpr : targetFprs) {
            out.add(new Point(fpr, Thresholds.atFpr(validation, fpr)));
        }
        return new OperatingPoints(out);
    }

    /** No operating points. */
    public static OperatingPoints none() {
        return new OperatingPoints(List.of());
    }
}
