package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final double EPS = 1e-12;

    // benign 0.1 0.2 0.3 0.6; dos (1) 0.9 0.8; fuzzing (2) 0.5 0.25
    private static final LabelledScores SPLIT = new LabelledScores(new int[] {0, 0, 0, 0, 1, 1, 1, 1},
            new int[] {0, 0, 0, 0, 1, 1, 2, 2}, new double[] {0.1, 0.2, 0.3, 0.6, 0.9, 0.8, 0.5, 0.25});

    @Test
    void evaluationHoldsRankingThresholdAndPerAttackMetrics() {
        Evaluation e = new Evaluator(0.5, OperatingPoints.none()).evaluate("t01", SPLIT);
        assertThat(e.samples()).isEqualTo(8);
        assertThat(e.get(MetricNames.N_ATTACK)).isEqualTo(4);
        // positives beat 4, 4, 3 and 2 of 4 negatives -> 13/16
        assertThat(e.auroc()).isCloseTo(13.0 / 16, within(EPS));
        assertThat(e.counts()).isEqualTo(new ConfusionMatrix(3, 1, 3, 1));
        assertThat(e.get(ThresholdMetric.F1)).isCloseTo(0.75, within(EPS));
        assertThat(e.get(ThresholdMetric.F1_MACRO)).isCloseTo(0.75, within(EPS));
        assertThat(e.get(ThresholdMetric.FPR)).isCloseTo(0.25, within(EPS));
        assertThat(e.get(ThresholdMetric.FNR)).isCloseTo(0.25, within(EPS));
        assertThat(e.get(ThresholdMetric.MCC)).isCloseTo(0.5, within(EPS));
        assertThat(e.get(MetricNames.aurocPerAttack("dos"))).isEqualTo(1.0);
        assertThat(e.get(MetricNames.aurocPerAttack("fuzzing"))).isCloseTo(5.0 / 8, within(EPS));
        assertThat(e.get(MetricNames.AUROC_PER_ATTACK_MACRO)).isCloseTo((1 + 5.0 / 8) / 2, within(EPS));
        // PR points: 0.9 (R .25, P 1), 0.8 (.5, 1), 0.6 (.5, 2/3), 0.5 (.75, .75), 0.3 (.75, .6), 0.25 (1, 2/3)
        assertThat(e.get(MetricNames.PRECISION_AT_95_RECALL)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(e.get(MetricNames.THRESHOLD_AT_95_RECALL)).isEqualTo(0.25);
        assertThat(e.get(MetricNames.RECALL_AT_99_PRECISION)).isEqualTo(0.5);
        assertThat(e.get(MetricNames.THRESHOLD_AT_99_PRECISION)).isEqualTo(0.8);
        assertThat(e.metrics()).doesNotContainValue(null);
        assertThatThrownBy(() -> e.metrics().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.get("nope")).hasMessageContaining("no metric 'nope' in the evaluation of t01");
    }

    @Test
    void perSourceAurocAveragesTheRankingWithinEachCaptureThatHoldsBothClasses() {
        // capture 0: benign 0.1 0.2, attack 0.3 -> 1; capture 1: benign 0.5 0.6, attack 0.4 0.7 -> 2/4;
        // capture 2 has benign windows only and is left out of the mean
        LabelledScores one = new LabelledScores(new int[] {0, 0, 1}, new int[] {0, 0, 1},
                new double[] {0.1, 0.2, 0.3}, new int[] {0, 0, 0});
        LabelledScores other = new LabelledScores(new int[] {0, 0, 1, 1, 0}, new int[] {0, 0, 1, 1, 0},
                new double[] {0.5, 0.6, 0.4, 0.7, 0.9}, new int[] {0, 0, 0, 0, 1});
        Evaluator evaluator = new Evaluator(0.5, OperatingPoints.none());
        assertThat(evaluator.evaluate("a", one).get(MetricNames.AUROC_PER_SOURCE_MACRO)).isEqualTo(1.0);
        assertThat(evaluator.evaluate("b", other).get(MetricNames.AUROC_PER_SOURCE_MACRO)).isEqualTo(0.5);
        // Pooled, each part's capture 0 stays its own capture: (1 + 0.5) / 2, not the 8/12 of one merged capture.
        LabelledScores pooled = LabelledScores.concat(List.of(one, other));
        assertThat(pooled.sources()).containsExactly(0, 0, 0, 1, 1, 1, 1, 2);
        assertThat(evaluator.evaluate("pooled", pooled).get(MetricNames.AUROC_PER_SOURCE_MACRO)).isEqualTo(0.75);
        // Without the samples' files there is no such metric, and a pool with one such part has none either.
        assertThat(evaluator.evaluate("t01", SPLIT).metrics()).doesNotContainKey(MetricNames.AUROC_PER_SOURCE_MACRO);
        assertThat(LabelledScores.concat(List.of(one, SPLIT)).sources()).isNull();
    }

    @Test
    void thresholdsComeFromValidationAndOperatingPointsAreReportedOnTheTestSplit() {
        LabelledScores val = LabelledScores.of(new int[] {0, 0, 0, 0, 1, 1}, new double[] {0.1, 0.2, 0.3, 0.4, 0.35,
                0.9});
        Evaluator evaluator = Evaluator.chooseOnValidation(val);
        assertThat(evaluator.threshold()).isEqualTo(0.35); // F1 0.8 (tp 2, fp 1) beats 2/3 at 0.9
        assertThat(evaluator.operatingPoints().points()).extracting(OperatingPoints.Point::threshold)
                .containsExactly(0.9, 0.9, 0.9); // the next score, 0.4, is benign: FPR 1/4 exceeds every budget
        Evaluation e = evaluator.evaluate("t01", SPLIT);
        assertThat(e.threshold()).isEqualTo(0.35);
        assertThat(e.get(MetricNames.operatingPoint(0.001, "threshold"))).isEqualTo(0.9);
        assertThat(e.get(MetricNames.operatingPoint(0.05, "recall"))).isEqualTo(0.25);
        assertThat(e.get(MetricNames.operatingPoint(0.01, "fpr"))).isZero();
        assertThat(e.get(MetricNames.operatingPoint(0.01, "precision"))).isEqualTo(1.0);
    }

    @Test
    void singleClassSplitReportsNaNAurocButDefinedRates() {
        LabelledScores benign = LabelledScores.of(new int[] {0, 0, 0}, new double[] {0.1, 0.6, 0.2});
        Evaluation e = new Evaluator(0.5, OperatingPoints.chooseOnValidation(SPLIT, 0.01)).evaluate("t05", benign);
        assertThat(e.auroc()).isNaN();
        assertThat(e.get(MetricNames.AP)).isNaN();
        assertThat(e.get(MetricNames.AUROC_PER_ATTACK_MACRO)).isNaN();
        assertThat(e.get(ThresholdMetric.FPR)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(e.get(ThresholdMetric.FNR)).isNaN();
        assertThat(e.get(MetricNames.PRECISION_AT_95_RECALL)).isNaN();
        assertThat(e.metrics().keySet()).noneMatch(k -> k.startsWith("auroc_per_attack/"));
    }

    @Test
    void emptySplitAndMissingThresholdAreExplicit() {
        Evaluation empty = Evaluator.chooseOnValidation(SPLIT).evaluate("empty", LabelledScores.of(new int[0],
                new double[0]));
        assertThat(empty.samples()).isZero();
        assertThat(empty.auroc()).isNaN();
        assertThat(empty.get(ThresholdMetric.ACCURACY)).isNaN();
        Evaluation noThreshold = new Evaluator(Double.NaN, OperatingPoints.none()).evaluate("t01", SPLIT);
        assertThat(noThreshold.counts()).isNull();
        assertThat(noThreshold.get(ThresholdMetric.F1)).isNaN();
        assertThat(noThreshold.get(MetricNames.TP)).isNaN();
        assertThat(noThreshold.auroc()).isCloseTo(13.0 / 16, within(EPS));
    }

    @Test
    void reportNamesMetricsAsTheTrackingStoreGetsThem() {
        Map<String, LabelledScores> tests = new LinkedHashMap<>();
        tests.put("test_01", SPLIT);
        tests.put("test_05", LabelledScores.of(new int[] {0, 0}, new double[] {0.1, 0.2}));
        EvaluationReport r = EvaluationReport.of(SPLIT, tests);
        Map<String, Double> m = r.metrics();
        assertThat(m).containsKeys("val_auroc", "val_threshold", "test/test_01/auroc", "test/test_01/f1_macro",
                "test/test_01/fpr", "test/test_01/fnr", "test/test_01/mcc", "test/test_01/ap",
                "test/test_01/auroc_per_attack/dos", "test/test_01/op/fpr_0.001/recall", "test/auroc",
                "test/f1_per_class/benign", "test/test_05/auroc");
        assertThat(m.get("test/test_05/auroc")).isNaN();
        assertThat(m.get("test/n_samples")).isEqualTo(10);
        assertThat(r.pooled().auroc()).isCloseTo(ScoreSweep.of(LabelledScores.concat(List.copyOf(tests.values())))
                .auroc(), within(EPS));
        assertThat(MetricNames.test("test_01", MetricNames.AUROC)).isEqualTo("test/test_01/auroc");
        assertThat(MetricNames.pooled(MetricNames.AUROC)).isEqualTo("test/auroc");
        assertThat(MetricNames.operatingPoint(5e-2, "f1")).isEqualTo("op/fpr_0.05/f1");
        assertThat(MetricNames.VAL_LOSS).isEqualTo("val_loss");
    }
}
