package dev.graphids.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.graphids.model.dgi.DgiConfig;
import dev.graphids.model.gat.GatConfig;
import dev.graphids.model.vgae.VgaeConfig;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sizes against models.md §2.4, §3.2 and §3.7 (in_channels 35, edge_dim 11, without ID tables). */
class ParameterCountTest {
    static final DataDims HCRL_SA = new DataDims(2049, 1024, 2);

    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    private static long count(ModelConfig c, boolean withoutTables) {
        try (NDManager m = NDManager.newBaseManager(); GraphModel model = ModelRegistry.create(c, HCRL_SA, m, 1)) {
            return withoutTables ? model.parameterCountWithoutIdTables() : model.parameters().count();
        }
    }

    @Test
    void gatSmallAndLargeMatchTheSpec() {
        GatConfig small = GatConfig.of("small").withIdOptions(false, false);
        assertThat(count(small, true)).isEqualTo(199_107);
        // With hcrl_sa's 2,049-row id table (2,048 IDs + UNK) × 16: 231,891.
        assertThat(count(small, false)).isEqualTo(199_107 + 2049 * 16);
        assertThat(count(GatConfig.of("large").withIdOptions(false, false), true)).isEqualTo(9_528_323);
        // The 3 vehicle-independent ID features widen the first GATv2 input by 3: + 2·3·H·C.
        assertThat(count(GatConfig.of("small"), true)).isEqualTo(199_107 + 2 * 3 * 96);
        // Sequence pooling (§2.4): a GRU(C, C) adds 55,872 (small) and 1,575,936 (large); attention 2 linears.
        assertThat(count(small.withSequencePool("gru"), true)).isEqualTo(199_107 + 55_872);
        assertThat(count(GatConfig.of("large").withIdOptions(false, false).withSequencePool("gru"), true))
                .isEqualTo(9_528_323 + 1_575_936);
        assertThat(count(small.withSequencePool("attention"), true)).isEqualTo(199_107 + 96 * 96 + 96 + 96 + 1);
        assertThat(count(small.withSequencePool("mean"), true)).isEqualTo(199_107);
        // Without the ID embedding the first GATv2 input narrows by 16: − 2·16·H·C, and there is no table.
        ModelConfig noEmbedding = ModelRegistry.parse(ModelRegistry.JSON.createObjectNode().put("type", "gat")
                .put("embedding_dim", 0).put("id_features", false));
        assertThat(count(noEmbedding, false)).isEqualTo(199_107 - 2 * 16 * 96);
    }

    @Test
    void vgaeAndDgiMatchTheSpec() {
        assertThat(count(VgaeConfig.of("small").withIdOptions(false, false), true)).isEqualTo(44_504);
        assertThat(count(VgaeConfig.of("large").withIdOptions(false, false), true)).isEqualTo(145_816);
        // id table (num_ids + 1) × 32 and CAN-ID head (latent + 1) × num_ids come on top.
        assertThat(count(VgaeConfig.of("small").withIdOptions(false, false), false))
                .isEqualTo(44_504 + 2050 * 32 + 65 * 2049);
        assertThat(count(DgiConfig.of("small").withIdOptions(false, false), true)).isEqualTo(27_952);
    }
}
