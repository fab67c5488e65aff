package dev.graphids.graph.build;

import static dev.graphids.graph.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotWindowerTest {

    /** Feeds frames whose timestamp equals their stream row and whose ID is row + 1. */
    private static List<FrameWindow> windows(WindowSpec spec, int frames) {
        SnapshotWindower windower = new SnapshotWindower(spec);
        List<FrameWindow> out = new ArrayList<>();
        for (int r = 0; r < frames; r++) {
            windower.push(frame(r, r + 1, String.format("%02x", r & 0xff))).ifPresent(out::add);
        }
        assertThat(windower.frames()).isEqualTo(frames);
        assertThat(windower.windows()).isEqualTo(out.size());
        return out;
    }

    private static void assertCovers(FrameWindow w, long start, int size) {
        assertThat(w.startRow()).isEqualTo(start);
        assertThat(w.size()).isEqualTo(size);
        for (int r = 0; r < size; r++) {
            assertThat(w.timestamp(r)).isEqualTo((double) (start + r));
            assertThat(w.canId(r)).isEqualTo((int) (start + r + 1));
            assertThat(w.byteAt(r, 0)).isEqualTo((int) ((start + r) & 0xff));
            assertThat(w.byteAt(r, 1)).isZero();
        }
    }

    @Test
    void tumblingWindowsCoverConsecutiveRowsAndDropTheTrailingPartialWindow() {
        WindowSpec spec = new WindowSpec(100, 100);
        List<FrameWindow> ws = windows(spec, 1050);
        assertThat(ws).hasSize(10);
        assertThat(spec.windowCount(1050)).isEqualTo(10);
        for (int k = 0; k < ws.size(); k++) {
            assertThat(ws.get(k).index()).isEqualTo(k);
            assertCovers(ws.get(k), 100L * k, 100);
        }
    }

    @Test
    void overlappingWindowsStartEveryStrideRows() {
        WindowSpec spec = new WindowSpec(5, 2);
        List<FrameWindow> ws = windows(spec, 12);
        // n = (12 - 5) / 2 + 1 = 4 windows: [0,5) [2,7) [4,9) [6,11)
        assertThat(ws).hasSize(4);
        assertThat(spec.windowCount(12)).isEqualTo(4);
        for (int k = 0; k < 4; k++) {
            assertCovers(ws.get(k), 2L * k, 5);
        }
    }

    @Test
    void strideLargerThanWindowSkipsRowsBetweenWindows() {
        List<FrameWindow> ws = windows(new WindowSpec(3, 5), 14);
        // [0,3) [5,8) [10,13)
        assertThat(ws).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertCovers(ws.get(k), 5L * k, 3);
        }
    }

    @Test
    void streamShorterThanOneWindowYieldsNothing() {
        assertThat(windows(new WindowSpec(100, 100), 99)).isEmpty();
        assertThat(new WindowSpec(100, 100).windowCount(99)).isZero();
    }

    @Test
    void outOfOrderTimestampsStayInCaptureOrderAndAreCounted() {
        SnapshotWindower windower = new SnapshotWindower(new WindowSpec(4, 4));
        double[] ts = {1.0, 0.5, 2.0, 1.5};
        List<FrameWindow> out = new ArrayList<>();
        for (double t : ts) {
            windower.push(frame(t, 1, "")).ifPresent(out::add);
        }
        assertThat(windower.outOfOrderFrames()).isEqualTo(2);
        assertThat(out).hasSize(1);
        for (int r = 0; r < 4; r++) {
            assertThat(out.get(0).timestamp(r)).isEqualTo(ts[r]);
        }
    }

    @Test
    void payloadsLongerThanEightBytesAreCutAndShortOnesZeroPadded() {
        SnapshotWindower windower = new SnapshotWindower(new WindowSpec(2, 2));
        windower.push(frame(0, 1, "0102030405060708090a0b0c"));
        FrameWindow w = windower.push(frame(1, 1, "ff")).orElseThrow();
        assertThat(w.byteAt(0, 7)).isEqualTo(8);
        assertThat(w.byteAt(1, 0)).isEqualTo(255);
        assertThat(w.byteAt(1, 1)).isZero();
    }

    @Test
    void rejectsWindowSpecsWithoutAnEdgeOrStride() {
        assertThatThrownBy(() -> new WindowSpec(1, 1)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("window size");
        assertThatThrownBy(() -> new WindowSpec(10, 0)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("stride");
    }
}
