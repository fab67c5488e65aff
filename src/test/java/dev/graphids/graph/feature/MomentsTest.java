package dev.graphids.graph.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MomentsTest {

    private static final double[] SAMPLE = {2, 4, 4, 4, 5, 5, 7, 9};

    @Test
    void sampleStdDividesByNMinusOneAndPopulationStdByN() {
        double mean = Moments.mean(SAMPLE, SAMPLE.length);
        assertThat(mean).isEqualTo(5.0);
        assertThat(Moments.populationStd(SAMPLE, SAMPLE.length, mean)).isEqualTo(2.0);
        assertThat(Moments.sampleStd(SAMPLE, SAMPLE.length, mean)).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-15));
    }

    @Test
    void sampleStdOfOneValueIsUndefinedAndBecomesZero() {
        double[] one = {42};
        assertThat(Moments.sampleStd(one, 1, 42)).isNaN();
        assertThat(Moments.zeroNan(Moments.sampleStd(one, 1, 42))).isZero();
    }

    @Test
    void skewnessIsBiasedThirdMomentOverSecondToThePowerOneAndHalf() {
        double[] v = {1, 3, 3};
        double mean = 7.0 / 3;
        // m2 = 8/9, m3 = -16/27 -> -16/27 / (8/9)^1.5 = -1/sqrt(2)
        assertThat(Moments.biasedSkewness(v, 3, mean)).isCloseTo(-1 / Math.sqrt(2), within(1e-14));
        double[] symmetric = {1, 2, 3};
        assertThat(Moments.biasedSkewness(symmetric, 3, 2)).isZero();
    }

    @Test
    void kurtosisIsBiasedFisherExcessAndTwoDistinctValuesGiveMinusTwo() {
        double[] two = {3, 7, 3, 7};
        assertThat(Moments.biasedExcessKurtosis(two, 4, 5)).isCloseTo(-2.0, within(1e-15));
        double[] v = {1, 3, 3};
        assertThat(Moments.biasedExcessKurtosis(v, 3, 7.0 / 3)).isCloseTo(-1.5, within(1e-14));
    }

    @Test
    void constantValuesGiveNanMomentsThatBecomeZero() {
        double[] c = {5, 5, 5, 5};
        assertThat(Moments.biasedSkewness(c, 4, 5)).isNaN();
        assertThat(Moments.biasedExcessKurtosis(c, 4, 5)).isNaN();
        assertThat(Moments.zeroNanThenClip(Double.NaN)).isZero();
    }

    @Test
    void skewnessAndKurtosisAreClippedAtTen() {
        double[] spike = new double[200];
        spike[0] = 255;
        double mean = Moments.mean(spike, 200);
        double skew = Moments.biasedSkewness(spike, 200, mean);
        double kurt = Moments.biasedExcessKurtosis(spike, 200, mean);
        assertThat(skew).isGreaterThan(10);
        assertThat(kurt).isGreaterThan(10);
        assertThat(Moments.zeroNanThenClip(skew)).isEqualTo(10.0);
        assertThat(Moments.zeroNanThenClip(-kurt)).isEqualTo(-10.0);
        assertThat(Moments.zeroNanThenClip(3.5)).isEqualTo(3.5);
    }

    @Test
    void rangeIsMaxMinusMin() {
        assertThat(Moments.range(SAMPLE, SAMPLE.length)).isEqualTo(7.0);
    }

    @Test
    void summaryAgreesWithTheSingleStatistics() {
        java.util.Random random = new java.util.Random(7);
        double[] out = new double[5];
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + random.nextInt(40);
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                v[j] = random.nextInt(trial % 2 == 0 ? 3 : 256);
            }
            Moments.summarize(v, k, out);
            double mean = Moments.mean(v, k);
            assertThat(out[Moments.MEAN]).isEqualTo(mean);
            assertThat(Double.valueOf(out[Moments.SAMPLE_STD])).isEqualTo(Double.valueOf(Moments.sampleStd(v, k, mean)));
            assertThat(out[Moments.RANGE]).isEqualTo(Moments.range(v, k));
            assertThat(Double.valueOf(out[Moments.SKEWNESS])).isEqualTo(Double.valueOf(Moments.biasedSkewness(v, k, mean)));
            assertThat(Double.valueOf(out[Moments.KURTOSIS])).isEqualTo(Double.valueOf(Moments.biasedExcessKurtosis(v, k, mean)));
        }
    }
}
