package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.Split;
import dev.graphids.model.DataDims;
import dev.graphids.model.GraphModel;
import dev.graphids.model.ModelFixtures;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-model feature blocks on real (simulated) graphs: widths, and the formulas tying them together. */
class ModelFeaturesTest {
    static GraphCache cache;
    static GraphBatch batch;

    @BeforeAll
    static void setUp() {
        Engines.preflight(Accelerator.CPU, 1);
        cache = ModelFixtures.cache();
        BatchLoader loader = BatchLoader.open(cache, BatchLoader.Selection.of(Split.VAL)).clipFeatures(10);
        batch = loader.batch(new int[] {0, 1, 2, 3, 4});
    }

    private static GraphModel model(String json, NDManager m) throws Exception {
        return ModelRegistry.create(ModelRegistry.parse(JsonMapper.builder().build().readTree(json)),
                DataDims.of(cache), m, 5);
    }

    @Test
    void gatProbsConfidenceAndEmbeddingStats() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); GraphModel gat = model("{\"type\":\"gat\",\"hidden\":8,"
                + "\"layers\":1,\"heads\":1,\"fc_layers\":1,\"embedding_dim\":4}", m)) {
            Map<String, float[]> f = ModelFeatures.of(gat, batch);
            assertThat(f).containsOnlyKeys("gat/probs", "gat/conf", "gat/emb_stats");
            float[][] probs = ((GatClassifier) gat).probabilities(batch);
            for (int i = 0; i < 5; i++) {
                assertThat(f.get("gat/probs")[i * 2 + 1]).isCloseTo(probs[i][1], within(1e-6f));
                assertThat(f.get("gat/conf")[i]).isCloseTo(FeatureFormulas.gatConf(probs[i]), within(1e-6f));
                float[] s = java.util.Arrays.copyOfRange(f.get("gat/emb_stats"), i * 4, i * 4 + 4);
                assertThat(s[3]).isLessThanOrEqualTo(s[0]).isLessThanOrEqualTo(s[2]); // min <= mean <= max
                assertThat(s[1]).isGreaterThanOrEqualTo(0f);
            }
        }
    }

    @Test
    void anEnsembleAveragesItsMembersLogOddsAndEmbeddingStats() throws Exception {
        String gatJson = "{\"type\":\"gat\",\"hidden\":8,\"layers\":1,\"heads\":1,\"fc_layers\":1,"
                + "\"embedding_dim\":4}";
        try (NDManager m = NDManager.newBaseManager(); GraphModel a = model(gatJson, m);
             GraphModel b = ModelRegistry.create(ModelRegistry.parse(JsonMapper.builder().build().readTree(gatJson)),
                     DataDims.of(cache), m, 6)) {
            Map<String, float[]> fa = ModelFeatures.of(a, batch);
            Map<String, float[]> fb = ModelFeatures.of(b, batch);
            Map<String, float[]> e = ModelFeatures.of(java.util.List.of(a, b), batch);
            assertThat(ModelFeatures.of(java.util.List.of(a), batch).get("gat/probs")).containsExactly(
                    fa.get("gat/probs"));
            for (int i = 0; i < 5; i++) {
                double pa = fa.get("gat/probs")[i * 2 + 1];
                double pb = fb.get("gat/probs")[i * 2 + 1];
                assertThat(pa).isNotEqualTo(pb); // another seed, other weights
                double logOdds = (Math.log(pa / (1 - pa)) + Math.log(pb / (1 - pb))) / 2;
                float p = e.get("gat/probs")[i * 2 + 1];
                assertThat((double) p).isCloseTo(1 / (1 + Math.exp(-logOdds)), within(1e-6));
                assertThat(e.get("gat/probs")[i * 2]).isCloseTo(1 - p, within(1e-6f));
                assertThat(e.get("gat/conf")[i]).isCloseTo(FeatureFormulas.gatConf(new float[] {1 - p, p}),
                        within(1e-6f));
                for (int j = i * 4; j < i * 4 + 4; j++) {
                    assertThat(e.get("gat/emb_stats")[j]).isCloseTo(
                            (fa.get("gat/emb_stats")[j] + fb.get("gat/emb_stats")[j]) / 2, within(1e-6f));
                }
            }
        }
    }

    @Test
    void vgaeAndDgiBlocksHaveTheirWidthsAndConfidences() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
             GraphModel vgae = model("{\"type\":\"vgae\",\"latent_dim\":4,\"hidden_dims\":[8],\"heads\":1,"
                     + "\"embedding_dim\":4,\"mlp_hidden\":8}", m);
             GraphModel dgi = model("{\"type\":\"dgi\",\"latent_dim\":8,\"heads\":1}", m)) {
            Map<String, float[]> v = ModelFeatures.of(vgae, batch);
            Map<String, float[]> d = ModelFeatures.of(dgi, batch);
            for (Map<String, float[]> f : java.util.List.of(v, d)) {
                f.forEach((k, a) -> assertThat(a).as(k).hasSize(5 * StateLayout.WIDTHS.get(k)));
            }
            assertThat(v).containsOnlyKeys("vgae/errors", "vgae/conf", "vgae/z_stats", "vgae/spike",
                    "vgae/affinity", "vgae/rq");
            assertThat(d).containsOnlyKeys("dgi/pos_stats", "dgi/conf", "dgi/z_stats");
            for (int i = 0; i < 5; i++) {
                float recon = v.get("vgae/errors")[i * 3];
                assertThat(v.get("vgae/conf")[i]).isCloseTo(1 / (1 + recon), within(1e-6f));
                assertThat(v.get("vgae/spike")[i]).isGreaterThanOrEqualTo(recon); // max >= mean of masked nodes
                float[] pos = java.util.Arrays.copyOfRange(d.get("dgi/pos_stats"), i * 3, i * 3 + 3);
                assertThat(pos[0] + pos[1]).isCloseTo(1f, within(1e-6f));
                assertThat(d.get("dgi/conf")[i]).isCloseTo(1 / (1 + pos[0]), within(1e-6f));
            }
        }
    }
}
