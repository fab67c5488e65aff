package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final double EPS = 1e-12;

    @Test
    void derivedMetricsOfHandCountedMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(3, 1, 4, 2);
        assertThat(m.accuracy()).isCloseTo(0.7, within(EPS));
        assertThat(m.precision()).isCloseTo(0.75, within(EPS));
        assertThat(m.recall()).isCloseTo(0.6, within(EPS));
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.specificity()).isCloseTo(0.8, within(EPS));
        assertThat(m.precisionBenign()).isCloseTo(4.0 / 6, within(EPS));
        assertThat(m.f1Benign()).isCloseTo(8.0 / 11, within(EPS));
        assertThat(m.f1Macro()).isCloseTo((2.0 / 3 + 8.0 / 11) / 2, within(EPS));
        assertThat(m.fpr()).isCloseTo(0.2, within(EPS));
        assertThat(m.fnr()).isCloseTo(0.4, within(EPS));
        assertThat(m.balancedAccuracy()).isCloseTo(0.7, within(EPS));
        assertThat(m.mcc()).isCloseTo(10 / Math.sqrt(600), within(EPS)); // (3·4 − 1·2) / √(4·5·5·6)
    }

    @Test
    void zeroDenominatorsFollowTheDocumentedConventions() {
        ConfusionMatrix benignOnly = new ConfusionMatrix(0, 2, 8, 0);
        assertThat(benignOnly.precision()).isZero();
        assertThat(benignOnly.recall()).isZero();
        assertThat(benignOnly.f1()).isZero();
        assertThat(benignOnly.fnr()).isNaN();
        assertThat(benignOnly.fpr()).isCloseTo(0.2, within(EPS));
        assertThat(benignOnly.mcc()).isZero();
        assertThat(benignOnly.balancedAccuracy()).isCloseTo(0.8, within(EPS));
        ConfusionMatrix empty = new ConfusionMatrix(0, 0, 0, 0);
        assertThat(empty.accuracy()).isNaN();
        assertThat(empty.fpr()).isNaN();
        assertThat(empty.balancedAccuracy()).isNaN();
    }

    @Test
    void decisionIsScoreAtOrAboveThreshold() {
        LabelledScores s = LabelledScores.of(new int[] {1, 1, 0, 0}, new double[] {0.5, 0.4, 0.5, 0.1});
        assertThat(ConfusionMatrix.of(s, 0.5)).isEqualTo(new ConfusionMatrix(1, 1, 1, 1));
        assertThat(ConfusionMatrix.of(s, Double.POSITIVE_INFINITY)).isEqualTo(new ConfusionMatrix(0, 0, 2, 2));
        assertThat(ConfusionMatrix.of(s, Double.NEGATIVE_INFINITY)).isEqualTo(new ConfusionMatrix(2, 2, 0, 0));
    }
}
