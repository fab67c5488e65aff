package dev.graphids.cache;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The z-score scaler of data.md §2.5 ({@code z_benign}): per column mean and population std fitted on the node rows
 * and edge rows of benign training graphs only; std clamped to at least 1e-12. Applied by whoever reads the cache
 * ({@code x' = (x - mean) / std}); the cached tensors hold unscaled features, so one cache serves any scaler.
 */
public record FeatureScaler(@JsonProperty("strategy") String strategy,
                            @JsonProperty("node_mean") double[] nodeMean, @JsonProperty("node_std") double[] nodeStd,
                            @JsonProperty("edge_mean") double[] edgeMean, @JsonProperty("edge_std") double[] edgeStd,
                            @JsonProperty("fitted_node_rows") long fittedNodeRows,
                            @JsonProperty("fitted_edge_rows") long fittedEdgeRows) {

    public static final double MIN_STD = 1e-12;

    public static FeatureScaler fit(RunningMoments nodes, RunningMoments edges) {
        return new FeatureScaler("z_benign", nodes.mean(), clamp(nodes.populationStd()), edges.mean(),
                clamp(edges.populationStd()), nodes.count(), edges.count());
    }

    private static double[] clamp(double[] std) {
        for (int i = 0; i < std.length; i++) {
            std[i] = Math.max(std[i], MIN_STD);
        }
        return std;
    }

    /** Scales rows of node features in place. */
    public void scaleNodes(float[] rows) {
        scale(rows, nodeMean, nodeStd);
    }

    /** Scales rows of edge features in place. */
    public void scaleEdges(float[] rows) {
        scale(rows, edgeMean, edgeStd);
    }

    private static void scale(float[] rows, double[] mean, double[] std) {
        int cols = mean.length;
        for (int i = 0; i < rows.length; i++) {
            int c = i % cols;
            rows[i] = (float) ((rows[i] - mean[c]) / std[c]);
        }
    }
}
