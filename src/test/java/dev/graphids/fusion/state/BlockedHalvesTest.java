package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** fusion_train / fusion_val: per capture file, the leading windows train and the trailing fraction validates. */
class BlockedHalvesTest {
    @Test
    void eachFileIsSplitInTimeOrder() {
        // file 0: 5 windows → floor(2.5) = 2 to val; file 1: 3 → 1; file 2: 1 → 0
        BlockedHalves.Parts p = BlockedHalves.split(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 2}, 0.5);
        assertThat(p.train()).containsExactly(0, 1, 2, 5, 6, 8);
        assertThat(p.val()).containsExactly(3, 4, 7);
        BlockedHalves.Parts q = BlockedHalves.split(new int[] {4, 4, 4, 4}, 0.25);
        assertThat(q.train()).containsExactly(0, 1, 2);
        assertThat(q.val()).containsExactly(3);
    }
}
