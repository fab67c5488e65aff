package dev.graphids.eval;

import java.util.List;

/**
 * Identity and ground truth of every graph of one split, index-aligned, in reading order (shards in cache order,
 * graphs ascending within a shard).
 *
 * @param split       the split
 * @param sources     the capture files of the split, in reading order (paths relative to the raw directory)
 * @param sourceIndex index into {@code sources} of each graph's file
 * @param graph       shard-local graph number
 * @param windowIndex window index within the capture file
 * @param startRow    first row of the window within the capture file (0-based)
 * @param labels      1 = attack window, 0 = benign
 * @param attackTypes attack-type code (0 for benign windows)
 */
public record SplitData(SplitRef split, List<String> sources, int[] sourceIndex, int[] graph, long[] windowIndex,
                        long[] startRow, int[] labels, int[] attackTypes) {
    public SplitData {
        sources = List.copyOf(sources);
    }

    public int size() {
        return labels.length;
    }

    /** These graphs' ground truth with the given scores. */
    public LabelledScores withScores(double[] scores) {
        return new LabelledScores(labels, attackTypes, scores, sourceIndex);
    }
}
