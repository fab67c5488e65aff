package dev.graphids.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The curriculum's linear ramp and per-batch weights (models.md §6.3). */
class CurriculumTest {
    @Test
    void rampGoesFromStartOverEndToOne() {
        Curriculum c = new Curriculum(new float[0], new int[0], 1, 10, 300);
        assertThat(c.fraction(0)).isCloseTo(0.1, within(1e-12));
        assertThat(c.fraction(299)).isCloseTo(1.0, within(1e-12));
        assertThat(c.fraction(1000)).isCloseTo(1.0, within(1e-12));
        assertThat(c.fraction(149)).isCloseTo((1 + 9 * 149.0 / 299) / 10, within(1e-12));
    }

    @Test
    void admitsTheEasiestBenignGraphsOfTheBatchAndEveryAttack() {
        // Graphs 0..5: benign difficulties 0.5, 0.1, 0.9, 0.3, 0.7; graph 5 is an attack.
        float[] difficulty = {0.5f, 0.1f, 0.9f, 0.3f, 0.7f, 0.0f};
        int[] labels = {0, 0, 0, 0, 0, 1};
        Curriculum c = new Curriculum(difficulty, labels, 1, 10, 11);
        int[] batch = {2, 5, 0, 1, 3, 4};
        // Epoch 0: ceil(0.1·5) = 1 → only graph 1 (difficulty 0.1) among the benign ones.
        assertThat(c.weights(batch, 0)).containsExactly(0, 1, 0, 1, 0, 0);
        // Epoch 5: fraction (1 + 9·0.5)/10 = 0.55 → ceil(2.75) = 3 → graphs 1, 3, 0.
        assertThat(c.weights(batch, 5)).containsExactly(0, 1, 1, 1, 1, 0);
        // From epoch 10 on everything counts.
        assertThat(c.weights(batch, 10)).containsExactly(1, 1, 1, 1, 1, 1);
        // A batch of attacks only keeps them all.
        assertThat(c.weights(new int[] {5}, 0)).containsExactly(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void admittedCountFollowsTheRampOnRandomBatches(long seed) {
        Random r = new Random(seed);
        int n = 200;
        float[] difficulty = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            difficulty[i] = r.nextFloat();
            labels[i] = r.nextInt(5) == 0 ? 1 : 0;
        }
        Curriculum c = new Curriculum(difficulty, labels, 1, 10, 50);
        int[] batch = r.ints(40, 0, n).distinct().toArray();
        int epoch = r.nextInt(60);
        float[] w = c.weights(batch, epoch);
        long benign = java.util.Arrays.stream(batch).filter(i -> labels[i] == 0).count();
        long admitted = 0;
        float maxAdmitted = -1;
        float minRejected = 2;
        for (int k = 0; k < batch.length; k++) {
            if (labels[batch[k]] == 1) {
                assertThat(w[k]).isEqualTo(1f);
            } else if (w[k] == 1f) {
                admitted++;
                maxAdmitted = Math.max(maxAdmitted, difficulty[batch[k]]);
            } else {
                minRejected = Math.min(minRejected, difficulty[batch[k]]);
            }
        }
        if (benign > 0) {
            assertThat(admitted).isEqualTo(Math.max(1, (long) Math.ceil(c.fraction(epoch) * benign - 1e-9)));
            assertThat(maxAdmitted).isLessThanOrEqualTo(minRejected);
        }
    }
}
