package dev.graphids.model.gat;

import dev.graphids.model.ParameterStore;
import dev.graphids.model.cpu.CpuKernels;
import dev.graphids.model.cpu.Dense;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;

/**
 * The GAT classifier's evaluation forward (no dropout, no gradient) on plain arrays, the same function as
 * {@link GatClassifier#embed} and its head up to float rounding (the parity test compares them). libtorch runs that
 * forward as ~100 separate operators per batch, each a pass over per-edge or per-node tensors; here the graphs of a
 * batch are split into chunks of ~{@value #CHUNK_ROWS} nodes, and each chunk runs the whole forward while its data
 * is in the core's cache: GATv2 logits, softmax and aggregation per destination node, the LSTM jumping knowledge in
 * blocks of {@value #JK_BLOCK} nodes with its gates applied as they come out of the matmul, then pooling and the
 * head. Chunks run on the scoring threads; a graph's result depends on its own data only (not on the batch or the
 * thread count), which keeps scoring repeatable.
 */
final class GatCpuForward {
    private static final int CHUNK_ROWS = 240;
    private static final int JK_BLOCK = 24;
    private static final int LANES = Dense.LANES;
    private static final int NF = HostGraph.NODE_FEATURES;
    private static final int EF = HostGraph.EDGE_FEATURES;
    private static final int IF = HostGraph.ID_FEATURES;

    private final int threads;
    private final boolean timing;
    private final boolean idFeatures;
    private final int dim;
    private final float[] embedding;
    private final float[] buckets;
    private final Dense.Packed proj;
    private final int featureWidth;
    private final int in0;
    private final int layers;
    private final int heads;
    private final int channels;
    private final int width;
    private final int padded;
    private final Dense.Packed[] linLR;
    private final Dense.Packed[] linEdge;
    private final float[][] att;
    private final float[][] bias;
    private final int hidden;
    /** Per layer output t: both directions' input projections of it, forward block first (see reverseAt). */
    private final Dense.Packed[] inputGates;
    /** Column where direction d's gates start in inputGates[t]: 0 for the forward, after it for the reverse. */
    private final int[] reverseAt;
    private final Dense.Packed[] hh = new Dense.Packed[2];
    private final float[][] attHalf = new float[2][];
    private final float attBias;
    private final List<Dense.Packed> head = new ArrayList<>();
    private final int classes;

    // Scratch buffer slots (see Scratch).
    private static final int XLR = 0;
    private static final int XE = 1;
    private static final int LOGITS = 2;
    private static final int TMP = 3;
    private static final int MAX = 4;
    private static final int SUM = 5;
    private static final int H_STATE = 6;
    private static final int C_STATE = 7;
    private static final int SCORE = 8;
    private static final int POOLED = 9;
    private static final int H0 = 10;
    private static final int X_IN = 11;
    private static final int PX = 12;
    private static final int EDGE_ATTR = 13;
    private static final int SRC = 14;
    private static final int DST = 15;
    private static final int IN_START = 16;
    private static final int IN_EDGES = 17;
    private static final int FILL = 18;
    private static final int LAYER_OUT = 1000; // + layer
    private static final int GATES = 2000; // + layer output
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * A scoring thread's work arrays, kept between chunks and batches: a chunk needs ~1 MB of them, which allocated
     * afresh (and zeroed by the JVM) cost a few percent of the forward. Arrays only grow; callers clear what they
     * accumulate into.
     */
    private static final class Scratch {
        private final java.util.Map<Integer, float[]> floats = new java.util.HashMap<>();
        private final java.util.Map<Integer, int[]> ints = new java.util.HashMap<>();

        float[] floats(int slot, int size) {
            float[] a = floats.get(slot);
            if (a == null || a.length < size) {
                a = new float[Math.max(size, a == null ? 0 : a.length * 3 / 2)];
                floats.put(slot, a);
            }
            return a;
        }

