package dev.graphids.fusion.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the upstream validation graphs into fusion-train and fusion-val in interleaved blocks: each capture file's
 * run of validation windows (chronological) is cut into blocks of {@link #BLOCK} consecutive windows, and block
 * {@code b} goes to fusion-val when {@code floor((b + 1)·f) > floor(b·f)} ({@code f} = the val fraction), else to
 * fusion-train. Both parts so see every file and every stretch of its validation windows — an attack burst late in
 * a file lands in both, which halves per file (train part first) did not guarantee — while consecutive windows stay
 * together, so neighbouring windows rarely straddle the two parts.
 */
public final class InterleavedBlocks {
    /** Consecutive windows kept together (1,000 frames with 100-frame windows). */
    public static final int BLOCK = 10;

    /** Reading-order indices of each part. */
    public record Parts(int[] train, int[] val) {
    }

    private InterleavedBlocks() {
    }

    /**
     * @param sourceIndex capture file of each graph, in reading order (graphs of one file are contiguous)
     * @param valFraction share of each file's blocks that goes to fusion-val, in (0, 1)
     */
    public static Parts split(int[] sourceIndex, double valFraction) {
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        int from = 0;
        while (from < sourceIndex.length) {
            int to = from;
            while (to < sourceIndex.length && sourceIndex[to] == sourceIndex[from]) {
                to++;
            }
            for (int i = from; i < to; i++) {
                int block = (i - from) / BLOCK;
                boolean toVal = Math.floor((block + 1) * valFraction) > Math.floor(block * valFraction);
                (toVal ? val : train).add(i);
            }
            from = to;
        }
        return new Parts(train.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToInt(Integer::intValue).toArray());
    }
}
