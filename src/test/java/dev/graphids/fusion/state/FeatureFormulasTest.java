package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The fusion feature formulas on hand-computed cases (models.md §2.6, §3.6, §3.7, §4.6). */
class FeatureFormulasTest {
    @Test
    void gatConfidenceIsOneMinusNormalisedEntropy() {
        // H = -(0.9 ln 0.9 + 0.1 ln 0.1) = 0.325083; 1 - H/ln2 = 0.531004
        assertThat(FeatureFormulas.gatConf(new float[] {0.9f, 0.1f})).isCloseTo(0.531004f, within(1e-5f));
        assertThat(FeatureFormulas.gatConf(new float[] {0.5f, 0.5f})).isCloseTo(0f, within(1e-6f));
        assertThat(FeatureFormulas.gatConf(new float[] {1f, 0f})).isEqualTo(1f); // clamped at 1
    }

    @Test
    void embeddingStatsAreMeanUnbiasedStdMaxMin() {
        float[] s = FeatureFormulas.stats(new float[] {9, 1, 2, 3, 4, 9}, 1, 4);
        assertThat(s[0]).isEqualTo(2.5f);
        assertThat(s[1]).isCloseTo((float) Math.sqrt(5.0 / 3), within(1e-6f)); // Σ(x-2.5)² = 5, / (4-1)
        assertThat(s[2]).isEqualTo(4f);
        assertThat(s[3]).isEqualTo(1f);
    }

    @Test
    void latentStatsAverageNodeMeansAndStdsAndTakeExtremes() {
        // node 0 = [1, 3] (mean 2, std √2), node 1 = [2, 2] (mean 2, std 0)
        float[] z = FeatureFormulas.zStats(new float[] {1, 3, 2, 2, 7, 7}, 0, 2, 2);
        assertThat(z).containsExactly(new float[] {2f, (float) (Math.sqrt(2) / 2), 3f, 1f}, within(1e-6f));
    }

    @Test
    void confidencesAndRewardAnomaly() {
        assertThat(FeatureFormulas.inverseConf(3f)).isEqualTo(0.25f);
        // w = 0.4·1 + 0.3·2 + 0.3·0 = 1.0 → 0.5
        assertThat(FeatureFormulas.anomaly(1, 2, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(FeatureFormulas.anomaly(0, 0, 0)).isEqualTo(0.0);
        float[] pos = FeatureFormulas.posStats(new float[] {0.2f, 0.6f}, 0, 2);
        assertThat(pos).containsExactly(new float[] {0.6f, 0.4f, (float) Math.sqrt(0.08)}, within(1e-6f));
    }
}
