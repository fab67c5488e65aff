package dev.graphids.detect;

import ai.djl.ndarray.NDManager;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.fusion.FusionData;
import dev.graphids.fusion.FusionModel;
import dev.graphids.fusion.state.FusionStates;
import dev.graphids.fusion.state.ModelFeatures;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.GraphModel;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fuser on the windows' graphs: each graph's fusion state from the upstream models, computed as the extract stage
 * computes it ({@link ModelFeatures}, and the rate baseline's score beside it), then the fuser's score. The VGAE's state features are stochastic (random mask,
 * sampled z), so libtorch is seeded once: a run repeats exactly, and the deterministic features (the GAT's, the
 * Rayleigh quotient) equal the extract stage's.
 */
final class FusionScorer extends HostGraphScorer {
    private final NDManager root = NDManager.newBaseManager();
    private final Map<String, List<GraphModel>> upstream = new LinkedHashMap<>();
    private final FusionModel fuser;
    /** With per-input stream levels: the fuser's scorer of this one stream, else null. */
    private final FusionModel.StreamScorer stream;

    /** @param perInput when not null, each fuser input relative to this stream's running level (max_sigma only) */
    FusionScorer(DetectorSpec spec, StreamCalibration perInput) {
        super(spec);
        try {
            spec.fusion().upstream().forEach((key, loaders) -> {
                List<GraphModel> members = new ArrayList<>();
                upstream.put(key, members);
                loaders.forEach(l -> members.add(l.load(root)));
            });
            fuser = spec.fusion().fuser().load(root);
            stream = perInput == null ? null : fuser.streamScorer(perInput);
        } catch (RuntimeException e) {
            closeUpstream();
            root.close();
            throw e;
        }
        Engines.seed(0);
    }

    @Override
    double[] scoreHosts(List<HostGraph> graphs, double[] rates) {
        FusionData data = states(graphs, rates);
        return stream != null ? stream.next(data) : fuser.predict(data).score();
    }

    /** Occluded windows are not the stream's: they are scored against its current levels and do not move them. */
    @Override
    double[] scoreVariants(List<HostGraph> graphs, double[] rates) {
        FusionData data = states(graphs, rates);
        return stream != null ? stream.peek(data) : fuser.predict(data).score();
    }

    private FusionData states(List<HostGraph> graphs, double[] rates) {
        GraphBatch batch = GraphBatch.of(graphs);
        Map<String, float[]> features = new LinkedHashMap<>();
        for (List<GraphModel> m : upstream.values()) {
            features.putAll(ModelFeatures.of(m, batch));
        }
        int n = graphs.size();
        float[] rate = new float[n];
        for (int i = 0; i < n; i++) {
            rate[i] = (float) rates[i];
        }
        features.put(StateLayout.RATE, rate);
        FusionStates states = new FusionStates("stream", features, new int[n], new int[n], new long[n], new long[n],
                new long[n], new int[n], List.of());
        return FusionData.of(states);
    }

    @Override
    public void close() {
        fuser.close();
        closeUpstream();
        root.close();
    }

    private void closeUpstream() {
        upstream.values().forEach(ms -> ms.forEach(GraphModel::close));
    }
}
