package dev.graphids.model.gat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.graphids.cache.Split;
import dev.graphids.model.DataDims;
import dev.graphids.model.ModelConfig;
import dev.graphids.model.ModelFixtures;
import dev.graphids.model.ModelRegistry;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The frozen teacher's outputs are computed once per graph and read back unchanged. */
class TeacherOutputsTest {
    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    @Test
    void secondBatchReadsTheFirstForwardsOutputsWithoutRunningTheTeacher() {
        var cache = ModelFixtures.cache();
        BatchLoader loader = BatchLoader.open(cache, BatchLoader.Selection.of(Split.TRAIN)).clipFeatures(10);
        GraphBatch batch = loader.batches(loader.pack(loader.heuristicBudget(4))).iterator().next();
        ModelConfig config = ModelRegistry.parse(ModelRegistry.JSON.createObjectNode().put("type", "gat")
                .put("scale", "small"));
        try (NDManager root = NDManager.newBaseManager();
             GatClassifier teacher = (GatClassifier) ModelRegistry.create(config, DataDims.of(cache), root, 1);
             NDManager step = root.newSubManager()) {
            TeacherOutputs outputs = new TeacherOutputs(teacher, true);
            TeacherOutputs.Outputs live = outputs.of(batch.tensors(step));
            float[] liveLogits = live.logits().toFloatArray();
            float[] liveEmbeddings = live.embeddings().toFloatArray();
            assertThat(live.logits().getShape().get(0)).isEqualTo(batch.samples());

            // Silence the teacher: a recomputed forward would now give other values, a cached read the same ones.
            for (NDArray p : teacher.parameters().parameters().values()) {
                p.muli(0);
            }
            TeacherOutputs.Outputs cached = outputs.of(batch.tensors(step));
            assertThat(cached.logits().toFloatArray()).containsExactly(liveLogits);
            assertThat(cached.embeddings().toFloatArray()).containsExactly(liveEmbeddings);
            assertThat(cached.logits().getShape()).isEqualTo(live.logits().getShape());
            // A fresh cache runs the silenced teacher (other logits); without embeddings only the logits are kept.
            TeacherOutputs.Outputs recomputed = new TeacherOutputs(teacher, false).of(batch.tensors(step));
            assertThat(recomputed.logits().toFloatArray()).isNotEqualTo(liveLogits);
            assertThat(recomputed.embeddings()).isNull();
        }
    }
}
