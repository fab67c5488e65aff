package dev.graphids.model.vgae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.Split;
import dev.graphids.model.DataDims;
import dev.graphids.model.ModelFixtures;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.layer.ScalarsTest;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VGAE's gradients must not depend on when the garbage collector runs (see Scalars). */
class VgaeGradientTest {

    private static Map<String, float[]> gradients(GraphCache cache, GraphBatch batch, boolean collectBeforeBackward) {
        try (NDManager root = NDManager.newBaseManager()) {
            VgaeModel model = (VgaeModel) ModelRegistry.create(VgaeConfig.of("small"), DataDims.of(cache), root, 1);
            Engines.seed(7);
            try (NDManager step = root.newSubManager()) {
                BatchTensors t = batch.tensors(step);
                try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                    VgaeModel.Forward f = model.forward(t, true);
                    var loss = model.lossTerms(f, t)[0];
                    if (collectBeforeBackward) {
                        ScalarsTest.collectAndOverwriteFreedMemory();
                    }
                    gc.backward(loss);
                }
                Map<String, float[]> out = new LinkedHashMap<>();
                model.parameters().parameters().forEach((name, p) -> {
                    if (p.hasGradient()) {
                        out.put(name, p.getGradient().toFloatArray());
                    }
                });
                return out;
            }
        }
    }

    private static GraphBatch firstValidationBatch(GraphCache cache) {
        Engines.preflight(Accelerator.CPU, 1);
        BatchLoader val = BatchLoader.open(cache, BatchLoader.Selection.of(Split.VAL));
        return val.batch(val.packByCount(64).get(0));
    }

    @Test
    void theEvaluationForwardEqualsTheFullOneOnWhatScoringReads() {
        GraphCache cache = ModelFixtures.cache();
        GraphBatch batch = firstValidationBatch(cache);
        try (NDManager root = NDManager.newBaseManager(); NDManager step = root.newSubManager()) {
            VgaeModel model = (VgaeModel) ModelRegistry.create(VgaeConfig.of("small"), DataDims.of(cache), root, 1);
            BatchTensors t = batch.tensors(step);
            Engines.seed(11);
            VgaeModel.Forward full = model.forward(t, false, 0.3, true);
            Engines.seed(11);
            VgaeModel.Forward eval = model.reconstruct(t, 0.3);
            assertThat(eval.canidLogits()).isNull();
            assertThat(eval.contOut().toFloatArray()).containsExactly(full.contOut().toFloatArray());
            assertThat(eval.mu().toFloatArray()).containsExactly(full.mu().toFloatArray());
            assertThat(eval.z().toFloatArray()).containsExactly(full.z().toFloatArray());
            assertThat(eval.kl().toFloatArray()).containsExactly(full.kl().toFloatArray());
            assertThat(eval.masked().toFloatArray()).containsExactly(full.masked().toFloatArray());
        }
    }

    @Test
    void scoreSamplesAverageTheComponentsOfSuccessiveDraws() {
        GraphCache cache = ModelFixtures.cache();
        GraphBatch batch = firstValidationBatch(cache);
        VgaeConfig one = VgaeConfig.of("small");
        VgaeConfig three = new VgaeConfig("small", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, 3, null, null);
        try (NDManager root = NDManager.newBaseManager()) {
            VgaeModel single = (VgaeModel) ModelRegistry.create(one, DataDims.of(cache), root, 1);
            VgaeModel averaged = (VgaeModel) ModelRegistry.create(three, DataDims.of(cache), root, 1);
            Engines.seed(5);
            float[][] draws = new float[3][];
            for (int i = 0; i < 3; i++) {
                draws[i] = single.components(batch).recon();
            }
            Engines.seed(5);
            float[] mean = averaged.components(batch).recon();
            for (int g = 0; g < mean.length; g++) {
                assertThat(mean[g]).isCloseTo((draws[0][g] + draws[1][g] + draws[2][g]) / 3f,
                        org.assertj.core.api.Assertions.within(1e-5f * (1 + Math.abs(mean[g]))));
            }
            assertThat(draws[0]).isNotEqualTo(draws[1]); // the draws do differ
        }
        assertThatThrownBy(() -> new VgaeConfig("small", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, 0, null, null)).hasMessageContaining(
                "score_samples");
    }

    /**
     * score_nodes all: recon and recon_max over every real node of one unmasked forward (so no random mask decides
     * which nodes are looked at); score_components: the max-σ of only those components.
     */
    @Test
    void allNodeScoringReadsEveryNodeAndTheScoreTakesTheChosenComponents() {
        GraphCache cache = ModelFixtures.cache();
        GraphBatch batch = firstValidationBatch(cache);
        com.fasterxml.jackson.databind.node.ObjectNode node = ModelRegistry.JSON.createObjectNode().put("type", "vgae")
                .put("scale", "small").put("score_nodes", "all").put("min_calibration_graphs", 2);
        node.putArray("score_components").add("recon").add("rq");
        VgaeConfig all = (VgaeConfig) ModelRegistry.parse(node);
        try (NDManager root = NDManager.newBaseManager()) {
            VgaeModel vgae = (VgaeModel) ModelRegistry.create(all, DataDims.of(cache), root, 1);
            Engines.seed(5);
            VgaeScores c = vgae.components(batch);
            float[][] expected;
            try (NDManager step = root.newSubManager()) {
                BatchTensors t = batch.tensors(step);
                Engines.seed(5); // the same draws as components(batch) above
                ai.djl.ndarray.NDArray err = vgae.reconstruct(t, 0).contOut().sub(t.x()).square()
                        .mean(new int[] {2}).mul(t.nodeMask());
                expected = new float[][] {err.sum(new int[] {1}).div(t.nodeCount().squeeze(1)).toFloatArray(),
                        err.max(new int[] {1}).toFloatArray()};
            }
            for (int g = 0; g < batch.size(); g++) {
                assertThat(c.recon()[g]).isCloseTo(expected[0][g], org.assertj.core.api.Assertions.within(1e-4f
                        * (1 + expected[0][g])));
                assertThat(c.reconMax()[g]).isCloseTo(expected[1][g], org.assertj.core.api.Assertions.within(1e-4f
                        * (1 + expected[1][g])));
            }
            vgae.calibrate(List.of(batch));
            Engines.seed(7); // z is sampled: the same draws for the components and the score
            VgaeScores again = vgae.components(batch);
            Engines.seed(7);
            float[] score = vgae.score(batch);
            float[] mean = vgae.parameters().get("score_mean").toFloatArray();
            float[] std = vgae.parameters().get("score_std").toFloatArray();
            for (int g = 0; g < batch.size(); g++) {
                double recon = (again.recon()[g] - mean[0]) / (std[0] + 1e-6);
                double rq = (again.rq()[g] - mean[3]) / (std[3] + 1e-6);
                assertThat((double) score[g]).isCloseTo(Math.max(recon, rq), org.assertj.core.api.Assertions.within(
                        1e-3 * (1 + Math.abs(Math.max(recon, rq)))));
            }
        }
        assertThatThrownBy(() -> ModelRegistry.parse(ModelRegistry.JSON.createObjectNode().put("type", "vgae")
                .put("score_nodes", "some"))).hasMessageContaining("score_nodes");
    }

    @Test
    void gradientsAreTheSameWhetherOrNotTheCollectorRanBetweenForwardAndBackward() {
        Engines.preflight(Accelerator.CPU, 1);
        GraphCache cache = ModelFixtures.cache();
        BatchLoader train = BatchLoader.open(cache, BatchLoader.Selection.of(Split.TRAIN).benign());
        GraphBatch batch = train.batch(train.pack(train.heuristicBudget(50)).get(0));
        Map<String, float[]> quiet = gradients(cache, batch, false);
        Map<String, float[]> collected = gradients(cache, batch, true);
        assertThat(collected.keySet()).isEqualTo(quiet.keySet()).contains("logvar.weight", "logvar.bias");
        quiet.forEach((name, g) -> assertThat(collected.get(name)).as(name).containsExactly(g));
    }
}
