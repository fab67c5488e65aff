package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamCalibrationTest {

    private static ScoredSplit split(int[] source, long[] window, double[] scores) {
        int n = scores.length;
        SplitData d = new SplitData(SplitRef.test("t"), List.of("a.csv", "b.csv"), source, new int[n], window,
                new long[n], new int[n], new int[n]);
        return new ScoredSplit(d, scores);
    }

    @Test
    void eachWindowLosesItsStreamsRunningMedianOverTheLastWindows() {
        // one stream, median over the last 3 windows: [1] 1, [1 5] 3, [1 5 3] 3, [5 3 10] 5
        ScoredSplit s = split(new int[] {0, 0, 0, 0}, new long[] {0, 1, 2, 3}, new double[] {1, 5, 3, 10});
        assertThat(new StreamCalibration(0.5, 3).apply(s, "vgae").scores()).containsExactly(0, 2, 0, 5);
    }

    @Test
    void streamsAreIndependentAndTakenInWindowOrder() {
        // rows interleave two files and arrive out of window order
        ScoredSplit s = split(new int[] {1, 0, 1, 0}, new long[] {1, 1, 0, 0}, new double[] {4, 7, 2, 3});
        // file 0: windows (3, 7) -> (0, 4) with the min; file 1: windows (2, 4) -> (0, 2)
        assertThat(new StreamCalibration(0, 100).apply(s, "vgae").scores()).containsExactly(2, 4, 0, 0);
    }

    @Test
    void modelScoresGoOnComparableScales() {
        assertThat(StreamCalibration.scale("rate").applyAsDouble(-0.05)).isCloseTo(-Math.log(0.05), within(1e-12));
        assertThat(StreamCalibration.scale("gat").applyAsDouble(0.75)).isCloseTo(Math.log(3), within(1e-12));
        assertThat(StreamCalibration.scale("gat").applyAsDouble(1.0)).isFinite();
        assertThat(StreamCalibration.scale("vgae").applyAsDouble(2.5)).isEqualTo(2.5);
        // a stream twice as fast as its own history: ln 2 above its level, whatever the vehicle's base rate
        for (double base : new double[] {0.04, 0.08}) {
            ScoredSplit s = split(new int[] {0, 0, 0}, new long[] {0, 1, 2}, new double[] {-base, -base, -base / 2});
            assertThat(new StreamCalibration(0.1, 100).apply(s, "rate").scores()[2]).isCloseTo(Math.log(2),
                    within(0.1));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void runningQuantileEqualsTheQuantileOfTheLastValues(long seed) {
        Random r = new Random(seed);
        double q = r.nextDouble();
        int history = 1 + r.nextInt(40);
        StreamCalibration.RunningQuantile running = new StreamCalibration.RunningQuantile(q, history);
        double[] seen = new double[300];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = r.nextInt(5) == 0 ? seen[r.nextInt(i + 1)] : r.nextGaussian(); // with ties
            running.add(seen[i]);
            double[] last = Arrays.copyOfRange(seen, Math.max(0, i + 1 - history), i + 1);
            Arrays.sort(last);
            double pos = q * (last.length - 1);
            int lo = (int) pos;
            double expected = last[lo] + (pos - lo) * (last[Math.min(lo + 1, last.length - 1)] - last[lo]);
            assertThat(running.value()).isCloseTo(expected, within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void aWindowDependsOnlyOnItsStreamsEarlierWindows(long seed) {
        Random r = new Random(seed);
        int n = 60;
        int[] source = new int[n];
        long[] window = new long[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            source[i] = i % 2;
            window[i] = i / 2;
            scores[i] = r.nextGaussian();
        }
        StreamCalibration c = new StreamCalibration(0.2, 10);
        double[] before = c.apply(split(source, window, scores), "vgae").scores();
        int changed = 2 * (10 + r.nextInt(15)); // a window of stream 0
        scores[changed] += 100;
        double[] after = c.apply(split(source, window, scores), "vgae").scores();
        for (int i = 0; i < n; i++) {
            if (source[i] == 1 || window[i] < window[changed]) {
                assertThat(after[i]).as("row %d", i).isEqualTo(before[i]);
            }
        }
        assertThat(after[changed]).isNotEqualTo(before[changed]);
    }
}
