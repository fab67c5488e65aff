package dev.graphids.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.ShardTensors;
import dev.graphids.cache.Split;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the window graphs of one split from a graph cache: the training or validation part of the training folders
 * ({@code split} code 0 or 1 in their shards) or the graphs of one test folder (code 3). Shards are memory-mapped;
 * per-graph ids and labels are copied into primitive arrays, node and edge tensors stay in the mapping.
 *
 * <p>Order is fixed: shards as listed in {@code cache_metadata.json}, graphs ascending within a shard; every array
 * this reader hands out ({@link SplitData}, the scores of {@link #score}) follows it. Works on snapshot and
 * snapshot_sequence caches, whose samples are sequences selected by their own split code and identified by their
 * last (target) window graph, whose label they carry; temporal caches have no graphs and are refused.
 */
public final class SplitReader {
    private final GraphCache cache;
    private final List<String> testFolders = new ArrayList<>();
    private final boolean sequences;

    public SplitReader(GraphCache cache) {
        this.cache = cache;
        String kind = cache.metadata().path("sample_kind").asText("graph");
        if (!kind.equals("graph") && !kind.equals("sequence")) {
            throw GraphidsException.usage(cache.dir() + ": a " + kind + " cache has no window graphs to read");
        }
        sequences = kind.equals("sequence");
        for (JsonNode f : cache.metadata().path("test_folders")) {
            testFolders.add(f.asText());
        }
    }

    /** Computes one score per graph of a shard view, in {@link ShardView#graphs()} order. */
    @FunctionalInterface
    public interface ShardScorer {
        double[] score(ShardView view) throws IOException;
    }

    public GraphCache cache() {
        return cache;
    }

    /** The test folders present in the cache, in catalog order. */
    public List<String> testFolders() {
        return List.copyOf(testFolders);
    }

    /** train, val and each test folder. */
    public List<SplitRef> splits() {
        List<SplitRef> out = new ArrayList<>(List.of(SplitRef.train(), SplitRef.val()));
        testFolders.forEach(f -> out.add(SplitRef.test(f)));
        return out;
    }

    /** The shards holding graphs of the split, each with the split's graphs; shards without any are left out. */
    public List<ShardView> shards(SplitRef split) throws IOException {
        if (split.split() == Split.TEST && !testFolders.contains(split.folder())) {
            throw GraphidsException.usage("no test folder '" + split.folder() + "' in the cache " + cache.dir()
                    + " (has " + testFolders + ")");
        }
        Set<String> tests = new HashSet<>(testFolders);
        List<ShardView> out = new ArrayList<>();
        for (JsonNode f : cache.metadata().get("files")) {
            if (!f.path("used").asBoolean() || f.path("shard").isNull() || f.path("shard").isMissingNode()) {
                continue;
            }
            String folder = f.get("folder").asText();
            boolean wanted = split.split() == Split.TEST ? folder.equals(split.folder()) : !tests.contains(folder);
            if (!wanted) {
                continue;
            }
            String shard = f.get("shard").asText();
            Safetensors.MappedFile file = cache.mapShard(shard);
            int[] graphs = sequences ? targetsOf(file, split.split().code()) : graphsOf(file, split.split().code());
            if (graphs.length > 0) {
                out.add(new ShardView(shard, f.get("name").asText(), folder, file, graphs));
            }
        }
        return out;
    }

    private static int[] graphsOf(Safetensors.MappedFile file, int code) {
        ByteBuffer split = file.bytes(ShardTensors.SPLIT);
        int n = 0;
        for (int g = 0; g < split.limit(); g++) {
            n += split.get(g) == code ? 1 : 0;
        }
        int[] out = new int[n];
        int at = 0;
        for (int g = 0; g < split.limit(); g++) {
            if (split.get(g) == code) {
                out[at++] = g;
            }
        }
        return out;
    }

    /** The last-step graph of each sequence of the split, in sequence order. */
    private static int[] targetsOf(Safetensors.MappedFile file, int code) {
        long[] shape = file.shape(ShardTensors.SEQUENCE);
        int length = (int) shape[1];
        long[] steps = file.longArray(ShardTensors.SEQUENCE);
        ByteBuffer split = file.bytes(ShardTensors.SEQUENCE_SPLIT);
        int[] out = new int[split.limit()];
        int n = 0;
        for (int q = 0; q < split.limit(); q++) {
            if (split.get(q) == code) {
                out[n++] = (int) steps[q * length + length - 1];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Ids and labels of the split's graphs. */
    public SplitData read(SplitRef split) throws IOException {
        return data(split, shards(split));
    }

    /** Scores every graph of the split, one shard at a time, and pairs the scores with the graphs' ids and labels. */
    public ScoredSplit score(SplitRef split, ShardScorer scorer) throws IOException {
        List<ShardView> views = shards(split);
        SplitData data = data(split, views);
        double[] scores = new double[data.size()];
        int at = 0;
        for (ShardView v : views) {
            double[] s = scorer.score(v);
            if (s.length != v.size()) {
                throw new IllegalStateException(v.shard() + ": scorer returned " + s.length + " scores for "
                        + v.size() + " graphs");
            }
            System.arraycopy(s, 0, scores, at, s.length);
            at += s.length;
        }
        return new ScoredSplit(data, scores);
    }

    private static SplitData data(SplitRef split, List<ShardView> views) {
        int n = views.stream().mapToInt(ShardView::size).sum();
        List<String> sources = new ArrayList<>();
        int[] sourceIndex = new int[n];
        int[] graph = new int[n];
        long[] windowIndex = new long[n];
        long[] startRow = new long[n];
        int[] labels = new int[n];
        int[] attackTypes = new int[n];
        int at = 0;
        for (ShardView v : views) {
            int source = sources.size();
            sources.add(v.source());
            LongBuffer window = v.file().longs(ShardTensors.WINDOW_INDEX);
            LongBuffer start = v.file().longs(ShardTensors.START_ROW);
            LongBuffer y = v.file().longs(ShardTensors.Y);
            LongBuffer type = v.file().longs(ShardTensors.ATTACK_TYPE);
            for (int g : v.graphs()) {
                sourceIndex[at] = source;
                graph[at] = g;
                windowIndex[at] = window.get(g);
                startRow[at] = start.get(g);
                labels[at] = y.get(g) != 0 ? 1 : 0;
                attackTypes[at] = (int) type.get(g);
                at++;
            }
        }
        return new SplitData(split, sources, sourceIndex, graph, windowIndex, startRow, labels, attackTypes);
    }
}
