package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 18-dim state is the sorted (model, key) concatenation of models.md §4.2. */
class StateLayoutTest {
    @Test
    void namesFollowTheSpecifiedOrder() {
        var names = StateLayout.names();
        assertThat(names).hasSize(18);
        assertThat(names.get(0)).isEqualTo("gat/conf");
        assertThat(names.subList(1, 5)).containsExactly("gat/emb_stats[0] mean", "gat/emb_stats[1] std",
                "gat/emb_stats[2] max", "gat/emb_stats[3] min");
        assertThat(names.get(StateLayout.GAT_P_ATTACK)).isEqualTo("gat/probs[1] p_attack");
        assertThat(names.get(7)).isEqualTo("vgae/affinity");
        assertThat(names.get(StateLayout.VGAE_CONF)).isEqualTo("vgae/conf");
        assertThat(names.subList(9, 12)).containsExactly("vgae/errors[0] recon", "vgae/errors[1] mahal",
                "vgae/errors[2] kl");
        assertThat(names.get(12)).isEqualTo("vgae/rq");
        assertThat(names.get(13)).isEqualTo("vgae/spike");
        assertThat(names.get(17)).isEqualTo("vgae/z_stats[3] min");
    }

    @Test
    void flattenPlacesEachBlockAtItsOffsetPerRow() {
        Map<String, float[]> f = new LinkedHashMap<>();
        // Two graphs; every value encodes (graph, block, dim) as 100·graph + 10·block + dim, inserted in an order
        // unlike the layout's to show that flattening sorts.
        for (int b = StateLayout.BLOCKS.size() - 1; b >= 0; b--) {
            StateLayout.Block block = StateLayout.BLOCKS.get(b);
            float[] v = new float[2 * block.dims()];
            for (int g = 0; g < 2; g++) {
                for (int d = 0; d < block.dims(); d++) {
                    v[g * block.dims() + d] = 100 * g + 10 * b + d;
                }
            }
            f.put(block.key(), v);
        }
        f.put("dgi/conf", new float[] {-1, -1}); // not part of the state
        float[] flat = StateLayout.flatten(f, 2);
        assertThat(flat).hasSize(36);
        assertThat(flat[0]).isEqualTo(0f); // gat/conf
        assertThat(flat[6]).isEqualTo(21f); // gat/probs[1]
        assertThat(flat[10]).isEqualTo(51f); // vgae/errors[1] mahal
        assertThat(flat[17]).isEqualTo(83f); // vgae/z_stats[3]
        assertThat(flat[18 + 6]).isEqualTo(121f); // second graph
        f.remove("vgae/rq");
        assertThatThrownBy(() -> StateLayout.flatten(f, 2)).hasMessageContaining("vgae/rq");
    }
}