        int[] ints(int slot, int size) {
            int[] a = ints.get(slot);
            if (a == null || a.length < size) {
                a = new int[Math.max(size, a == null ? 0 : a.length * 3 / 2)];
                ints.put(slot, a);
            }
            return a;
        }
    }

    /** Embeddings [B·C] (the pooled node representations, the head's input) and class probabilities [B·K]. */
    record Outputs(float[] embeddings, float[] probabilities) {
    }

    /** The model's current weights, packed (a copy: later training steps do not reach it). */
    GatCpuForward(GatConfig config, ParameterStore p, int classes, int threads) {
        this.threads = threads;
        this.classes = classes;
        timing = config.timingFeatures();
        idFeatures = config.idFeatures();
        dim = config.embeddingDim();
        embedding = dim > 0 ? values(p, "id_encoder.embedding.weight") : null;
        buckets = dim > 0 && config.idHashEmbedding() ? values(p, "id_encoder.bucket_embedding.weight") : null;
        proj = config.projDim() > 0 ? linear(p, "proj", config.projDim(), NF, true) : null;
        featureWidth = proj == null ? NF : config.projDim();
        in0 = dim + featureWidth + (idFeatures ? IF : 0);
        layers = config.layers();
        heads = config.heads();
        channels = config.hidden();
        width = config.width();
        padded = Dense.roundUp(width, Dense.TILE);
        linLR = new Dense.Packed[layers];
        linEdge = new Dense.Packed[layers];
        att = new float[layers][];
        bias = new float[layers][];
        int in = in0;
        for (int l = 0; l < layers; l++) {
            String name = "convs." + l;
            // W_l x + b_l and W_r x + b_r in one pass: columns [0, padded) and [padded, 2·padded).
            linLR[l] = Dense.packStacked(in, new float[][] {values(p, name + ".lin_l.weight"),
                values(p, name + ".lin_r.weight")}, new float[][] {values(p, name + ".lin_l.bias"),
                values(p, name + ".lin_r.bias")}, new int[] {width, width});
            linEdge[l] = linear(p, name + ".lin_edge", width, EF, false);
            att[l] = Arrays.copyOf(values(p, name + ".att"), padded);
            bias[l] = Arrays.copyOf(values(p, name + ".bias"), padded);
            in = width;
        }
        hidden = layers * width / 2;
        float[][] wih = new float[2][];
        float[][] bias2 = new float[2][];
        for (int d = 0; d < 2; d++) {
            String suffix = d == 0 ? "_l0" : "_l0_reverse";
            wih[d] = values(p, "jk.lstm.weight_ih" + suffix);
            bias2[d] = values(p, "jk.lstm.bias_ih" + suffix);
            float[] bhh = values(p, "jk.lstm.bias_hh" + suffix);
            for (int i = 0; i < bhh.length; i++) {
                bias2[d][i] += bhh[i];
            }
            hh[d] = Dense.pack(values(p, "jk.lstm.weight_hh" + suffix), null, 4 * hidden, hidden);
        }
        // Layer output t is the forward direction's step t and the reverse direction's step L−1−t; a direction's
        // first step reads no state, so it needs only the i, g and o gates (rows 0..H and 2H..4H).
        inputGates = new Dense.Packed[layers];
        reverseAt = new int[layers];
        for (int t = 0; t < layers; t++) {
            float[][] w = new float[2][];
            float[][] b = new float[2][];
            int[] out = new int[2];
            for (int d = 0; d < 2; d++) {
                boolean first = d == 0 ? t == 0 : t == layers - 1;
                w[d] = first ? withoutForgetGate(wih[d], width) : wih[d];
                b[d] = first ? withoutForgetGate(bias2[d], 1) : bias2[d];
                out[d] = (first ? 3 : 4) * hidden;
            }
            inputGates[t] = Dense.packStacked(width, w, b, out);
            reverseAt[t] = Dense.roundUp(out[0], Dense.TILE);
        }
        float[] a = values(p, "jk.att.weight");
        attHalf[0] = Arrays.copyOfRange(a, 0, hidden);
        attHalf[1] = Arrays.copyOfRange(a, hidden, 2 * hidden);
        attBias = values(p, "jk.att.bias")[0];
        int in2 = width;
        for (int i = 0; i < config.fcLayers(); i++) {
            int out = i + 1 < config.fcLayers() ? width : classes;
            head.add(linear(p, "fc_layers." + i, out, in2, true));
            in2 = out;
        }
    }

