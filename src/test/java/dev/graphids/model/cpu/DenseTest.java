package dev.graphids.model.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vector kernels against plain double-precision arithmetic, on seeded random shapes and values. */
class DenseTest {
    private static float[] gaussian(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aLinearLayerIsXTimesWTransposedPlusBiasAndAccumulatesOnRequest(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int in = 1 + r.nextInt(100);
        int out = 1 + r.nextInt(70);
        int rows = Dense.ROWS * (1 + r.nextInt(5));
        int xStride = in + r.nextInt(3);
        float[] w = gaussian(r, out * in);
        float[] b = r.nextBoolean() ? gaussian(r, out) : null;
        float[] x = gaussian(r, rows * xStride);
        Dense.Packed p = Dense.pack(w, b, out, in);
        assertThat(p.width() % Dense.TILE).isZero();
        assertThat(p.width()).isGreaterThanOrEqualTo(out);
        int yStride = p.width() + Dense.TILE;
        float[] y = gaussian(r, rows * yStride + 5);
        float[] before = y.clone();
        Dense.apply(p, x, 0, xStride, rows, y, 5, yStride, false);
        float[] again = y.clone();
        Dense.apply(p, x, 0, xStride, rows, again, 5, yStride, true);
        for (int row = 0; row < rows; row++) {
            for (int o = 0; o < p.width(); o++) {
                double expected = 0;
                if (o < out) {
                    expected = b == null ? 0 : b[o];
                    for (int i = 0; i < in; i++) {
                        expected += (double) x[row * xStride + i] * w[o * in + i];
                    }
                }
                int at = 5 + row * yStride + o;
                assertThat((double) y[at]).as("row %d column %d", row, o).isCloseTo(expected, within(1e-4));
                double accumulated = 2 * expected - (o < out && b != null ? b[o] : 0);
                assertThat((double) again[at]).isCloseTo(accumulated, within(2e-4));
            }
            for (int o = p.width(); o < yStride; o++) { // beyond the packed width: untouched
                assertThat(y[5 + row * yStride + o]).isEqualTo(before[5 + row * yStride + o]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void stackedLayersPutEachBlockAtItsTileAlignedColumn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int in = 1 + r.nextInt(40);
        int[] out = {1 + r.nextInt(40), 1 + r.nextInt(40)};
        float[][] w = {gaussian(r, out[0] * in), gaussian(r, out[1] * in)};
        float[][] b = {gaussian(r, out[0]), null};
        Dense.Packed stacked = Dense.packStacked(in, w, b, out);
        int second = Dense.roundUp(out[0], Dense.TILE);
        float[] x = gaussian(r, Dense.ROWS * in);
        float[] y = new float[Dense.ROWS * stacked.width()];
        Dense.apply(stacked, x, 0, in, Dense.ROWS, y, 0, stacked.width(), false);
        for (int block = 0; block < 2; block++) {
            Dense.Packed alone = Dense.pack(w[block], b[block], out[block], in);
            float[] ya = new float[Dense.ROWS * alone.width()];
            Dense.apply(alone, x, 0, in, Dense.ROWS, ya, 0, alone.width(), false);
            for (int row = 0; row < Dense.ROWS; row++) {
                for (int o = 0; o < out[block]; o++) {
                    assertThat(y[row * stacked.width() + (block == 0 ? 0 : second) + o])
                            .isEqualTo(ya[row * alone.width() + o]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1000})
    void expSigmoidAndTanhMatchTheirDefinitions(int len) {
        SplittableRandom r = new SplittableRandom(len);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) (r.nextDouble() * 160 - 80);
        }
        x[0] = len > 1 ? -1000f : 0.5f;
        float[] e = x.clone();
        Dense.expInPlace(e, len);
        float[] s = x.clone();
        Dense.sigmoidInPlace(s, 0, len);
        float[] t = x.clone();
        Dense.tanhInPlace(t, 0, len);
        for (int i = 0; i < len; i++) {
            double exact = Math.exp(Math.max(x[i], -87.3f)); // the kernel clamps at float -87.3
            assertThat((double) e[i]).as("exp(%s)", x[i]).isCloseTo(exact, within(3e-7 * exact));
            assertThat((double) s[i]).as("sigmoid(%s)", x[i]).isCloseTo(1 / (1 + Math.exp(-x[i])), within(2e-7));
            assertThat((double) t[i]).as("tanh(%s)", x[i]).isCloseTo(Math.tanh(x[i]), within(3e-7));
        }
        float[] saturated = {-1e30f, -200f, 200f, 1e30f, -1e30f, -200f, 200f, 1e30f, 0f};
        float[] sig = saturated.clone();
        Dense.sigmoidInPlace(sig, 0, sig.length);
        float[] th = saturated.clone();
        Dense.tanhInPlace(th, 0, th.length);
        for (int i = 0; i < saturated.length; i++) {
            assertThat(sig[i]).isCloseTo(saturated[i] > 0 ? 1f : saturated[i] < 0 ? 0f : 0.5f, within(1e-7f));
            assertThat(th[i]).isCloseTo(Math.signum(saturated[i]), within(1e-7f));
        }
    }
}
