package dev.graphids.model.gat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.model.DataDims;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.cpu.CpuKernels;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import dev.graphids.tensor.TestGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector-API forward ({@link GatCpuForward}) computes what libtorch computes for the same weights: probabilities
 * and pooled embeddings of random window-like graphs (single nodes, self-loops, multi-edges, nodes without incoming
 * edges, batches spanning several chunks) over the configurations that change its shape.
 */
class GatCpuForwardTest {
    private static final DataDims DIMS = new DataDims(12, 16, 2);

    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 2);
    }

    private static List<HostGraph> graphs(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<HostGraph> out = new ArrayList<>();
        out.add(TestGraphs.graph(1, new int[0], new int[0], seed, 0));
        for (int i = 1; i < count; i++) {
            int n = 1 + r.nextInt(i % 7 == 0 ? 90 : 30);
            out.add(TestGraphs.random(n, r.nextInt(3 * n + 1), seed * 1000 + i, i % 3 == 0 ? 1 : 0));
        }
        return out;
    }

    private static float[][] withKernels(boolean on, GatClassifier gat, GraphBatch batch) {
        String before = System.getProperty(CpuKernels.PROPERTY);
        System.setProperty(CpuKernels.PROPERTY, Boolean.toString(on));
        try {
            return gat.embeddingsAndProbabilities(batch);
        } finally {
            if (before == null) {
                System.clearProperty(CpuKernels.PROPERTY);
            } else {
                System.setProperty(CpuKernels.PROPERTY, before);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"scale\": \"small\"}",
        "{\"scale\": \"small\", \"embedding_dim\": 0, \"timing_features\": false}",
        "{\"scale\": \"small\", \"id_hash_embedding\": true, \"proj_dim\": 8, \"id_features\": false}",
        "{\"hidden\": 5, \"heads\": 3, \"layers\": 3, \"fc_layers\": 1, \"embedding_dim\": 7}",
        "{\"scale\": \"large\"}"})
    void theVectorForwardMatchesLibtorch(String json) throws Exception {
        assertThat(CpuKernels.moduleLoaded()).as("the test JVM runs with " + CpuKernels.JVM_OPTION).isTrue();
        ObjectNode node = (ObjectNode) ModelRegistry.JSON.readTree(json);
        node.put("type", "gat");
        try (NDManager root = NDManager.newBaseManager();
             GatClassifier gat = (GatClassifier) ModelRegistry.create(ModelRegistry.parse(node), DIMS, root,
                     json.length())) {
            GraphBatch batch = GraphBatch.of(graphs(json.length(), 60));
            assertThat(batch.totalNodes()).isGreaterThan(3 * 240); // several chunks
            float[][] torch = withKernels(false, gat, batch);
            float[][] vector = withKernels(true, gat, batch);
            assertThat(vector[1]).hasSameSizeAs(torch[1]);
            for (int i = 0; i < torch[1].length; i++) {
                assertThat(vector[1][i]).as("probability %d", i).isCloseTo(torch[1][i], within(2e-5f));
            }
            assertThat(vector[0]).hasSameSizeAs(torch[0]);
            for (int i = 0; i < torch[0].length; i++) {
                assertThat(vector[0][i]).as("embedding %d", i)
                        .isCloseTo(torch[0][i], within(2e-5f + 2e-5f * Math.abs(torch[0][i])));
            }
            assertThat(gat.score(batch)).hasSize(batch.size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aGraphsScoreDoesNotDependOnItsBatchOrTheThreads(int threads) {
        Engines.preflight(Accelerator.CPU, threads);
        try (NDManager root = NDManager.newBaseManager();
             GatClassifier gat = (GatClassifier) ModelRegistry.create(ModelRegistry.parse(ModelRegistry.JSON
                     .createObjectNode().put("type", "gat")), DIMS, root, 3)) {
            List<HostGraph> graphs = graphs(5, 30);
            float[] together = gat.score(GraphBatch.of(graphs));
            for (int i = 0; i < graphs.size(); i += 7) {
                float[] alone = gat.score(GraphBatch.of(List.of(graphs.get(i))));
                assertThat(alone[0]).as("graph %d", i).isEqualTo(together[i]);
            }
        } finally {
            Engines.preflight(Accelerator.CPU, 2);
        }
    }
}
