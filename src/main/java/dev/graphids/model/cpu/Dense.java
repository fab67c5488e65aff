package dev.graphids.model.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Linear layers and activations on plain float arrays with the JDK's vector API (AVX2/AVX-512 through C2), for
 * forwards that need no gradient. A linear layer {@code y = x·Wᵀ + b} runs as a register-blocked kernel: six rows
 * of x against two vector widths of output columns, twelve accumulators kept in registers over the whole input
 * width, the six rows' inputs packed so that each step broadcasts from one cache line. On the two-core test machine
 * it reaches the throughput of libtorch's oneDNN matmul for these shapes (docs/benchmarks.md), and, unlike an
 * operator-by-operator engine, lets a caller apply the activations while the outputs are still in cache.
 */
public final class Dense {
    /** The vector shape used throughout (the widest the CPU has). */
    public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    public static final int LANES = S.length();
    /** Output columns per kernel tile (two vectors); packed widths are multiples of it. */
    public static final int TILE = 2 * LANES;
    /** Rows per kernel call; callers size their row buffers to a multiple of it. */
    public static final int ROWS = 6;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final int EXP = 0;
    private static final int SIGMOID = 1;
    private static final int TANH = 2;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float MAGIC = 12582912f; // 1.5·2²³: adding it rounds to an integer held in the low bits
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float MINUS_LN2_HI = -0.693359375f;
    private static final float MINUS_LN2_LO = 2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final FloatVector V_LN2_HI = FloatVector.broadcast(S, MINUS_LN2_HI);
    private static final FloatVector V_LN2_LO = FloatVector.broadcast(S, MINUS_LN2_LO);
    private static final FloatVector V_P2 = FloatVector.broadcast(S, P2);
    private static final FloatVector V_P3 = FloatVector.broadcast(S, P3);
    private static final FloatVector V_P4 = FloatVector.broadcast(S, P4);
    private static final FloatVector V_P5 = FloatVector.broadcast(S, P5);

    private Dense() {
    }

    /**
     * A linear layer's weights packed for {@link #apply}: {@code wt} is Wᵀ cut into tiles of {@link #TILE} output
     * columns, [width / TILE, in, TILE], so that a kernel call reads one contiguous block; {@code width} is the
     * output count rounded up to a whole tile (zero columns), {@code bias} [width] (zeros without a bias).
     */
    public record Packed(int in, int out, int width, float[] wt, float[] bias) {
    }