    /** Rows of the i, g and o gates of a [4·hidden, cols] LSTM parameter (gate order i, f, g, o). */
    private float[] withoutForgetGate(float[] a, int cols) {
        float[] out = new float[3 * hidden * cols];
        System.arraycopy(a, 0, out, 0, hidden * cols);
        System.arraycopy(a, 2 * hidden * cols, out, hidden * cols, 2 * hidden * cols);
        return out;
    }

    private static float[] values(ParameterStore p, String name) {
        return p.get(name).toFloatArray();
    }

    private static Dense.Packed linear(ParameterStore p, String name, int out, int in, boolean withBias) {
        return Dense.pack(values(p, name + ".weight"), withBias ? values(p, name + ".bias") : null, out, in);
    }

    /** The forward on every graph of {@code batch} (snapshot graphs: one graph per sample). */
    Outputs run(GraphBatch batch) {
        GraphBatch.Host host = batch.host();
        int b = batch.size();
        List<int[]> chunks = new ArrayList<>();
        int start = 0;
        int nodes = 0;
        for (int g = 0; g < b; g++) {
            nodes += host.nodeCounts()[g];
            if (nodes >= CHUNK_ROWS || g == b - 1) {
                chunks.add(new int[] {start, g + 1});
                start = g + 1;
                nodes = 0;
            }
        }
        Outputs out = new Outputs(new float[b * width], new float[b * classes]);
        CpuKernels.forEach(chunks.size(), threads, i -> new Chunk(host, batch.maxNodes(), batch.gatEdges(),
                chunks.get(i)[0], chunks.get(i)[1]).run(out));
        return out;
    }

    /** One chunk of consecutive graphs: its node rows, its GAT edges with local node rows, and the forward on them. */
    private final class Chunk {
        private final GraphBatch.Host host;
        private final int n;
        private final int g0;
        private final int graphs;
        private final int[] first;
        private final int nodes;
        private final int rows;
        private final int edges;
        private final int[] src;
        private final int[] dst;
        private final int edgeRows;
        private final float[] edgeAttr;
        private final int[] inStart;
        private final int[] inEdges;
        private final Scratch scratch = SCRATCH.get();

        Chunk(GraphBatch.Host host, int n, int eg, int g0, int g1) {
            this.host = host;
            this.n = n;
            this.g0 = g0;
            graphs = g1 - g0;
            first = new int[graphs + 1];
            int e = 0;
            for (int i = 0; i < graphs; i++) {
                first[i + 1] = first[i] + host.nodeCounts()[g0 + i];
                e += host.gatEdgeCounts()[g0 + i];
            }
            nodes = first[graphs];
            rows = Dense.roundUp(nodes, Dense.ROWS);
            edges = e;
            src = scratch.ints(SRC, e);
            dst = scratch.ints(DST, e);
            edgeRows = Dense.roundUp(Math.max(e, 1), Dense.ROWS);
            edgeAttr = scratch.floats(EDGE_ATTR, edgeRows * EF);
            Arrays.fill(edgeAttr, e * EF, edgeRows * EF, 0f);
            int k = 0;
            for (int i = 0; i < graphs; i++) {
                int b = g0 + i;
                long base = (long) b * n;
                for (int q = 0; q < host.gatEdgeCounts()[b]; q++, k++) {
                    int row = b * eg + q;
                    src[k] = first[i] + (int) (host.gatSrc()[row] - base);
                    dst[k] = first[i] + (int) (host.gatDst()[row] - base);
                    System.arraycopy(host.gatEdgeAttr(), row * EF, edgeAttr, k * EF, EF);
                    if (!timing) {
                        for (int c : GatClassifier.TIMING_EDGE_COLUMNS) {
                            edgeAttr[k * EF + c] = 0f;
                        }
                    }
                }
            }
            // Incoming edges of each node, in edge order (CSR by destination).
            inStart = scratch.ints(IN_START, nodes + 1);
            Arrays.fill(inStart, 0, nodes + 1, 0);
            for (int q = 0; q < e; q++) {
                inStart[dst[q] + 1]++;
            }
            for (int v = 0; v < nodes; v++) {
                inStart[v + 1] += inStart[v];
            }
            inEdges = scratch.ints(IN_EDGES, e);
            int[] fill = scratch.ints(FILL, nodes);
            System.arraycopy(inStart, 0, fill, 0, nodes);
            for (int q = 0; q < e; q++) {
                inEdges[fill[dst[q]]++] = q;
            }
        }

