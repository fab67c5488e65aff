package dev.graphids.fusion.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the upstream validation graphs into fusion-train and fusion-val in blocks: within each capture file's run
 * of validation windows (chronological), the first part goes to fusion-train and the tail to fusion-val, so both
 * see every file (and so every vehicle and attack of the training folders) and fusion-val is later in time.
 */
public final class BlockedHalves {
    /** Reading-order indices of each part. */
    public record Parts(int[] train, int[] val) {
    }

    private BlockedHalves() {
    }

    /**
     * @param sourceIndex capture file of each graph, in reading order (graphs of one file are contiguous)
     * @param valFraction share of each file's graphs that goes to fusion-val (its tail), in (0, 1)
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
            int n = to - from;
            int toVal = (int) Math.floor(n * valFraction);
            for (int i = from; i < to; i++) {
                (i < to - toVal ? train : val).add(i);
            }
            from = to;
        }
        return new Parts(train.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToInt(Integer::intValue).toArray());
    }
}