    /** Packs W [out, in] (row-major, as PyTorch stores it) and an optional bias [out]. */
    public static Packed pack(float[] w, float[] bias, int out, int in) {
        if (w.length != out * in || (bias != null && bias.length != out)) {
            throw new IllegalArgumentException("linear weights of " + w.length + " values do not form [" + out
                    + ", " + in + "]");
        }
        int width = roundUp(out, TILE);
        float[] wt = new float[in * width];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wt[((o / TILE) * in + i) * TILE + o % TILE] = w[o * in + i];
            }
        }
        float[] b = new float[width];
        if (bias != null) {
            System.arraycopy(bias, 0, b, 0, out);
        }
        return new Packed(in, out, width, wt, b);
    }

    /**
     * Several linear layers on the same input as one: W_i [out_i, in] stacked, each block padded to whole tiles, so
     * that one pass over the input computes all of them; block i's outputs start at column
     * {@code Σ_{j<i} roundUp(out_j, TILE)}. Biases may be null.
     */
    public static Packed packStacked(int in, float[][] w, float[][] bias, int[] out) {
        int rows = 0;
        for (int o : out) {
            rows += roundUp(o, TILE);
        }
        float[] all = new float[rows * in];
        float[] b = new float[rows];
        int at = 0;
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, all, at * in, out[i] * in);
            if (bias[i] != null) {
                System.arraycopy(bias[i], 0, b, at, out[i]);
            }
            at += roundUp(out[i], TILE);
        }
        return pack(all, b, rows, in);
    }

    /** {@code n} rounded up to a multiple of {@code m}. */
    public static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /**
     * {@code y[r] = x[r]·Wᵀ + b} (or {@code y[r] += x[r]·Wᵀ} with {@code accumulate}) for {@code rows} rows: x row r
     * starts at {@code xOff + r·xStride} and has {@code p.in()} inputs; y row r at {@code yOff + r·yStride} receives
     * all {@code p.width()} columns (the padding columns get 0 + 0). {@code rows} must be a multiple of
     * {@link #ROWS}; each output row depends on its own input row only, summed in a fixed order.
     */
    public static void apply(Packed p, float[] x, int xOff, int xStride, int rows, float[] y, int yOff, int yStride,
                             boolean accumulate) {
        if (rows % ROWS != 0) {
            throw new IllegalArgumentException(rows + " rows: expected a multiple of " + ROWS);
        }
        int k = p.in();
        float[] packedX = new float[k * ROWS];
        for (int r0 = 0; r0 < rows; r0 += ROWS) {
            for (int q = 0; q < ROWS; q++) {
                int src = xOff + (r0 + q) * xStride;
                for (int i = 0; i < k; i++) {
                    packedX[i * ROWS + q] = x[src + i];
                }
            }
            for (int j = 0; j < p.width(); j += TILE) {
                tile(p, packedX, y, yOff + r0 * yStride + j, yStride, j, accumulate);
            }
        }
    }

    /** Six rows × two vectors of outputs starting at column {@code j}, written from {@code y[yAt]} on. */
    private static void tile(Packed p, float[] xp, float[] y, int yAt, int ys, int j, boolean accumulate) {
        FloatVector a00;
        FloatVector a01;
        FloatVector a10;
        FloatVector a11;
        FloatVector a20;
        FloatVector a21;
        FloatVector a30;
        FloatVector a31;
        FloatVector a40;
        FloatVector a41;
        FloatVector a50;
        FloatVector a51;
        if (accumulate) {
            a00 = FloatVector.fromArray(S, y, yAt);
            a01 = FloatVector.fromArray(S, y, yAt + LANES);
            a10 = FloatVector.fromArray(S, y, yAt + ys);
            a11 = FloatVector.fromArray(S, y, yAt + ys + LANES);
            a20 = FloatVector.fromArray(S, y, yAt + 2 * ys);
            a21 = FloatVector.fromArray(S, y, yAt + 2 * ys + LANES);
            a30 = FloatVector.fromArray(S, y, yAt + 3 * ys);
            a31 = FloatVector.fromArray(S, y, yAt + 3 * ys + LANES);
            a40 = FloatVector.fromArray(S, y, yAt + 4 * ys);
            a41 = FloatVector.fromArray(S, y, yAt + 4 * ys + LANES);
            a50 = FloatVector.fromArray(S, y, yAt + 5 * ys);
            a51 = FloatVector.fromArray(S, y, yAt + 5 * ys + LANES);
        } else {
            FloatVector b0 = FloatVector.fromArray(S, p.bias(), j);
            FloatVector b1 = FloatVector.fromArray(S, p.bias(), j + LANES);
            a00 = b0;
            a01 = b1;
            a10 = b0;
            a11 = b1;
            a20 = b0;
            a21 = b1;
            a30 = b0;
            a31 = b1;
            a40 = b0;
            a41 = b1;
            a50 = b0;
            a51 = b1;
        }
        float[] wt = p.wt();
        int k = p.in();
        int base = j * k; // tile j / TILE starts at (j / TILE)·k·TILE
        for (int i = 0; i < k; i++) {
            int xi = i * ROWS;
            FloatVector w0 = FloatVector.fromArray(S, wt, base + i * TILE);
            FloatVector w1 = FloatVector.fromArray(S, wt, base + i * TILE + LANES);
            FloatVector v = FloatVector.broadcast(S, xp[xi]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            v = FloatVector.broadcast(S, xp[xi + 1]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            v = FloatVector.broadcast(S, xp[xi + 2]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            v = FloatVector.broadcast(S, xp[xi + 3]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            v = FloatVector.broadcast(S, xp[xi + 4]);
            a40 = w0.fma(v, a40);
            a41 = w1.fma(v, a41);
            v = FloatVector.broadcast(S, xp[xi + 5]);
            a50 = w0.fma(v, a50);
            a51 = w1.fma(v, a51);
        }
        a00.intoArray(y, yAt);
        a01.intoArray(y, yAt + LANES);
        a10.intoArray(y, yAt + ys);
        a11.intoArray(y, yAt + ys + LANES);
        a20.intoArray(y, yAt + 2 * ys);
        a21.intoArray(y, yAt + 2 * ys + LANES);
        a30.intoArray(y, yAt + 3 * ys);
        a31.intoArray(y, yAt + 3 * ys + LANES);
        a40.intoArray(y, yAt + 4 * ys);
        a41.intoArray(y, yAt + 4 * ys + LANES);
        a50.intoArray(y, yAt + 5 * ys);
        a51.intoArray(y, yAt + 5 * ys + LANES);
    }

    /** a[i] ← e^a[i] for i < len. */
    public static void expInPlace(float[] a, int len) {
        activate(a, 0, len, EXP);
    }

    /** a[at …] ← σ(a[at …]) = 1 / (1 + e^−a) over {@code len} values. */
    public static void sigmoidInPlace(float[] a, int at, int len) {
        activate(a, at, len, SIGMOID);
    }

    /** a[at …] ← tanh(a[at …]) = 2·σ(2a) − 1 over {@code len} values (absolute error ≲ 2·10⁻⁷). */
    public static void tanhInPlace(float[] a, int at, int len) {
        activate(a, at, len, TANH);
    }

    /**
     * e^(s·a) with s = 1 (exp), −1 (sigmoid) or −2 (tanh), then the activation from it, over {@code len} values.
     * The JDK's own EXP lane operation is not compiled to vector code on JDK 17 (~1.7 ns per value, ten times
     * this), so e^v is Cephes' expf in arithmetic lanes: v = n·ln 2 + r with n rounded to nearest (the 1.5·2²³
     * trick), ln 2 split in two for an exact r, a degree-6 polynomial for e^r, 2ⁿ from the exponent bits; relative
     * error ≲ 2·10⁻⁷. The argument is clamped to [−87.3, 88.3], float's normal range of e^v, so that saturated
     * gates give 0 or 1 and never NaN. It is written out in the loop rather than called: a vector method that C2
     * does not inline returns boxed vectors.
     */
    private static void activate(float[] a, int at, int len, int kind) {
        float scale = kind == EXP ? 1f : kind == SIGMOID ? -1f : -2f;
        float times = kind == TANH ? 2f : 1f;
        float plus = kind == TANH ? -1f : 0f;
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector x = FloatVector.fromArray(S, a, at + i).mul(scale).max(-87.3f).min(88.3f);
            FloatVector t = x.fma(LOG2E, MAGIC);
            FloatVector n = t.sub(MAGIC);
            FloatVector r = n.fma(V_LN2_HI, x);
            r = n.fma(V_LN2_LO, r);
            FloatVector q = r.fma(P0, P1).fma(r, V_P2).fma(r, V_P3).fma(r, V_P4).fma(r, V_P5);
            FloatVector twoToN = t.reinterpretAsInts().sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector e = q.mul(r.mul(r)).add(r).add(1f).mul(twoToN);
            FloatVector y = kind == EXP ? e : ONE.div(e.add(1f)).mul(times).add(plus);
            y.intoArray(a, at + i);
        }
        for (; i < len; i++) {
            double e = Math.exp(Math.max(-87.3f, Math.min(88.3f, scale * a[at + i])));
            a[at + i] = kind == EXP ? (float) e : (float) (times / (1 + e) + plus);
        }
    }

    /** Σ a[at …] over {@code len} values. */
    public static float sum(float[] a, int at, int len) {
        int i = 0;
        float s = 0f;
        if (len >= LANES) {
            FloatVector acc = FloatVector.fromArray(S, a, at);
            for (i = LANES; i + LANES <= len; i += LANES) {
                acc = acc.add(FloatVector.fromArray(S, a, at + i));
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            s += a[at + i];
        }
        return s;
    }

    /** y[yAt …] ← max(scale·y[yAt …] + b[bAt …], 0) over {@code len} values. */
    public static void scaleAddRelu(float[] y, int yAt, float scale, float[] b, int bAt, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector.fromArray(S, y, yAt + i).fma(scale, 0f).add(FloatVector.fromArray(S, b, bAt + i)).max(0f)
                    .intoArray(y, yAt + i);
        }
        for (; i < len; i++) {
            y[yAt + i] = Math.max(y[yAt + i] * scale + b[bAt + i], 0f);
        }
    }

    /** y[yAt …] += a·x[xAt …] over {@code len} values. */
    public static void axpy(float a, float[] x, int xAt, float[] y, int yAt, int len) {
        int i = 0;
        if (len >= LANES) {
            FloatVector av = FloatVector.broadcast(S, a);
            for (; i + LANES <= len; i += LANES) {
                FloatVector.fromArray(S, x, xAt + i).fma(av, FloatVector.fromArray(S, y, yAt + i))
                        .intoArray(y, yAt + i);
            }
        }
        for (; i < len; i++) {
            y[yAt + i] += a * x[xAt + i];
        }
    }

    /** Σ a[i]·x[xAt + i] for i < len. */
    public static float dot(float[] a, float[] x, int xAt, int len) {
        int i = 0;
        float s = 0f;
        if (len >= LANES) {
            FloatVector acc = FloatVector.zero(S);
            for (; i + LANES <= len; i += LANES) {
                acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, x, xAt + i), acc);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            s += a[i] * x[xAt + i];
        }
        return s;
    }

    /** y[yAt …] ← a[aAt …]·b[bAt …] over {@code len} values (y may be a or b). */
    public static void multiply(float[] a, int aAt, float[] b, int bAt, float[] y, int yAt, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector.fromArray(S, a, aAt + i).mul(FloatVector.fromArray(S, b, bAt + i)).intoArray(y, yAt + i);
        }
        for (; i < len; i++) {
            y[yAt + i] = a[aAt + i] * b[bAt + i];
        }
    }

    /** y[yAt …] += a[aAt …]·b[bAt …] over {@code len} values. */
    public static void multiplyAdd(float[] a, int aAt, float[] b, int bAt, float[] y, int yAt, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector.fromArray(S, a, aAt + i).fma(FloatVector.fromArray(S, b, bAt + i),
                    FloatVector.fromArray(S, y, yAt + i)).intoArray(y, yAt + i);
        }
        for (; i < len; i++) {
            y[yAt + i] += a[aAt + i] * b[bAt + i];
        }
    }
}
