package dev.graphids.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Both rewards on hand-computed cases, judged with the blended decision (Decision 3). */
class RewardTest {
    @Test
    void minimalRewardPaysAsymmetricOutcomesAndAnAttackBonus() {
        // TP: fused = 0.9 → +3 + 0.3·0.9
        assertThat(Reward.MINIMAL.of(1, 1.0, 0.2, 0.9, 0.5, 0.5)).isCloseTo(3.27, within(1e-12));
        // TN: fused = 0.2 → +1.5
        assertThat(Reward.MINIMAL.of(0, 0.0, 0.2, 0.9, 0.5, 0.5)).isCloseTo(1.5, within(1e-12));
        // FP: fused = 0.8 → −1.5 + 0.3·0.8
        assertThat(Reward.MINIMAL.of(0, 1.0, 0.2, 0.8, 0.5, 0.5)).isCloseTo(-1.26, within(1e-12));
        // FN: fused = 0.3 → −6
        assertThat(Reward.MINIMAL.of(1, 0.0, 0.3, 0.9, 0.5, 0.5)).isCloseTo(-6.0, within(1e-12));
    }

    @Test
    void legacyRewardWhenCorrect() {
        // label 1, α 0.5, anomaly 0.6, gat 0.8 → fused 0.7, correct. agreement 0.8; confidence 0.5·0.8 +
        // 0.3·max(0.4, 0.7) = 0.61; balance 0.3·(1 − 0) = 0.3 → 3 + 0.8 + 0.61 + 0.3
        double[] t = Reward.LEGACY.terms(1, 0.5, 0.6, 0.8, 0.4, 0.7);
        assertThat(t).containsExactly(new double[] {3.0, 0.8, 0.61, 0, 0, 0.3}, within(1e-12));
        assertThat(Reward.LEGACY.of(1, 0.5, 0.6, 0.8, 0.4, 0.7)).isCloseTo(4.71, within(1e-12));
        // benign label, correct: c = 1 − max(0.1, 0.2) = 0.8; α 0 → balance 0
        assertThat(Reward.LEGACY.of(0, 0.0, 0.1, 0.2, 0.9, 0.3))
                .isCloseTo(3 + 0.9 + 0.5 * 0.8 + 0.3 * 0.9, within(1e-12));
    }

    @Test
    void legacyRewardWhenWrong() {
        // label 0, α 1, anomaly 0.1, gat 0.9 → fused 0.9, predicted attack. agreement 0.2 → disagreement −0.8;
        // over-confidence −1.5·0.9; balance 0 → −3 − 0.8 − 1.35
        assertThat(Reward.LEGACY.of(0, 1.0, 0.1, 0.9, 0.9, 0.9)).isCloseTo(-5.15, within(1e-12));
        // label 1 missed: α 0, anomaly 0.2, gat 0.9 → fused 0.2; agreement 0.3; over-confidence −1.5·(1 − 0.2)
        assertThat(Reward.LEGACY.of(1, 0.0, 0.2, 0.9, 0.5, 0.5)).isCloseTo(-3 - 0.7 - 1.2, within(1e-12));
    }

    @Test
    void theDecisionIsTheBlendedScoreNotAlpha() {
        // α = 0.4 ≤ 0.5 (the original's training rule would say benign), but fused = 0.4·0.95 + 0.6·0.9 = 0.92.
        assertThat(DecisionRule.fused(0.4, 0.9, 0.95)).isCloseTo(0.92, within(1e-12));
        assertThat(Reward.MINIMAL.of(1, 0.4, 0.9, 0.95, 0.5, 0.5)).isCloseTo(3 + 0.3 * 0.95, within(1e-12));
        assertThat(DecisionRule.decide(0.5)).isZero();
        assertThat(0.5 >= DecisionRule.THRESHOLD).isFalse();
        assertThat(Math.nextUp(0.5) >= DecisionRule.THRESHOLD).isTrue();
    }
}
