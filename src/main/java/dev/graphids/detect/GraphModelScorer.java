package dev.graphids.detect;

import ai.djl.ndarray.NDManager;
import dev.graphids.model.GraphModel;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.List;

/** One graph model (GAT, VGAE, DGI) on the windows' graphs. */
final class GraphModelScorer extends HostGraphScorer {
    private final NDManager root = NDManager.newBaseManager();
    private final GraphModel model;

    GraphModelScorer(DetectorSpec spec) {
        super(spec);
        this.model = spec.loader().load(root);
    }

    @Override
    double[] scoreHosts(List<HostGraph> graphs, double[] rates) {
        float[] s = model.score(GraphBatch.of(graphs));
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
        root.close();
    }
}
