package dev.graphids.eval;

import dev.graphids.graph.AttackTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Turns the scores of a split into an {@link Evaluation}. The decision threshold and the operating-point thresholds
 * are fixed when the evaluator is made, from validation scores ({@link #chooseOnValidation}), so test data can never
 * influence them (models.md Decision 2).
 *
 * <p>What an evaluation holds, in order: {@code n_samples}, {@code n_attack}; {@code auroc}, {@code ap} (NaN for a
 * split lacking a class; AP is 1 for an all-attack split); {@code threshold}, {@code tp}, {@code fp}, {@code tn},
 * {@code fn} and every {@link ThresholdMetric} at the threshold (NaN when the threshold is NaN); the curve summaries
 * of spec §8.6 ({@code precision_at_0.95recall}, {@code threshold_at_0.95recall}, {@code recall_at_0.99precision},
 * {@code threshold_at_0.99precision}, computed on the split's own curve, NaN where no point qualifies or a class is
 * missing); for each operating point {@code op/fpr_{budget}/{threshold,fpr,recall,precision,f1}}; and
 * {@code auroc_per_attack/{name}} for each attack type present (its attack samples against every benign sample of the
 * split) with {@code auroc_per_attack_macro}, their mean (NaN when none is defined); where the samples' capture
 * files are known, {@code auroc_per_source_macro}, the mean AUROC within each file that holds both classes (NaN when
 * none does): how well the scores rank a capture's own windows whatever level each capture's scores sit at, which
 * the pooled AUROC mixes with how the captures' levels line up. An empty split gives
 * {@code n_samples} 0 and NaN for every rate.
 */
public final class Evaluator {
    private final double threshold;
    private final OperatingPoints operatingPoints;

    /**
     * @param threshold       the decision threshold; NaN means "none chosen" and makes every threshold metric NaN
     * @param operatingPoints thresholds for the FPR budgets, chosen on validation
     */
    public Evaluator(double threshold, OperatingPoints operatingPoints) {
        this.threshold = threshold;
        this.operatingPoints = operatingPoints;
    }

    /**
     * The evaluator of a threshold model: the decision threshold with the best F1 on validation, and thresholds for
     * the default FPR budgets ({@link OperatingPoints#DEFAULT_FPRS}) on validation.
     */
    public static Evaluator chooseOnValidation(LabelledScores validation) {
        return new Evaluator(Thresholds.bestF1(validation),
                OperatingPoints.chooseOnValidation(validation, OperatingPoints.DEFAULT_FPRS));
    }

    public double threshold() {
        return threshold;
    }

    public OperatingPoints operatingPoints() {
        return operatingPoints;
    }

    /** The metrics of one split. */
    public Evaluation evaluate(String split, LabelledScores s) {
        ScoreSweep sweep = ScoreSweep.of(s);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.N_SAMPLES, (double) s.size());
        m.put(MetricNames.N_ATTACK, (double) sweep.positives());
        m.put(MetricNames.AUROC, sweep.auroc());
        m.put(MetricNames.AP, sweep.averagePrecision());
        m.put(MetricNames.THRESHOLD, threshold);
        ConfusionMatrix counts = Double.isNaN(threshold) ? null : sweep.at(threshold);
        m.put(MetricNames.TP, counts == null ? Double.NaN : counts.tp());
        m.put(MetricNames.FP, counts == null ? Double.NaN : counts.fp());
        m.put(MetricNames.TN, counts == null ? Double.NaN : counts.tn());
        m.put(MetricNames.FN, counts == null ? Double.NaN : counts.fn());
        for (ThresholdMetric metric : ThresholdMetric.values()) {
            m.put(metric.key(), counts == null ? Double.NaN : metric.compute(counts));
        }
        curveSummaries(sweep, m);
        for (OperatingPoints.Point p : operatingPoints.points()) {
            ConfusionMatrix c = Double.isNaN(p.threshold()) ? null : sweep.at(p.threshold());
            m.put(MetricNames.operatingPoint(p.targetFpr(), MetricNames.THRESHOLD), p.threshold());
            m.put(MetricNames.operatingPoint(p.targetFpr(), "fpr"), c == null ? Double.NaN : c.fpr());
            m.put(MetricNames.operatingPoint(p.targetFpr(), "recall"), c == null ? Double.NaN : c.recall());
            m.put(MetricNames.operatingPoint(p.targetFpr(), "precision"), c == null ? Double.NaN : c.precision());
            m.put(MetricNames.operatingPoint(p.targetFpr(), "f1"), c == null ? Double.NaN : c.f1());
        }
        perAttack(s, m);
        if (s.sources() != null) {
            m.put(MetricNames.AUROC_PER_SOURCE_MACRO, perSourceMacro(s));
        }
        return new Evaluation(split, threshold, counts, m);
    }

    /** Precision at recall ≥ 0.95 and recall at precision ≥ 0.99 on the split's own PR curve (spec §8.6). */
    private static void curveSummaries(ScoreSweep sweep, Map<String, Double> m) {
        double bestPrecision = Double.NaN;
        double precisionThreshold = Double.NaN;
        double bestRecall = Double.NaN;
        double recallThreshold = Double.NaN;
        if (sweep.positives() > 0 && sweep.negatives() > 0) {
            PrCurve pr = sweep.pr();
            for (int k = 1; k < pr.thresholds().length; k++) { // point 0 (threshold +∞) flags nothing
                if (pr.recall()[k] >= 0.95 && !(pr.precision()[k] <= bestPrecision)) {
                    bestPrecision = pr.precision()[k];
                    precisionThreshold = pr.thresholds()[k];
                }
                if (pr.precision()[k] >= 0.99 && !(pr.recall()[k] <= bestRecall)) {
                    bestRecall = pr.recall()[k];
                    recallThreshold = pr.thresholds()[k];
                }
            }
        }
        m.put(MetricNames.PRECISION_AT_95_RECALL, bestPrecision);
        m.put(MetricNames.THRESHOLD_AT_95_RECALL, precisionThreshold);
        m.put(MetricNames.RECALL_AT_99_PRECISION, bestRecall);
        m.put(MetricNames.THRESHOLD_AT_99_PRECISION, recallThreshold);
    }

    /** AUROC of each attack type present: its attack samples against every benign sample of the split. */
    private static void perAttack(LabelledScores s, Map<String, Double> m) {
        TreeSet<Integer> types = new TreeSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.labels()[i] == 1) {
                types.add(s.attackTypes()[i]);
            }
        }
        List<Double> aurocs = new ArrayList<>();
        for (int type : types) {
            double auroc = aurocWhere(s, i -> s.labels()[i] == 0 || s.attackTypes()[i] == type);
            m.put(MetricNames.aurocPerAttack(attackName(type)), auroc);
            aurocs.add(auroc);
        }
        m.put(MetricNames.AUROC_PER_ATTACK_MACRO, meanOfDefined(aurocs));
    }

    private static double perSourceMacro(LabelledScores s) {
        TreeSet<Integer> sources = new TreeSet<>();
        for (int source : s.sources()) {
            sources.add(source);
        }
        List<Double> aurocs = new ArrayList<>();
        for (int source : sources) {
            aurocs.add(aurocWhere(s, i -> s.sources()[i] == source));
        }
        return meanOfDefined(aurocs);
    }

    /** AUROC of the samples {@code keep} selects (NaN when they lack a class). */
    private static double aurocWhere(LabelledScores s, IntPredicate keep) {
        int[] rows = IntStream.range(0, s.size()).filter(keep).toArray();
        int[] y = new int[rows.length];
        double[] sc = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            y[k] = s.labels()[rows[k]];
            sc[k] = s.scores()[rows[k]];
        }
        return ScoreSweep.of(y, sc).auroc();
    }

    /** Mean of the values that are not NaN; NaN when none is. */
    private static double meanOfDefined(List<Double> values) {
        return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    static String attackName(int code) {
        return code <= 0 || code > AttackTypes.maxCode() ? MetricNames.UNKNOWN_ATTACK : AttackTypes.nameOf(code);
    }
}
