package dev.graphids.model.gat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.Split;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import dev.graphids.model.DataDims;
import dev.graphids.model.ModelFixtures;
import dev.graphids.model.ModelRegistry;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code timing_features: false}: the model's output does not depend on the three timing columns, only on the rest. */
class TimingFeaturesTest {
    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    @Test
    void withoutTimingFeaturesTheLogitsIgnoreTheTimingColumnsAndOnlyThem() {
        var cache = ModelFixtures.cache();
        BatchLoader loader = BatchLoader.open(cache, BatchLoader.Selection.of(Split.TRAIN)).clipFeatures(10);
        GraphBatch batch = loader.batches(loader.pack(loader.heuristicBudget(4))).iterator().next();
        float[] timing = new float[HostGraph.NODE_FEATURES];
        timing[NodeFeatures.NODE_IAT_MEAN] = 3f;
        timing[NodeFeatures.NODE_IAT_STD] = -2f;
        float[] edgeTiming = new float[HostGraph.EDGE_FEATURES];
        edgeTiming[EdgeFeatures.IAT] = 5f;
        float[] payload = new float[HostGraph.NODE_FEATURES];
        payload[0] = 3f; // byte_0_mean
        for (boolean visible : new boolean[] {false, true}) {
            var config = ModelRegistry.parse(ModelRegistry.JSON.createObjectNode().put("type", "gat")
                    .put("scale", "small").put("timing_features", visible));
            try (NDManager root = NDManager.newBaseManager();
                 GatClassifier gat = (GatClassifier) ModelRegistry.create(config, DataDims.of(cache), root, 1);
                 NDManager m = root.newSubManager()) {
                BatchTensors t = batch.tensors(m);
                float[] plain = gat.logits(t, false).toFloatArray();
                BatchTensors otherTiming = t.withFeatures(t.x().add(m.create(timing)),
                        t.gatEdgeAttr().add(m.create(edgeTiming)));
                BatchTensors otherPayload = t.withFeatures(t.x().add(m.create(payload)), t.gatEdgeAttr());
                float[] timed = gat.logits(otherTiming, false).toFloatArray();
                if (visible) {
                    assertThat(timed).isNotEqualTo(plain);
                } else {
                    assertThat(timed).containsExactly(plain);
                }
                assertThat(gat.logits(otherPayload, false).toFloatArray()).isNotEqualTo(plain);
            }
        }
    }
}
