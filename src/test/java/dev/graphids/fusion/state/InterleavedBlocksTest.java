package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InterleavedBlocksTest {
    @Test
    void blocksOfEachFileAlternateByTheFraction() {
        // File 0: 35 windows = blocks 0..3 (the last one short); with f = 0.5 blocks 1 and 3 go to val.
        // File 1: 12 windows = blocks 0, 1 → block 1 (windows 10, 11 of the file) to val.
        int[] sources = IntStream.range(0, 47).map(i -> i < 35 ? 0 : 1).toArray();
        InterleavedBlocks.Parts p = InterleavedBlocks.split(sources, 0.5);
        int[] val = IntStream.concat(IntStream.concat(IntStream.range(10, 20), IntStream.range(30, 35)),
                IntStream.range(45, 47)).toArray();
        assertThat(p.val()).containsExactly(val);
        assertThat(p.train()).hasSize(47 - val.length).doesNotContain(val);
        // f = 0.25: every fourth block (block 3) goes to val.
        InterleavedBlocks.Parts q = InterleavedBlocks.split(new int[45], 0.25);
        assertThat(q.val()).containsExactly(IntStream.range(30, 40).toArray());
    }
}
