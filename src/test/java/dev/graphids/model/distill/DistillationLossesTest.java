package dev.graphids.model.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ClassificationLoss;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distillation and curriculum loss terms on hand-computed cases. */
class DistillationLossesTest {
    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    @Test
    void softLabelIsTemperatureSquaredKlWithBatchMeanReduction() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Graph 1: student [0, 0], teacher [ln 3, 0] → at T = 1: p_t = (3/4, 1/4), p_s = (1/2, 1/2),
            // KL = 3/4·ln(3/2) + 1/4·ln(1/2) = 0.1308120. Graph 2: identical logits → KL = 0.
            NDArray student = m.create(new float[] {0, 0, 2, -1}, new Shape(2, 2));
            NDArray teacher = m.create(new float[] {(float) Math.log(3), 0, 2, -1}, new Shape(2, 2));
            double kl1 = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
            assertThat(kl1).isCloseTo(0.1308120, within(1e-6));
            assertThat(DistillationLosses.softLabel(student, teacher, 1).getFloat()).isCloseTo((float) (kl1 / 2),
                    within(1e-6f));
            // At T = 2 the teacher softens to (√3, 1)/(√3 + 1); the term is scaled by T² = 4.
            double pt = Math.sqrt(3) / (Math.sqrt(3) + 1);
            double kl2 = pt * Math.log(pt / 0.5) + (1 - pt) * Math.log((1 - pt) / 0.5);
            assertThat(4 * kl2).isCloseTo(0.1453631, within(1e-6));
            assertThat(DistillationLosses.softLabel(student, teacher, 2).getFloat()).isCloseTo((float) (4 * kl2 / 2),
                    within(1e-6f));
        }
    }

    @Test
    void nodeMseAveragesOverRealNodesOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One graph, two node slots of width 2; the second slot is padding with a large error.
            NDArray a = m.create(new float[] {1, 3, 100, 100}, new Shape(1, 2, 2));
            NDArray b = m.create(new float[] {0, 0, 0, 0}, new Shape(1, 2, 2));
            NDArray mask = m.create(new float[] {1, 0}, new Shape(1, 2));
            assertThat(DistillationLosses.nodeMse(a, b, mask).getFloat()).isEqualTo(5f); // (1 + 9) / 2
            assertThat(DistillationLosses.mix(m.create(2f), m.create(10f), 0.7).getFloat()).isCloseTo(4.4f,
                    within(1e-6f));
        }
    }

    @Test
    void similarityComparesRowNormalisedGramMatricesOfAnyWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Student: two orthogonal graphs, Gram = I. Teacher (width 3): two identical graphs, Gram rows
            // (1, 1)/√2. ‖I − J/√2‖² = 2(1 − 1/√2)² + 2·(1/2) = 1.1715729, over B² = 4.
            NDArray student = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray teacher = m.create(new float[] {1, 2, 0, 1, 2, 0}, new Shape(2, 3));
            double expected = (2 * Math.pow(1 - Math.sqrt(0.5), 2) + 1) / 4;
            assertThat(expected).isCloseTo(0.2928932, within(1e-6));
            assertThat(DistillationLosses.similarity(student, teacher).getFloat()).isCloseTo((float) expected,
                    within(1e-6f));
            // Only the geometry counts: a scaled copy of the teacher costs nothing, an all-zero embedding stays finite.
            assertThat(DistillationLosses.similarity(teacher.mul(3), teacher).getFloat()).isCloseTo(0f, within(1e-6f));
            NDArray zero = m.zeros(new Shape(2, 2));
            assertThat(DistillationLosses.similarity(zero, student).getFloat()).isCloseTo(0.5f, within(1e-6f));
        }
    }

    @Test
    void curriculumWeightsReduceAsSumOfWeightedLossesOverTheirSum() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, (float) Math.log(3), 0, 0, (float) Math.log(3)},
                    new Shape(3, 2));
            NDArray labels = m.create(new long[] {0, 0, 1});
            double ce0 = Math.log(2);
            double ce1 = -Math.log(0.75);
            ClassificationLoss ce = ClassificationLoss.ce();
            assertThat(ce.apply(logits, labels, null).getFloat()).isCloseTo((float) ((ce0 + 2 * ce1) / 3),
                    within(1e-6f));
            // Weight (1, 0, 1): the second graph drops out of both sums.
            assertThat(ce.apply(logits, labels, m.create(new float[] {1, 0, 1})).getFloat())
                    .isCloseTo((float) ((ce0 + ce1) / 2), within(1e-6f));
            // All weights 0: the denominator is clamped at 1, the loss is 0.
            assertThat(ce.apply(logits, labels, m.create(new float[] {0, 0, 0})).getFloat()).isZero();
            // Focal (γ = 2) per graph: (1 − p_t)²·CE.
            ClassificationLoss focal = new ClassificationLoss("focal", 2.0, null);
            double f0 = 0.25 * ce0;
            double f1 = 0.0625 * ce1;
            assertThat(focal.apply(logits, labels, m.create(new float[] {1, 1, 0})).getFloat())
                    .isCloseTo((float) ((f0 + f1) / 2), within(1e-6f));
        }
    }
}