        void run(Outputs out) {
            float[] h = inputs();
            int stride = in0;
            float[][] layerOut = new float[layers][];
            for (int l = 0; l < layers; l++) {
                layerOut[l] = conv(l, h, stride);
                h = layerOut[l];
                stride = padded;
            }
            float[] pooled = jumpingKnowledgePooled(layerOut);
            System.arraycopy(pooled, 0, out.embeddings(), g0 * width, graphs * width);
            head(pooled, out.probabilities());
        }

        /** h0 = [id embedding ‖ (projected) node features ‖ ID features] per node row. */
        private float[] inputs() {
            float[] h0 = scratch.floats(H0, rows * in0);
            Arrays.fill(h0, 0, rows * in0, 0f);
            float[] x = proj == null ? h0 : scratch.floats(X_IN, rows * NF);
            if (proj != null) {
                Arrays.fill(x, 0, rows * NF, 0f);
            }
            int xAt = proj == null ? dim : 0;
            int xStride = proj == null ? in0 : NF;
            for (int i = 0; i < graphs; i++) {
                int b = g0 + i;
                for (int v = 0; v < host.nodeCounts()[b]; v++) {
                    int r = first[i] + v;
                    int flat = b * n + v;
                    if (dim > 0) {
                        System.arraycopy(embedding, (int) host.nodeId()[flat] * dim, h0, r * in0, dim);
                        if (buckets != null) {
                            int at = (int) host.idBucket()[flat] * dim;
                            for (int c = 0; c < dim; c++) {
                                h0[r * in0 + c] += buckets[at + c];
                            }
                        }
                    }
                    int xo = r * xStride + xAt;
                    System.arraycopy(host.x(), flat * NF, x, xo, NF);
                    if (!timing) {
                        for (int c : GatClassifier.TIMING_NODE_COLUMNS) {
                            x[xo + c] = 0f;
                        }
                    }
                    if (idFeatures) {
                        System.arraycopy(host.idFeatures(), flat * IF, h0, r * in0 + dim + featureWidth, IF);
                    }
                }
            }
            if (proj != null) {
                float[] px = scratch.floats(PX, rows * proj.width());
                Dense.apply(proj, x, 0, NF, rows, px, 0, proj.width(), false);
                for (int r = 0; r < nodes; r++) {
                    System.arraycopy(px, r * proj.width(), h0, r * in0 + dim, featureWidth);
                }
            }
            return h0;
        }

