package dev.graphids.tensor;

import dev.graphids.cache.FeatureScaler;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.ShardTensors;
import dev.graphids.cache.Split;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Reads one selection of a {@link GraphCache} (a split, optionally one folder, optionally benign graphs only) shard
 * by shard from the memory-mapped safetensors files, applies the cache's {@link FeatureScaler} to node and edge
 * features, and packs graphs into {@link GraphBatch}es.
 *
 * <p>Packing (models.md §8.8, {@code pack_offline}): graphs sorted by node count, descending (ties by position, so
 * plans are deterministic), then next-fit: a graph joins the open bin while the bin's node sum stays within the
 * node budget and its edge sum within the edge budget, else the bin closes. Graphs larger than a budget are dropped
 * and counted ({@link #dropped()}). The plan is fixed; each epoch only shuffles the order of bins, with a seed.
 * Only the index of each graph is kept on the heap; features are read from the mapping when a batch is built.
 *
 * <p>On a snapshot_sequence cache the samples are sequences of L consecutive window graphs, selected by their own
 * split code and labelled by their last step (docs/cache.md); a batch then holds the L step graphs of each sequence
 * in order ({@link GraphBatch#sequenceLength()}), and packing budgets count the nodes and edges of all L steps, as
 * the original packed its union graphs.
 */
public final class BatchLoader {
    private final FeatureScaler scaler;
    private final List<ShardView> shards = new ArrayList<>();
    // {shard, sample, nodes, edges, label, attack type, step graph 0 .. L−1}; a snapshot sample is its own step 0
    private final List<long[]> graphs = new ArrayList<>();
    private int sequenceLength = 1;
    private int dropped;
    private float clip;

    /** Which graphs to read. */
    public record Selection(Split split, String folder, boolean benignOnly) {
        public static Selection of(Split split) {
            return new Selection(split, null, false);
        }

        public Selection benign() {
            return new Selection(split, folder, true);
        }

        public Selection inFolder(String f) {
            return new Selection(split, f, benignOnly);
        }
    }

    private record ShardView(String name, Safetensors.MappedFile file, long[] nodePtr, long[] edgePtr) {
    }

    private BatchLoader(FeatureScaler scaler) {
        this.scaler = scaler;
    }

    /** Opens the selection; reads only the per-sample offsets, labels and split codes. */
    public static BatchLoader open(GraphCache cache, Selection selection) {
        boolean sequences = cache.metadata().path("sample_kind").asText("graph").equals("sequence");
        try {
            BatchLoader loader = new BatchLoader(cache.scaler());
            for (String shard : cache.shards(selection.folder())) {
                Safetensors.MappedFile f = cache.mapShard(shard);
                long[] nodePtr = f.longArray(ShardTensors.NODE_PTR);
                long[] edgePtr = f.longArray(ShardTensors.EDGE_PTR);
                int s = loader.shards.size();
                loader.shards.add(new ShardView(shard, f, nodePtr, edgePtr));
                if (sequences) {
                    loader.addSequences(s, f, selection);
                } else {
                    loader.addGraphs(s, f, selection);
                }
            }
            return loader;
        } catch (IOException e) {
            throw GraphidsException.environment(cache.dir() + ": cannot read graph cache: " + e.getMessage(), e);
        }
    }

    private void addGraphs(int s, Safetensors.MappedFile f, Selection selection) {
        ShardView view = shards.get(s);
        ByteBuffer split = f.bytes(ShardTensors.SPLIT);
        LongBuffer y = f.longs(ShardTensors.Y);
        LongBuffer type = f.longs(ShardTensors.ATTACK_TYPE);
        for (int g = 0; g < view.nodePtr().length - 1; g++) {
            if (selected(split.get(g), y.get(g), selection)) {
                graphs.add(new long[] {s, g, nodes(view, g), edges(view, g), y.get(g), type.get(g), g});
            }
        }
    }

    private void addSequences(int s, Safetensors.MappedFile f, Selection selection) {
        ShardView view = shards.get(s);
        long[] shape = f.shape(ShardTensors.SEQUENCE);
        int length = (int) shape[1];
        if (!graphs.isEmpty() && length != sequenceLength) {
            throw GraphidsException.usage(view.name() + ": sequences of " + length + " steps, other shards have "
                    + sequenceLength);
        }
        sequenceLength = length;
        long[] steps = f.longArray(ShardTensors.SEQUENCE);
        ByteBuffer split = f.bytes(ShardTensors.SEQUENCE_SPLIT);
        LongBuffer y = f.longs(ShardTensors.SEQUENCE_Y);
        LongBuffer type = f.longs(ShardTensors.SEQUENCE_ATTACK_TYPE);
        for (int q = 0; q < shape[0]; q++) {
            if (!selected(split.get(q), y.get(q), selection)) {
                continue;
            }
            long[] sample = new long[6 + length];
            sample[0] = s;
            sample[1] = q;
            for (int k = 0; k < length; k++) {
                int g = (int) steps[q * length + k];
                sample[2] += nodes(view, g);
                sample[3] += edges(view, g);
                sample[6 + k] = g;
            }
            sample[4] = y.get(q);
            sample[5] = type.get(q);
            graphs.add(sample);
        }
    }

    private static boolean selected(byte split, long y, Selection selection) {
        return split == selection.split().code() && !(selection.benignOnly() && y != 0);
    }

    private static long nodes(ShardView view, int g) {
        return view.nodePtr()[g + 1] - view.nodePtr()[g];
    }

    private static long edges(ShardView view, int g) {
        return view.edgePtr()[g + 1] - view.edgePtr()[g];
    }

    /** Window graphs per sample: 1 on snapshot caches, L on snapshot_sequence caches. */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** The label (0 benign, 1 attack) of selected sample {@code i}. */
    public int label(int i) {
        return graphs.get(i)[4] != 0 ? 1 : 0;
    }

    /**
     * Clips scaled node and edge features to [−bound, bound] (0 = off, the default and the original's behaviour).
     * The z_benign scaler clamps std at 1e-12 (data.md §2.5), so a column that is constant on benign training
     * graphs scales to about ±1e12 wherever it varies (attack graphs, other vehicles); clipping keeps such inputs
     * finite for training. Returns this loader.
     */
    public BatchLoader clipFeatures(double bound) {
        if (!(bound >= 0)) {
            throw new IllegalArgumentException("feature clip bound must be >= 0, found " + bound);
        }
        this.clip = (float) bound;
        return this;
    }

    /** Number of selected samples (graphs, or sequences on a snapshot_sequence cache). */
    public int size() {
        return graphs.size();
    }

    public long totalNodes() {
        return graphs.stream().mapToLong(g -> g[2]).sum();
    }

    public long totalEdges() {
        return graphs.stream().mapToLong(g -> g[3]).sum();
    }

    public long maxNodes() {
        return graphs.stream().mapToLong(g -> g[2]).max().orElse(0);
    }

    public long maxEdges() {
        return graphs.stream().mapToLong(g -> g[3]).max().orElse(0);
    }

    /** The heuristic budget of data.md §5.2 for this selection. */
    public PackingBudget heuristicBudget(int minSteps) {
        return PackingBudget.heuristic(totalNodes(), totalEdges(), maxNodes(), maxEdges(), minSteps);
    }

    /** Graphs dropped by the last {@link #pack} because they exceeded a budget. */
    public int dropped() {
        return dropped;
    }

    /** Next-fit packing over graphs sorted by node count, descending; returns bins of selection indices. */
    public List<int[]> pack(PackingBudget budget) {
        List<Integer> order = sortedBySize();
        List<int[]> bins = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        long nodes = 0;
        long edges = 0;
        dropped = 0;
        for (int i : order) {
            long gn = graphs.get(i)[2];
            long ge = graphs.get(i)[3];
            if (gn > budget.nodes() || ge > budget.edges()) {
                dropped++;
                continue;
            }
            if (!open.isEmpty() && (nodes + gn > budget.nodes() || edges + ge > budget.edges())) {
                bins.add(toArray(open));
                open.clear();
                nodes = 0;
                edges = 0;
            }
            open.add(i);
            nodes += gn;
            edges += ge;
        }
        if (!open.isEmpty()) {
            bins.add(toArray(open));
        }
        return bins;
    }

    /** Bins of at most {@code graphsPerBatch} graphs over the size-sorted order (for benchmarks). */
    public List<int[]> packByCount(int graphsPerBatch) {
        return packByCount(graphsPerBatch, Long.MAX_VALUE);
    }

    /**
     * Bins over the size-sorted order (largest first) of at most {@code graphsPerBatch} graphs whose padded node
     * rows — members × the bin's largest graph — stay within {@code paddedNodes} (a single larger graph gets a bin of
     * its own). Evaluation keeps every intermediate of a forward until the batch ends, so this bounds its memory:
     * 256 fuzzing windows of ~100 IDs each took 1.3 GB, while bins of 4,096 padded rows score as fast.
     */
    public List<int[]> packByCount(int graphsPerBatch, long paddedNodes) {
        if (graphsPerBatch < 1 || paddedNodes < 1) {
            throw new IllegalArgumentException("graphs per batch and padded nodes must be >= 1");
        }
        dropped = 0;
        List<int[]> bins = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        long largest = 0;
        for (int i : sortedBySize()) {
            long n = graphs.get(i)[2];
            if (!open.isEmpty() && (open.size() == graphsPerBatch || largest * (open.size() + 1) > paddedNodes)) {
                bins.add(toArray(open));
                open.clear();
            }
            largest = open.isEmpty() ? n : largest; // size-sorted: the first member is the largest
            open.add(i);
        }
        if (!open.isEmpty()) {
            bins.add(toArray(open));
        }
        return bins;
    }

    private List<Integer> sortedBySize() {
        List<Integer> order = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -graphs.get(i)[2]).thenComparingInt(i -> i));
        return order;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    /** The bins of {@code plan} in an order shuffled by {@code seed} and {@code epoch} (membership unchanged). */
    public static List<int[]> shuffle(List<int[]> plan, long seed, int epoch) {
        List<int[]> out = new ArrayList<>(plan);
        Collections.shuffle(out, new Random(seed * 1_000_003L + epoch));
        return out;
    }

    /** Batches of {@code plan}, built lazily in order. */
    public Iterable<GraphBatch> batches(List<int[]> plan) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < plan.size();
            }

            @Override
            public GraphBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(plan.get(next++));
            }
        };
    }

    /** One batch of selection indices (for sequences, each sample's L step graphs in order). */
    public GraphBatch batch(int[] members) {
        List<HostGraph> list = new ArrayList<>(members.length * sequenceLength);
        for (int i : members) {
            long[] sample = graphs.get(i);
            for (int k = 0; k < sequenceLength; k++) {
                list.add(read((int) sample[0], (int) sample[6 + k]));
            }
        }
        return GraphBatch.of(list, sequenceLength);
    }

    /** Reads and scales selected graph {@code i} of a snapshot cache. */
    public HostGraph graph(int i) {
        if (sequenceLength != 1) {
            throw new IllegalStateException("a snapshot_sequence selection holds sequences; use batch()");
        }
        long[] g = graphs.get(i);
        return read((int) g[0], (int) g[1]);
    }

    /** Reads and scales graph {@code gi} of shard {@code shard}. */
    private HostGraph read(int shard, int gi) {
        ShardView s = shards.get(shard);
        int n0 = (int) s.nodePtr()[gi];
        int nn = (int) nodes(s, gi);
        int e0 = (int) s.edgePtr()[gi];
        int ne = (int) edges(s, gi);
        Safetensors.MappedFile f = s.file();
        float[] x = floats(f.floats(ShardTensors.X), n0 * HostGraph.NODE_FEATURES, nn * HostGraph.NODE_FEATURES);
        scaler.scaleNodes(x);
        clip(x);
        float[] idf = floats(f.floats(ShardTensors.ID_FEATURES), n0 * HostGraph.ID_FEATURES,
                nn * HostGraph.ID_FEATURES);
        long[] nodeId = longs(f.longs(ShardTensors.NODE_ID), n0, nn);
        long[] bucket = longs(f.longs(ShardTensors.ID_BUCKET), n0, nn);
        LongBuffer ei = f.longs(ShardTensors.EDGE_INDEX);
        long totalEdges = s.edgePtr()[s.edgePtr().length - 1];
        int[] src = new int[ne];
        int[] dst = new int[ne];
        for (int e = 0; e < ne; e++) {
            src[e] = (int) ei.get(e0 + e);
            dst[e] = (int) ei.get((int) (totalEdges + e0 + e));
        }
        float[] ea = floats(f.floats(ShardTensors.EDGE_ATTR), e0 * HostGraph.EDGE_FEATURES,
                ne * HostGraph.EDGE_FEATURES);
        scaler.scaleEdges(ea);
        clip(ea);
        long y = f.longs(ShardTensors.Y).get(gi);
        int at = (int) f.longs(ShardTensors.ATTACK_TYPE).get(gi);
        return new HostGraph(nn, x, idf, nodeId, bucket, src, dst, ea, y, at, new HostGraph.GraphRef(s.name(), gi));
    }

    private void clip(float[] v) {
        if (clip > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(-clip, Math.min(clip, v[i]));
            }
        }
    }

    private static float[] floats(FloatBuffer b, int from, int len) {
        float[] out = new float[len];
        b.get(from, out, 0, len);
        return out;
    }

    private static long[] longs(LongBuffer b, int from, int len) {
        long[] out = new long[len];
        b.get(from, out, 0, len);
        return out;
    }
}
