package dev.graphids.cache;

import dev.graphids.graph.AttackTypes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts and size distributions of the samples of one split, accumulated over shards. */
final class SplitSummary {
    private long samples;
    private long attacks;
    private final Map<Integer, Long> attackTypes = new TreeMap<>();
    private int[] nodes = new int[0];
    private int[] edges = new int[0];
    private int sizes;
    private long frames;
    private int files;

    void addFile(long fileFrames) {
        frames += fileFrames;
        files++;
    }

    void add(int label, int attackType, int nodeCount, int edgeCount) {
        samples++;
        if (label != 0) {
            attacks++;
            attackTypes.merge(attackType, 1L, Long::sum);
        }
        if (sizes == nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(16, sizes * 2));
            edges = Arrays.copyOf(edges, Math.max(16, sizes * 2));
        }
        nodes[sizes] = nodeCount;
        edges[sizes] = edgeCount;
        sizes++;
    }

    long samples() {
        return samples;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("num_samples", samples);
        out.put("num_files", files);
        out.put("num_raw_frames", frames);
        out.put("label_balance", CacheMetadata.ordered("benign", samples - attacks, "attack", attacks));
        Map<String, Long> byName = new LinkedHashMap<>();
        // Attack windows of a file whose name names no known attack (code 0, e.g. "replay") are "other".
        attackTypes.forEach((code, n) -> byName.put(code == AttackTypes.BENIGN ? "other" : AttackTypes.nameOf(code), n));
        out.put("attack_balance", byName);
        out.put("node_count", stats(Arrays.copyOf(nodes, sizes)));
        out.put("edge_count", stats(Arrays.copyOf(edges, sizes)));
        return out;
    }

    private static Map<String, Object> stats(int[] v) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v.length == 0) {
            return out;
        }
        Arrays.sort(v);
        out.put("min", v[0]);
        out.put("max", v[v.length - 1]);
        out.put("mean", Arrays.stream(v).average().orElse(0));
        out.put("p50", v[(int) Math.floor(0.50 * (v.length - 1))]);
        out.put("p95", v[(int) Math.floor(0.95 * (v.length - 1))]);
        out.put("p99", v[(int) Math.floor(0.99 * (v.length - 1))]);
        return out;
    }
}
