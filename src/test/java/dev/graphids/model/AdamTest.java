package dev.graphids.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A non-finite gradient skips the update instead of poisoning the weights. */
class AdamTest {
    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    private static void backward(NDArray w, float factor) {
        try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
            gc.backward(w.mul(factor).sum());
        }
    }

    @Test
    void nanGradientLeavesWeightsAndStepCountAloneAndTheNextStepWorks() {
        try (NDManager m = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(m, 1)) {
            NDArray w = ps.parameter("w", new float[] {1f, 2f}, new Shape(2));
            try (Adam adam = new Adam(ps, 0.1, 0, 1.0)) {
                backward(w, Float.NaN);
                assertThat(adam.step()).isNaN();
                assertThat(w.toFloatArray()).containsExactly(1f, 2f);
                assertThat(w.getGradient().toFloatArray()).containsExactly(0f, 0f);
                assertThat(adam.steps()).isZero();
                // A finite gradient afterwards: Adam's first step moves each weight by lr against the gradient sign.
                backward(w, 1f);
                assertThat(adam.step()).isFinite();
                assertThat(w.toFloatArray()[0]).isCloseTo(0.9f, org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(adam.steps()).isEqualTo(1);
            }
        }
    }
}
