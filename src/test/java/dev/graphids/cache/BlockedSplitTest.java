package dev.graphids.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlockedSplitTest {

    @Test
    void lastWindowsAreValidationAfterTheEmbargo() {
        Split[] s = new BlockedSplit(0.2, 2).assign(10);
        assertThat(s).containsExactly(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN,
                Split.EMBARGO, Split.EMBARGO, Split.VAL, Split.VAL);
    }

    @Test
    void embargoCoversOverlappingWindowsAndSequences() {
        assertThat(BlockedSplit.embargoFor(100, 100, 1, 1)).isZero();
        assertThat(BlockedSplit.embargoFor(100, 50, 1, 1)).isEqualTo(1);
        assertThat(BlockedSplit.embargoFor(100, 30, 1, 1)).isEqualTo(3);
        assertThat(BlockedSplit.embargoFor(100, 100, 3, 1)).isEqualTo(2);
    }

    /** No validation window shares a row with a training window, for random window geometries. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void validationNeverOverlapsTraining(long seed) {
        Random r = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + r.nextInt(200);
            int stride = 1 + r.nextInt(200);
            int windows = r.nextInt(500);
            Split[] s = new BlockedSplit(r.nextDouble() * 0.5, BlockedSplit.embargoFor(w, stride, 1, 1))
                    .assign(windows);
            long lastTrainRow = -1;
            long firstValRow = Long.MAX_VALUE;
            for (int i = 0; i < windows; i++) {
                if (s[i] == Split.TRAIN) {
                    lastTrainRow = Math.max(lastTrainRow, (long) i * stride + w - 1);
                } else if (s[i] == Split.VAL) {
                    firstValRow = Math.min(firstValRow, (long) i * stride);
                }
            }
            assertThat(lastTrainRow).as("W=%d S=%d U=%d", w, stride, windows).isLessThan(firstValRow);
            assertThat(new BlockedSplit(0.3, 1).assign(windows)).isEqualTo(new BlockedSplit(0.3, 1).assign(windows));
        }
    }

    @Test
    void runningMomentsMatchTwoPassStatisticsAndMerge() {
        Random r = new Random(11);
        float[] rows = new float[3 * 1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (r.nextGaussian() * (1 + i % 3) + 1000);
        }
        RunningMoments a = new RunningMoments(3);
        RunningMoments b = new RunningMoments(3);
        for (int i = 0; i < 1000; i++) {
            (i < 400 ? a : b).add(rows, 3 * i);
        }
        a.merge(b);
        for (int c = 0; c < 3; c++) {
            final int col = c;
            double mean = java.util.stream.IntStream.range(0, 1000).mapToDouble(i -> rows[3 * i + col]).average()
                    .orElseThrow();
            double var = java.util.stream.IntStream.range(0, 1000)
                    .mapToDouble(i -> Math.pow(rows[3 * i + col] - mean, 2)).sum() / 1000;
            assertThat(a.mean()[c]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(a.populationStd()[c]).isCloseTo(Math.sqrt(var), org.assertj.core.data.Offset.offset(1e-9));
        }
        FeatureScaler scaler = FeatureScaler.fit(a, new RunningMoments(2));
        assertThat(scaler.edgeStd()).containsOnly(FeatureScaler.MIN_STD);
        float[] copy = Arrays.copyOf(rows, rows.length);
        scaler.scaleNodes(copy);
        assertThat(copy[0]).isCloseTo((float) ((rows[0] - scaler.nodeMean()[0]) / scaler.nodeStd()[0]),
                org.assertj.core.data.Offset.offset(1e-5f));
    }
}
