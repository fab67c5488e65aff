package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test
    void bestF1YoudenAndFprRulesOnHandCase() {
        int[] y = {1, 0, 1, 0, 1, 0, 0};
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.1};
        // F1 at 0.9: 2/4 = 0.5; 0.8: 2/5; 0.7: 4/6; 0.6: 4/7; 0.55: 6/8 = 0.75 (best); 0.5: 6/9; 0.1: 6/10
        assertThat(Thresholds.bestF1(y, s)).isEqualTo(0.55);
        // J at 0.9: 1/3; 0.7: 2/3 − 1/4 = 5/12; 0.55: 1 − 2/4 = 1/2 (best); 0.1: 0
        assertThat(Thresholds.youden(y, s)).isEqualTo(0.55);
        // FPR at 0.9: 0; 0.8: 1/4; 0.6: 2/4 ...
        assertThat(Thresholds.atFpr(y, s, 0.0)).isEqualTo(0.9);
        assertThat(Thresholds.atFpr(y, s, 0.25)).isEqualTo(0.7);
        assertThat(Thresholds.atFpr(y, s, 0.49)).isEqualTo(0.7);
        assertThat(Thresholds.atFpr(y, s, 1.0)).isEqualTo(0.1);
    }

    @Test
    void atFprIsInfiniteWhenTheTopScoreIsAlreadyTooNoisyAndNaNWithoutNegatives() {
        assertThat(Thresholds.atFpr(new int[] {0, 1, 0}, new double[] {3, 2, 1}, 0.1))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Thresholds.atFpr(new int[] {1, 1}, new double[] {3, 2}, 0.1)).isNaN();
        assertThat(Thresholds.bestF1(new int[] {0, 0}, new double[] {3, 2})).isNaN();
        assertThat(Thresholds.youden(new int[] {1, 1}, new double[] {3, 2})).isNaN();
    }

    @Test
    void rulesAgreeWithExhaustiveSearchOnRandomData() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(40);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = i < 2 ? i : random.nextInt(2);
                s[i] = random.nextInt(8) + 0.5 * y[i];
            }
            LabelledScores ls = LabelledScores.of(y, s);
            double bestF1 = -1;
            double bestJ = Double.NEGATIVE_INFINITY;
            for (double t : s) {
                ConfusionMatrix m = ConfusionMatrix.of(ls, t);
                bestF1 = Math.max(bestF1, m.f1());
                bestJ = Math.max(bestJ, m.recall() - m.fpr());
            }
            assertThat(ConfusionMatrix.of(ls, Thresholds.bestF1(ls)).f1()).isEqualTo(bestF1);
            ConfusionMatrix j = ConfusionMatrix.of(ls, Thresholds.youden(ls));
            assertThat(j.recall() - j.fpr()).isEqualTo(bestJ);
            double target = random.nextDouble() * 0.5;
            double t = Thresholds.atFpr(ls, target);
            assertThat(ConfusionMatrix.of(ls, t).fpr()).isLessThanOrEqualTo(target);
            for (double lower : s) { // no lower threshold keeps within the budget
                if (lower < t) {
                    assertThat(ConfusionMatrix.of(ls, lower).fpr()).isGreaterThan(target);
                }
            }
        }
    }
}
