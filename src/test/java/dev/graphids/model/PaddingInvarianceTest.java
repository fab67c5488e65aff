package dev.graphids.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.graphids.model.dgi.DgiConfig;
import dev.graphids.model.dgi.DgiModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.gat.GatConfig;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import dev.graphids.tensor.TestGraphs;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A graph's outputs do not depend on the other graphs of its batch or on the padding they cause. */
class PaddingInvarianceTest {
    static final DataDims DIMS = new DataDims(10, 16, 2);

    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    @Test
    void gatAndDgiOutputsOfAGraphAreTheSameAloneAndInAPaddedBatch() {
        HostGraph small = TestGraphs.random(4, 9, 1, 0);
        List<HostGraph> others = List.of(TestGraphs.random(12, 40, 2, 1), TestGraphs.random(9, 20, 3, 0));
        GraphBatch alone = GraphBatch.of(List.of(small));
        GraphBatch mixed = GraphBatch.of(List.of(others.get(0), small, others.get(1)));
        assertThat(mixed.maxNodes()).isGreaterThan(alone.maxNodes());
        try (NDManager root = NDManager.newBaseManager();
             GatClassifier gat = (GatClassifier) ModelRegistry.create(GatConfig.of("small").withIdOptions(true, true),
                     DIMS, root, 4);
             DgiModel dgi = (DgiModel) ModelRegistry.create(DgiConfig.of("small"), DIMS, root, 5)) {
            float[][] a = gat.probabilities(alone);
            float[][] m = gat.probabilities(mixed);
            assertThat(m[1][0]).isCloseTo(a[0][0], Offset.offset(1e-5f));
            assertThat(m[1][1]).isCloseTo(a[0][1], Offset.offset(1e-5f));
            float[] ea = dgi.graphEmbeddings(alone)[0];
            float[] em = dgi.graphEmbeddings(mixed)[1];
            for (int i = 0; i < ea.length; i++) {
                assertThat(em[i]).isCloseTo(ea[i], Offset.offset(1e-4f));
            }
        }
    }

    /** Scoring gathers embedding rows; training multiplies a one-hot (deterministic backward): identical values. */
    @Test
    void embeddingLookupGivesTheSameLogitsWithAndWithoutGradientRecording() {
        GraphBatch batch = GraphBatch.of(List.of(TestGraphs.random(12, 40, 2, 1), TestGraphs.random(4, 9, 1, 0)));
        try (NDManager root = NDManager.newBaseManager();
             GatClassifier gat = (GatClassifier) ModelRegistry.create(GatConfig.of("small").withIdOptions(true, true),
                     DIMS, root, 4);
             NDManager step = root.newSubManager()) {
            var t = batch.tensors(step);
            float[] gathered = gat.logits(t, false).toFloatArray();
            float[] oneHot;
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getEngine(Engines.PYTORCH)
                    .newGradientCollector()) {
                assertThat(dev.graphids.model.layer.Nn.recordingGradients()).isTrue();
                oneHot = gat.logits(batch.tensors(step), false).toFloatArray();
            }
            assertThat(dev.graphids.model.layer.Nn.recordingGradients()).isFalse();
            assertThat(gathered).containsExactly(oneHot);
        }
    }
}