        /** GATv2 layer l with ReLU: node rows [rows, padded], in scratch buffer {@code LAYER_OUT + l}. */
        private float[] conv(int l, float[] h, int stride) {
            int lr = 2 * padded;
            float[] xlr = scratch.floats(XLR, rows * lr);
            float[] xe = scratch.floats(XE, edgeRows * padded);
            Dense.apply(linLR[l], h, 0, stride, rows, xlr, 0, lr, false);
            Dense.apply(linEdge[l], edgeAttr, 0, EF, edgeRows, xe, 0, padded, false);
            float[] a = att[l];
            float[] logits = scratch.floats(LOGITS, edges * heads);
            float[] tmp = scratch.floats(TMP, padded);
            for (int k = 0; k < edges; k++) {
                int js = src[k] * lr;
                int is = dst[k] * lr + padded;
                int es = k * padded;
                for (int c = 0; c < padded; c += LANES) {
                    FloatVector z = FloatVector.fromArray(Dense.S, xlr, js + c)
                            .add(FloatVector.fromArray(Dense.S, xlr, is + c))
                            .add(FloatVector.fromArray(Dense.S, xe, es + c));
                    z.max(z.mul(0.2f)).mul(FloatVector.fromArray(Dense.S, a, c)).intoArray(tmp, c);
                }
                for (int hd = 0; hd < heads; hd++) {
                    logits[k * heads + hd] = Dense.sum(tmp, hd * channels, channels);
                }
            }
            // Softmax over each node's incoming edges, per head: exp(s − max) in one vector pass.
            float[] max = scratch.floats(MAX, nodes * heads);
            Arrays.fill(max, 0, nodes * heads, Float.NEGATIVE_INFINITY);
            for (int k = 0; k < edges; k++) {
                for (int hd = 0; hd < heads; hd++) {
                    int at = dst[k] * heads + hd;
                    max[at] = Math.max(max[at], logits[k * heads + hd]);
                }
            }
            for (int k = 0; k < edges; k++) {
                for (int hd = 0; hd < heads; hd++) {
                    logits[k * heads + hd] -= max[dst[k] * heads + hd];
                }
            }
            Dense.expInPlace(logits, edges * heads);
            float[] out = scratch.floats(LAYER_OUT + l, rows * padded);
            Arrays.fill(out, 0, rows * padded, 0f);
            float[] sum = scratch.floats(SUM, heads);
            float[] bl = bias[l];
            for (int v = 0; v < nodes; v++) {
                Arrays.fill(sum, 0, heads, 0f);
                int o = v * padded;
                for (int q = inStart[v]; q < inStart[v + 1]; q++) {
                    int k = inEdges[q];
                    int js = src[k] * lr;
                    for (int hd = 0; hd < heads; hd++) {
                        float ex = logits[k * heads + hd];
                        sum[hd] += ex;
                        Dense.axpy(ex, xlr, js + hd * channels, out, o + hd * channels, channels);
                    }
                }
                for (int hd = 0; hd < heads; hd++) {
                    Dense.scaleAddRelu(out, o + hd * channels, 1f / sum[hd], bl, hd * channels, channels);
                }
            }
            return out;
        }

