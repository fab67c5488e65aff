package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void eceOfHandComputedBins() {
        // 2 bins: [0, .5) holds p .1, .2 (labels 0, 1): |1/2 − .15| · 2/4; [.5, 1] holds .8, 1.0 (1, 1): |1 − .9| · 2/4
        LabelledScores s = LabelledScores.of(new int[] {0, 1, 1, 1}, new double[] {0.1, 0.2, 0.8, 1.0});
        assertThat(Calibration.expectedCalibrationError(s, 2)).isCloseTo(0.35 * 0.5 + 0.1 * 0.5, within(1e-12));
        assertThat(Calibration.expectedCalibrationError(LabelledScores.of(new int[] {0, 1}, new double[] {0, 1}), 15))
                .isZero();
        assertThat(Calibration.expectedCalibrationError(LabelledScores.of(new int[0], new double[0]), 15)).isNaN();
        assertThatThrownBy(() -> Calibration.expectedCalibrationError(LabelledScores.of(new int[] {0},
                new double[] {-0.04}), 15)).hasMessageContaining("expected a probability in [0, 1], found -0.04");
    }
}
