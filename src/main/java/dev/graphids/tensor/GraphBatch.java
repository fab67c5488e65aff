package dev.graphids.tensor;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A dense, padded batch of B graphs on the host (plain arrays; {@link #tensors(NDManager)} turns it into NDArrays).
 *
 * <p>Layout (n = {@link #maxNodes()}, Eg = {@link #gatEdges()}, Er = {@link #rawEdges()}); node v of graph b has
 * the flat index {@code b·n + v}:
 * <ul>
 *   <li>nodes: {@code x} [B, n, 35], {@code idFeatures} [B, n, 3], {@code nodeId}/{@code idBucket} [B, n],
 *       {@code nodeMask} [B, n] (1 real, 0 padding);</li>
 *   <li><b>GAT edge list</b> (what a GATv2 layer attends over): per graph, the cached edges with their own
 *       self-loops removed, then one self-loop per real node whose attribute is the mean of the node's incoming
 *       (non-loop) edge attributes, 0 when it has none. This is exactly what PyG {@code GATv2Conv} does with
 *       {@code add_self_loops=True, fill_value='mean'} (remove_self_loops, then add_self_loops). Multi-edges stay
 *       separate edges, each with its own attention logit and message, so a (src, dst) pair with k parallel edges
 *       contributes k softmax terms. {@code gatSrc}/{@code gatDst} [B·Eg] flat node indices, {@code gatEdgeAttr}
 *       [B·Eg, 11]. Padding edges repeat node 0's self-loop (nodes and attributes): their logit is then bounded by
 *       node 0's max like a real edge's, so {@code exp(s − max)} stays finite although nothing sums them;</li>
 *   <li><b>GAT edge slots and incidence</b> (D = {@link #gatSlots()}, the largest in-degree in the batch, self-loop
 *       included; a node has ~4 incoming edges on average, Eg is ~120): {@code gatSlot} [B·n·D] lists the flat
 *       edge rows b·Eg + e of node v's incoming edges, its self-loop last, and repeats the self-loop row in the
 *       empty slots, so that the max over a node's slots is the max over its incoming edges without a mask (the
 *       softmax stabiliser; padding nodes have only row b·Eg and are never read). {@code gatIncidence} [B, n, Eg]:
 *       1 where real edge e ends at node v, 0 elsewhere (padding edges and padding nodes), for the softmax sums and
 *       the aggregation as batched matmuls with H·C columns — summing gathered messages over D slots instead would
 *       move [B·n·D, H·C] floats, and D reaches ~44 on DoS windows;</li>
 *   <li><b>raw edge list</b> (cached edges unchanged, for the VGAE's edge and neighbourhood terms and the RQ
 *       score): {@code rawSrc}/{@code rawDst} [B·Er] flat, {@code rawEdgeAttr} [B·Er, 11], {@code rawEdgeMask}
 *       [B·Er], and {@code outAdjacency} [B, n, n] = number of cached edges v→w;</li>
 *   <li>per graph: {@code y}, {@code attackType}, {@code refs}.</li>
 * </ul>
 */
public final class GraphBatch {
    private final int size;
    private final int maxNodes;
    private final int gatEdges;
    private final int rawEdges;
    private final int gatSlots;
    final float[] x;
    final float[] idFeatures;
    final long[] nodeId;
    final long[] idBucket;
    final float[] nodeMask;
    final long[] gatSrc;
    final long[] gatDst;
    final float[] gatEdgeAttr;
    final long[] gatSlot;
    final float[] gatIncidence;
    final long[] rawSrc;
    final long[] rawDst;
    final float[] rawEdgeAttr;
    final float[] rawEdgeMask;
    final float[] outAdjacency;
    private final long[] y;
    private final int[] attackType;
    private final int[] nodeCounts;
    private final int[] gatEdgeCounts;
    private final HostGraph.GraphRef[] refs;
    private float[] sampleWeights;
    private int sequenceLength = 1;

    private GraphBatch(List<HostGraph> graphs) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        size = graphs.size();
        int n = 0;
        int eg = 0;
        int er = 1;
        int d = 1;
        for (HostGraph g : graphs) {
            n = Math.max(n, g.numNodes());
            er = Math.max(er, g.numEdges());
            int[] in = inDegrees(g);
            int nonLoops = 0;
            for (int v = 0; v < g.numNodes(); v++) {
                nonLoops += in[v];
                d = Math.max(d, in[v] + 1);
            }
            eg = Math.max(eg, nonLoops + g.numNodes());
        }
        maxNodes = n;
        gatEdges = eg;
        rawEdges = er;
        gatSlots = d;
        int nf = HostGraph.NODE_FEATURES;
        int ef = HostGraph.EDGE_FEATURES;
        x = new float[size * n * nf];
        idFeatures = new float[size * n * HostGraph.ID_FEATURES];
        nodeId = new long[size * n];
        idBucket = new long[size * n];
        nodeMask = new float[size * n];
        gatSrc = new long[size * eg];
        gatDst = new long[size * eg];
        gatEdgeAttr = new float[size * eg * ef];
        gatSlot = new long[size * n * d];
        gatIncidence = new float[size * n * eg];
        rawSrc = new long[size * er];
        rawDst = new long[size * er];
        rawEdgeAttr = new float[size * er * ef];
        rawEdgeMask = new float[size * er];
        outAdjacency = new float[size * n * n];
        y = new long[size];
        attackType = new int[size];
        nodeCounts = new int[size];
        gatEdgeCounts = new int[size];
        refs = new HostGraph.GraphRef[size];
        for (int b = 0; b < size; b++) {
            fill(b, graphs.get(b));
        }
    }

    /** Packs graphs into one padded batch, in the given order. */
    public static GraphBatch of(List<HostGraph> graphs) {
        return new GraphBatch(graphs);
    }

    /**
     * Packs samples of {@code sequenceLength} consecutive graphs each (the steps of a snapshot sequence, in order);
     * a sample's label is its last step's.
     */
    public static GraphBatch of(List<HostGraph> graphs, int sequenceLength) {
        if (sequenceLength < 1 || graphs.size() % sequenceLength != 0) {
            throw new IllegalArgumentException(graphs.size() + " graphs do not form samples of " + sequenceLength);
        }
        GraphBatch b = new GraphBatch(graphs);
        b.sequenceLength = sequenceLength;
        return b;
    }

    /** Incoming non-loop edges per node. */
    private static int[] inDegrees(HostGraph g) {
        int[] in = new int[g.numNodes()];
        for (int i = 0; i < g.numEdges(); i++) {
            if (g.src()[i] != g.dst()[i]) {
                in[g.dst()[i]]++;
            }
        }
        return in;
    }

    private void fill(int b, HostGraph g) {
        int n = maxNodes;
        int nn = g.numNodes();
        int nf = HostGraph.NODE_FEATURES;
        int ef = HostGraph.EDGE_FEATURES;
        int fi = HostGraph.ID_FEATURES;
        long base = (long) b * n;
        System.arraycopy(g.x(), 0, x, b * n * nf, nn * nf);
        System.arraycopy(g.idFeatures(), 0, idFeatures, b * n * fi, nn * fi);
        System.arraycopy(g.nodeId(), 0, nodeId, b * n, nn);
        System.arraycopy(g.idBucket(), 0, idBucket, b * n, nn);
        java.util.Arrays.fill(nodeMask, b * n, b * n + nn, 1f);
        y[b] = g.y();
        attackType[b] = g.attackType();
        nodeCounts[b] = nn;
        refs[b] = g.ref();

        // GAT edges: non-loop edges in cache order, then one mean-filled self-loop per node (PyG GATv2Conv).
        int eg = gatEdges;
        double[] loopSum = new double[nn * ef];
        int[] inDeg = new int[nn];
        java.util.Arrays.fill(gatSlot, b * n * gatSlots, (b + 1) * n * gatSlots, (long) b * eg);
        int k = 0;
        for (int e = 0; e < g.numEdges(); e++) {
            int s = g.src()[e];
            int d = g.dst()[e];
            if (s == d) {
                continue;
            }
            setGatEdge(b, k++, s, d, inDeg[d]);
            System.arraycopy(g.edgeAttr(), e * ef, gatEdgeAttr, (b * eg + k - 1) * ef, ef);
            inDeg[d]++;
            for (int c = 0; c < ef; c++) {
                loopSum[d * ef + c] += g.edgeAttr()[e * ef + c];
            }
        }
        int firstLoop = b * eg + k;
        for (int v = 0; v < nn; v++) {
            setGatEdge(b, k++, v, v, inDeg[v]);
            int node = b * n + v;
            java.util.Arrays.fill(gatSlot, node * gatSlots + inDeg[v] + 1, (node + 1) * gatSlots, b * eg + k - 1L);
            int off = (b * eg + k - 1) * ef;
            for (int c = 0; c < ef; c++) {
                gatEdgeAttr[off + c] = inDeg[v] == 0 ? 0f : (float) (loopSum[v * ef + c] / inDeg[v]);
            }
        }
        gatEdgeCounts[b] = k;
        for (; k < eg; k++) { // padding edges: copies of node 0's self-loop, outside every slot and the incidence
            gatSrc[b * eg + k] = base;
            gatDst[b * eg + k] = base;
            System.arraycopy(gatEdgeAttr, firstLoop * ef, gatEdgeAttr, (b * eg + k) * ef, ef);
        }

        int er = rawEdges;
        for (int e = 0; e < er; e++) {
            if (e < g.numEdges()) {
                int s = g.src()[e];
                int d = g.dst()[e];
                rawSrc[b * er + e] = base + s;
                rawDst[b * er + e] = base + d;
                rawEdgeMask[b * er + e] = 1f;
                outAdjacency[(b * n + s) * n + d] += 1f;
            } else {
                rawSrc[b * er + e] = base;
                rawDst[b * er + e] = base;
            }
        }
        System.arraycopy(g.edgeAttr(), 0, rawEdgeAttr, b * er * ef, g.numEdges() * ef);
    }

    /** GAT edge k of graph b, s→d, as d's incoming edge number {@code slot}. */
    private void setGatEdge(int b, int k, int s, int d, int slot) {
        int row = b * gatEdges + k;
        int node = b * maxNodes + d;
        gatSrc[row] = (long) b * maxNodes + s;
        gatDst[row] = node;
        gatSlot[node * gatSlots + slot] = row;
        gatIncidence[node * gatEdges + k] = 1f;
    }

    /** Number of graphs B. */
    public int size() {
        return size;
    }

    /** Padded node count n (the largest graph's N). */
    public int maxNodes() {
        return maxNodes;
    }

    /** Padded GAT edge count Eg (non-loop edges + one self-loop per node, of the largest graph). */
    public int gatEdges() {
        return gatEdges;
    }

    /** Slots per node D: the largest number of incoming GAT edges of a node (its self-loop included), ≥ 1. */
    public int gatSlots() {
        return gatSlots;
    }

    /** Padded raw edge count Er. */
    public int rawEdges() {
        return rawEdges;
    }

    /** Total real nodes. */
    public int totalNodes() {
        int t = 0;
        for (int c : nodeCounts) {
            t += c;
        }
        return t;
    }

    public int nodeCount(int graph) {
        return nodeCounts[graph];
    }

    /** Graph labels [B] (copy). */
    public long[] labels() {
        return y.clone();
    }

    /** Attack-type codes [B] (copy). */
    public int[] attackTypes() {
        return attackType.clone();
    }

    /**
     * Sets per-graph loss weights for the next training step (the curriculum's), or clears them with null.
     *
     * @throws IllegalArgumentException when the length is not the batch size
     */
    public void weightSamples(float[] weights) {
        if (weights != null && weights.length != samples()) {
            throw new IllegalArgumentException("expected " + samples() + " sample weights, found " + weights.length);
        }
        sampleWeights = weights == null ? null : weights.clone();
    }

    /** Per-graph loss weights, or null when every graph counts fully. */
    public float[] sampleWeights() {
        return sampleWeights == null ? null : sampleWeights.clone();
    }

    /** Graphs per sample (1, or L for snapshot sequences). */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** Number of samples: graphs, or sequences of {@link #sequenceLength()} graphs. */
    public int samples() {
        return size / sequenceLength;
    }

    /** Per-sample labels: each sample's last graph's. */
    public long[] sampleLabels() {
        long[] out = new long[samples()];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[(i + 1) * sequenceLength - 1];
        }
        return out;
    }

    public HostGraph.GraphRef ref(int graph) {
        return refs[graph];
    }

    /**
     * The host arrays a forward needs without NDArrays (the batch's own arrays, not copies: read only). Graph b's
     * nodes are rows {@code b·n … b·n + nodeCounts[b] − 1}, its GAT edges rows {@code b·Eg … b·Eg +
     * gatEdgeCounts[b] − 1} of the edge arrays (the rest are padding).
     */
    public record Host(float[] x, float[] idFeatures, long[] nodeId, long[] idBucket, long[] gatSrc, long[] gatDst,
                       float[] gatEdgeAttr, int[] nodeCounts, int[] gatEdgeCounts) {
    }

    /** See {@link Host}. */
    public Host host() {
        return new Host(x, idFeatures, nodeId, idBucket, gatSrc, gatDst, gatEdgeAttr, nodeCounts, gatEdgeCounts);
    }

    /** Creates the batch's NDArrays on {@code manager} (closed with it). */
    public BatchTensors tensors(NDManager manager) {
        return new BatchTensors(this, manager);
    }
}
