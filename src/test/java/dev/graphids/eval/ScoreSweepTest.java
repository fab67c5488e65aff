package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreSweepTest {
    private static final double EPS = 1e-12;

    /** scikit-learn's documentation example for roc_auc_score / average_precision_score / the curves. */
    @Test
    void matchesScikitLearnDocumentationExample() {
        ScoreSweep s = ScoreSweep.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(s.auroc()).isCloseTo(0.75, within(EPS));
        assertThat(s.averagePrecision()).isCloseTo(5.0 / 6, within(EPS)); // sklearn: 0.8333...
        RocCurve roc = s.roc();
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(roc.fpr()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.tpr()).containsExactly(0, 0.5, 0.5, 1, 1);
        PrCurve pr = s.pr(); // sklearn reversed: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0]
        assertThat(pr.recall()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(pr.precision()).containsExactly(new double[] {1, 1, 0.5, 2.0 / 3, 0.5}, within(EPS));
    }

    @Test
    void handComputedCaseWithoutTies() {
        // positives at 0.9, 0.7, 0.55: precision 1, 2/3, 3/5 at recall 1/3, 2/3, 1 -> AP 34/45;
        // the positives beat 4, 3 and 2 of the 4 negatives -> AUROC 9/12
        ScoreSweep s = ScoreSweep.of(new int[] {1, 0, 1, 0, 1, 0, 0},
                new double[] {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.1});
        assertThat(s.auroc()).isCloseTo(0.75, within(EPS));
        assertThat(s.averagePrecision()).isCloseTo(34.0 / 45, within(EPS));
    }

    @Test
    void tiesCountOneHalfAndFormOneThreshold() {
        ScoreSweep allTied = ScoreSweep.of(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5});
        assertThat(allTied.auroc()).isEqualTo(0.5);
        assertThat(allTied.averagePrecision()).isEqualTo(0.5);
        assertThat(allTied.size()).isEqualTo(1);
        // positives {2, 3, 3} vs negatives {1, 2}: 1 + 0.5 + 2 + 2 = 5.5 of 6 pairs;
        // AP: threshold 3 -> P 1, R 2/3; threshold 2 -> P 3/4, R 1
        ScoreSweep s = ScoreSweep.of(new int[] {0, 0, 1, 1, 1}, new double[] {1, 2, 2, 3, 3});
        assertThat(s.auroc()).isCloseTo(5.5 / 6, within(EPS));
        assertThat(s.averagePrecision()).isCloseTo(2.0 / 3 + 0.75 / 3, within(EPS));
        assertThat(s.roc().fpr()).containsExactly(0, 0, 0.5, 1);
        assertThat(s.roc().tpr()).containsExactly(0, 2.0 / 3, 1, 1);
        // -0.0 and 0.0 are one score
        assertThat(ScoreSweep.of(new int[] {1, 0}, new double[] {-0.0, 0.0}).auroc()).isEqualTo(0.5);
    }

    @Test
    void perfectAndReversedRankings() {
        int[] y = {0, 0, 0, 1, 1};
        assertThat(ScoreSweep.of(y, new double[] {1, 2, 3, 4, 5}).auroc()).isEqualTo(1.0);
        assertThat(ScoreSweep.of(y, new double[] {1, 2, 3, 4, 5}).averagePrecision()).isEqualTo(1.0);
        assertThat(ScoreSweep.of(y, new double[] {5, 4, 3, 2, 1}).auroc()).isEqualTo(0.0);
        // infinite scores are ordinary extremes
        assertThat(ScoreSweep.of(y, new double[] {Double.NEGATIVE_INFINITY, 0, 0, 1, Double.POSITIVE_INFINITY})
                .auroc()).isEqualTo(1.0);
    }

    @Test
    void singleClassAndEmptySplitsAreNaNNotZero() {
        ScoreSweep benign = ScoreSweep.of(new int[] {0, 0, 0}, new double[] {1, 2, 3});
        assertThat(benign.auroc()).isNaN();
        assertThat(benign.averagePrecision()).isNaN();
        assertThat(benign.roc().tpr()).containsOnly(Double.NaN);
        ScoreSweep attacks = ScoreSweep.of(new int[] {1, 1}, new double[] {1, 2});
        assertThat(attacks.auroc()).isNaN();
        assertThat(attacks.averagePrecision()).isEqualTo(1.0);
        ScoreSweep empty = ScoreSweep.of(new int[0], new double[0]);
        assertThat(empty.auroc()).isNaN();
        assertThat(empty.averagePrecision()).isNaN();
        assertThat(empty.roc().thresholds()).containsExactly(Double.POSITIVE_INFINITY);
        assertThat(empty.at(0.5)).isEqualTo(new ConfusionMatrix(0, 0, 0, 0));
    }

    @Test
    void rejectsNaNScoresAndLabelsOtherThanZeroOrOne() {
        assertThatThrownBy(() -> ScoreSweep.of(new int[] {0, 1}, new double[] {0, Double.NaN}))
                .hasMessageContaining("score 1 is NaN");
        assertThatThrownBy(() -> ScoreSweep.of(new int[] {0, 2}, new double[] {0, 1}))
                .hasMessageContaining("label 1: expected 0 or 1, found 2");
        assertThatThrownBy(() -> ScoreSweep.of(new int[] {0}, new double[] {0, 1}))
                .hasMessageContaining("differ in length: 1, 1, 2");
    }

    @Test
    void aurocEqualsBruteForcePairCountAndApEqualsNaiveDefinitionOnRandomData() {
        Random random = new Random(20260506);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(60);
            int[] y = new int[n];
            double[] s = new double[n];
            boolean coarse = trial % 2 == 0; // many ties
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() < 0.3 ? 1 : 0;
                s[i] = coarse ? random.nextInt(6) : random.nextGaussian() + y[i];
            }
            ScoreSweep sweep = ScoreSweep.of(y, s);
            assertThat(sweep.auroc()).as("trial " + trial).isEqualTo(bruteForceAuroc(y, s), within(1e-12));
            assertThat(sweep.averagePrecision()).as("trial " + trial).isEqualTo(naiveAp(y, s), within(1e-12));
            assertThat(trapezoid(sweep.roc())).as("trial " + trial).isEqualTo(sweep.auroc(), within(1e-12));
            double t = s[random.nextInt(n)];
            assertThat(sweep.at(t)).isEqualTo(ConfusionMatrix.of(LabelledScores.of(y, s), t));
            assertThat(sweep.at(t + 1e-9)).isEqualTo(ConfusionMatrix.of(LabelledScores.of(y, s), t + 1e-9));
        }
    }

    /** P(positive outscores negative) + ½ P(tie), over all pairs. NaN without a pair. */
    static double bruteForceAuroc(int[] y, double[] s) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    /** Mean over positives of the precision at the positive's own score. */
    static double naiveAp(int[] y, double[] s) {
        double sum = 0;
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                positives++;
                int above = 0;
                int tp = 0;
                for (int j = 0; j < y.length; j++) {
                    if (s[j] >= s[i]) {
                        above++;
                        tp += y[j];
                    }
                }
                sum += (double) tp / above;
            }
        }
        return positives == 0 ? Double.NaN : sum / positives;
    }

    private static double trapezoid(RocCurve roc) {
        double area = 0;
        for (int k = 1; k < roc.fpr().length; k++) {
            area += (roc.fpr()[k] - roc.fpr()[k - 1]) * (roc.tpr()[k] + roc.tpr()[k - 1]) / 2;
        }
        return area;
    }
}
