package dev.graphids.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sequence pooling against direct scalar implementations of models.md §2.3. */
class SequencePoolTest {
    static final int C = 5;
    static final int L = 3;
    static final int B = 2;

    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void meanAndFlatOnAHandExample() {
        try (NDManager m = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(m, 1)) {
            // One sample, 2 steps of width 1: embeddings 1 and 4 over 1 and 2 nodes.
            NDArray steps = m.create(new float[] {1, 4}, new Shape(2, 1));
            NDArray counts = m.create(new float[] {1, 2}, new Shape(2, 1));
            assertThat(new SequencePool(ps, "p", "auto", 1).forward(steps, counts, 2).toFloatArray())
                    .containsExactly(2.5f);
            assertThat(new SequencePool(ps, "q", "flat", 1).forward(steps, counts, 2).toFloatArray())
                    .containsExactly(3f); // (1·1 + 4·2) / 3
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gruEqualsTheTorchEquations(long seed) {
        Random r = new Random(seed);
        try (NDManager m = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(m, seed)) {
            SequencePool pool = new SequencePool(ps, "s", "gru", C);
            float[] x = random(r, B * L * C);
            float[] out = pool.forward(m.create(x, new Shape(B * L, C)), m.ones(new Shape(B * L, 1)), L)
                    .toFloatArray();
            float[] wih = ps.get("s.gru.weight_ih_l0").toFloatArray();
            float[] whh = ps.get("s.gru.weight_hh_l0").toFloatArray();
            float[] bih = ps.get("s.gru.bias_ih_l0").toFloatArray();
            float[] bhh = ps.get("s.gru.bias_hh_l0").toFloatArray();
            for (int b = 0; b < B; b++) {
                double[] h = new double[C];
                for (int t = 0; t < L; t++) {
                    double[] gi = new double[3 * C];
                    double[] gh = new double[3 * C];
                    for (int j = 0; j < 3 * C; j++) {
                        gi[j] = bih[j];
                        gh[j] = bhh[j];
                        for (int k = 0; k < C; k++) {
                            gi[j] += wih[j * C + k] * x[(b * L + t) * C + k];
                            gh[j] += whh[j * C + k] * h[k];
                        }
                    }
                    double[] next = new double[C];
                    for (int j = 0; j < C; j++) {
                        double rr = sigmoid(gi[j] + gh[j]);
                        double z = sigmoid(gi[C + j] + gh[C + j]);
                        double n = Math.tanh(gi[2 * C + j] + rr * gh[2 * C + j]);
                        next[j] = (1 - z) * n + z * h[j];
                    }
                    h = next;
                }
                for (int j = 0; j < C; j++) {
                    assertThat((double) out[b * C + j]).isCloseTo(h[j], within(1e-5));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void attentionIsASoftmaxWeightedSumOverSteps(long seed) {
        Random r = new Random(seed);
        try (NDManager m = NDManager.newBaseManager(); ParameterStore ps = new ParameterStore(m, seed)) {
            SequencePool pool = new SequencePool(ps, "a", "attention", C);
            float[] x = random(r, B * L * C);
            float[] out = pool.forward(m.create(x, new Shape(B * L, C)), m.ones(new Shape(B * L, 1)), L)
                    .toFloatArray();
            float[] w0 = ps.get("a.attn.0.weight").toFloatArray();
            float[] b0 = ps.get("a.attn.0.bias").toFloatArray();
            float[] w2 = ps.get("a.attn.2.weight").toFloatArray();
            float b2 = ps.get("a.attn.2.bias").toFloatArray()[0];
            for (int b = 0; b < B; b++) {
                double[] score = new double[L];
                for (int t = 0; t < L; t++) {
                    score[t] = b2;
                    for (int j = 0; j < C; j++) {
                        double hj = b0[j];
                        for (int k = 0; k < C; k++) {
                            hj += w0[j * C + k] * x[(b * L + t) * C + k];
                        }
                        score[t] += w2[j] * Math.tanh(hj);
                    }
                }
                double max = java.util.Arrays.stream(score).max().orElseThrow();
                double sum = 0;
                for (int t = 0; t < L; t++) {
                    score[t] = Math.exp(score[t] - max);
                    sum += score[t];
                }
                for (int j = 0; j < C; j++) {
                    double v = 0;
                    for (int t = 0; t < L; t++) {
                        v += score[t] / sum * x[(b * L + t) * C + j];
                    }
                    assertThat((double) out[b * C + j]).isCloseTo(v, within(1e-5));
                }
            }
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
