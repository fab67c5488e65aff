package dev.graphids.fusion.state;

import dev.graphids.eval.SplitData;
import dev.graphids.eval.SplitRef;
import java.util.List;
import java.util.Map;

/**
 * The fusion state of one split: per-graph feature blocks (tensor name → row-major values) with each graph's
 * ground truth and identity in the graph cache.
 *
 * @param name        {@code fusion_train}, {@code fusion_val} or a test folder
 * @param features    {@code gat/probs} → [n·2], ... (every key of {@link StateLayout#BLOCKS}, DGI keys optional)
 * @param windowId    the graph's position in the upstream split's reading order (the {@code SplitReader} order of
 *                    the cache's val split, or of the test folder)
 * @param sources     capture files that {@code sourceIndex} points into
 */
public record FusionStates(String name, Map<String, float[]> features, int[] labels, int[] attackTypes,
                           long[] windowId, long[] windowIndex, long[] startRow, int[] sourceIndex,
                           List<String> sources) {

    public int size() {
        return labels.length;
    }

    /** The 18-dim state, row-major [n, 18]. */
    public float[] flat() {
        return StateLayout.flatten(features, size());
    }

    /** p(attack) of the GAT for each graph. */
    public double[] gatProb() {
        float[] p = features.get("gat/probs");
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i * 2 + 1];
        }
        return out;
    }

    /** The VGAE anomaly of the RL fusers' reward and decision ({@link FeatureFormulas#anomaly}). */
    public double[] anomaly() {
        float[] e = features.get("vgae/errors");
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FeatureFormulas.anomaly(e[i * 3], e[i * 3 + 1], e[i * 3 + 2]);
        }
        return out;
    }

    /**
     * The graphs' identities as {@link SplitData} under {@code ref}, so that predictions and evaluations reuse the
     * eval package (graph is the window id).
     */
    public SplitData asSplitData(SplitRef ref) {
        int[] graph = new int[size()];
        for (int i = 0; i < graph.length; i++) {
            graph[i] = (int) windowId[i];
        }
        return new SplitData(ref, sources, sourceIndex, graph, windowIndex, startRow, labels, attackTypes);
    }
}
