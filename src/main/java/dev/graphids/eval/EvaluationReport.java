package dev.graphids.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test-stage result of a threshold model: thresholds chosen on validation, the validation evaluation, one
 * evaluation per test folder (in the cache's folder order) and the pooled one (all test folders concatenated).
 */
public record EvaluationReport(Evaluator evaluator, Evaluation validation, Map<String, Evaluation> tests,
                               Evaluation pooled) {
    /** Name of the pooled evaluation's split. */
    public static final String POOLED = "pooled";

    public EvaluationReport {
        tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    }

    /**
     * Chooses the thresholds on the validation scores and evaluates validation, every test folder and the pooled
     * test folders with them.
     */
    public static EvaluationReport of(LabelledScores validation, Map<String, LabelledScores> tests) {
        Evaluator evaluator = Evaluator.chooseOnValidation(validation);
        Map<String, Evaluation> out = new LinkedHashMap<>();
        List<LabelledScores> all = new ArrayList<>();
        tests.forEach((folder, s) -> {
            out.put(folder, evaluator.evaluate(folder, s));
            all.add(s);
        });
        return new EvaluationReport(evaluator, evaluator.evaluate("val", validation), out,
                evaluator.evaluate(POOLED, LabelledScores.concat(all)));
    }

    /** The decision threshold chosen on validation. */
    public double threshold() {
        return evaluator.threshold();
    }

    /**
     * Every metric under its tracking name: {@code val_{metric}}, {@code test/{folder}/{metric}} and pooled
     * {@code test/{metric}} (see {@link MetricNames}). NaN values are kept.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        validation.metrics().forEach((k, v) -> out.put(MetricNames.val(k), v));
        tests.forEach((folder, e) -> e.metrics().forEach((k, v) -> out.put(MetricNames.test(folder, k), v)));
        pooled.metrics().forEach((k, v) -> out.put(MetricNames.pooled(k), v));
        return out;
    }
}