        /** LSTM jumping knowledge over the layer outputs, then each graph's mean: [graphs, width]. */
        private float[] jumpingKnowledgePooled(float[][] xs) {
            float[][] gates = new float[layers][];
            for (int t = 0; t < layers; t++) {
                gates[t] = scratch.floats(GATES + t, JK_BLOCK * inputGates[t].width());
            }
            float[] hState = scratch.floats(H_STATE, JK_BLOCK * hidden);
            float[] cState = scratch.floats(C_STATE, JK_BLOCK * hidden);
            float[] score = scratch.floats(SCORE, layers * JK_BLOCK);
            float[] pooled = scratch.floats(POOLED, graphs * width);
            Arrays.fill(pooled, 0, graphs * width, 0f);
            int graph = 0;
            for (int r0 = 0; r0 < rows; r0 += JK_BLOCK) {
                int br = Math.min(JK_BLOCK, rows - r0);
                Arrays.fill(score, 0, layers * JK_BLOCK, 0f);
                for (int t = 0; t < layers; t++) {
                    Dense.apply(inputGates[t], xs[t], r0 * padded, padded, br, gates[t], 0, inputGates[t].width(),
                            false);
                }
                for (int d = 0; d < 2; d++) {
                    for (int k = 0; k < layers; k++) {
                        int t = d == 0 ? k : layers - 1 - k;
                        int gw = inputGates[t].width();
                        int at = d == 0 ? 0 : reverseAt[t];
                        if (k > 0) {
                            Dense.apply(hh[d], hState, 0, hidden, br, gates[t], at, gw, true);
                        }
                        for (int q = 0; q < br; q++) {
                            int s = q * hidden;
                            cell(gates[t], q * gw + at, k == 0, hState, cState, s);
                            score[t * JK_BLOCK + q] += Dense.dot(attHalf[d], hState, s, hidden);
                        }
                    }
                }
                for (int q = 0; q < br && r0 + q < nodes; q++) {
                    int r = r0 + q;
                    while (r >= first[graph + 1]) {
                        graph++;
                    }
                    float max = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t < layers; t++) {
                        max = Math.max(max, score[t * JK_BLOCK + q] + attBias);
                    }
                    float total = 0f;
                    for (int t = 0; t < layers; t++) {
                        float e = (float) Math.exp(score[t * JK_BLOCK + q] + attBias - max);
                        score[t * JK_BLOCK + q] = e;
                        total += e;
                    }
                    for (int t = 0; t < layers; t++) {
                        Dense.axpy(score[t * JK_BLOCK + q] / total, xs[t], r * padded, pooled, graph * width, width);
                    }
                }
            }
            for (int i = 0; i < graphs; i++) {
                float inv = 1f / (first[i + 1] - first[i]);
                for (int c = 0; c < width; c++) {
                    pooled[i * width + c] *= inv;
                }
            }
            return pooled;
        }

        /**
         * One LSTM cell on a row of gate pre-activations at {@code gates[g]} (i, f, g, o blocks of H; without f on a
         * direction's first step, whose state is zero): c ← σ(f)·c + σ(i)·tanh(g), h ← σ(o)·tanh(c). Done as short
         * passes of one activation each: a loop with all four inlined exceeds C2's inlining budget, and a vector
         * operation that is not inlined allocates.
         */
        private void cell(float[] gates, int g, boolean firstStep, float[] hState, float[] cState, int s) {
            int hd = hidden;
            int tanhAt = firstStep ? g + hd : g + 2 * hd;
            Dense.sigmoidInPlace(gates, g, tanhAt - g); // i (and f)
            Dense.tanhInPlace(gates, tanhAt, hd);
            Dense.sigmoidInPlace(gates, tanhAt + hd, hd); // o
            if (firstStep) {
                Dense.multiply(gates, g, gates, tanhAt, cState, s, hd);
            } else {
                Dense.multiply(gates, g + hd, cState, s, cState, s, hd);
                Dense.multiplyAdd(gates, g, gates, tanhAt, cState, s, hd);
            }
            System.arraycopy(cState, s, hState, s, hd);
            Dense.tanhInPlace(hState, s, hd);
            Dense.multiply(gates, tanhAt + hd, hState, s, hState, s, hd);
        }

        /** The FC head on the pooled embeddings, then softmax: writes the chunk's probabilities. */
        private void head(float[] pooled, float[] probabilities) {
            int r = Dense.roundUp(graphs, Dense.ROWS);
            float[] h = Arrays.copyOf(pooled, r * width);
            int stride = width;
            for (int i = 0; i < head.size(); i++) {
                Dense.Packed layer = head.get(i);
                float[] next = new float[r * layer.width()];
                Dense.apply(layer, h, 0, stride, r, next, 0, layer.width(), false);
                if (i + 1 < head.size()) {
                    for (int j = 0; j < next.length; j++) {
                        next[j] = Math.max(next[j], 0f);
                    }
                }
                h = next;
                stride = layer.width();
            }
            for (int i = 0; i < graphs; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, h[i * stride + k]);
                }
                double total = 0;
                for (int k = 0; k < classes; k++) {
                    total += Math.exp(h[i * stride + k] - max);
                }
                for (int k = 0; k < classes; k++) {
                    probabilities[(g0 + i) * classes + k] = (float) (Math.exp(h[i * stride + k] - max) / total);
                }
            }
        }
    }
}
