package dev.graphids.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.graphids.tensor.HostGraph;
import org.junit.jupiter.api.Test;

/** The occluded graphs behind graph-model attribution, and the latency quantiles of the summary line. */
class OcclusionAndLatencyTest {

    /** Nodes 0, 1, 2; edges 1→0, 2→1, 0→2, 2→2; feature values encode (node, column) and (edge, column). */
    private static HostGraph triangle() {
        int n = 3;
        float[] x = new float[n * HostGraph.NODE_FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / HostGraph.NODE_FEATURES * 100 + i % HostGraph.NODE_FEATURES;
        }
        float[] idf = new float[n * HostGraph.ID_FEATURES];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = i;
        }
        int[] src = {1, 2, 0, 2};
        int[] dst = {0, 1, 2, 2};
        float[] ea = new float[src.length * HostGraph.EDGE_FEATURES];
        for (int i = 0; i < ea.length; i++) {
            ea[i] = i / HostGraph.EDGE_FEATURES * 10;
        }
        return new HostGraph(n, x, idf, new long[] {5, 6, 7}, new long[] {50, 60, 70}, src, dst, ea, 1, 2,
                new HostGraph.GraphRef("s", 0));
    }

    @Test
    void removingANodeDropsItsRowsAndEdgesAndRenumbersTheRest() {
        HostGraph g = HostGraphScorer.without(triangle(), 1);
        assertThat(g.numNodes()).isEqualTo(2);
        assertThat(g.nodeId()).containsExactly(5, 7);
        assertThat(g.idBucket()).containsExactly(50, 70);
        assertThat(g.x()[0]).isEqualTo(0f);
        assertThat(g.x()[HostGraph.NODE_FEATURES]).isEqualTo(200f); // old node 2's first column
        assertThat(g.idFeatures()).containsExactly(0, 1, 2, 6, 7, 8);
        // edges 1→0 and 2→1 touch node 1; 0→2 and 2→2 remain as 0→1 and 1→1
        assertThat(g.src()).containsExactly(0, 1);
        assertThat(g.dst()).containsExactly(1, 1);
        assertThat(g.edgeAttr()[0]).isEqualTo(20f);
        assertThat(g.edgeAttr()[HostGraph.EDGE_FEATURES]).isEqualTo(30f);
    }

    @Test
    void nothingIsLeftToScoreWithoutEdgesOrNodes() {
        HostGraph two = new HostGraph(2, new float[2 * HostGraph.NODE_FEATURES], new float[2 * HostGraph.ID_FEATURES],
                new long[] {1, 2}, new long[] {1, 2}, new int[] {1}, new int[] {0},
                new float[HostGraph.EDGE_FEATURES], 0, 0, new HostGraph.GraphRef("s", 0));
        assertThat(HostGraphScorer.without(two, 0)).isNull();
        HostGraph one = new HostGraph(1, new float[HostGraph.NODE_FEATURES], new float[HostGraph.ID_FEATURES],
                new long[] {1}, new long[] {1}, new int[] {0}, new int[] {0}, new float[HostGraph.EDGE_FEATURES], 0, 0,
                new HostGraph.GraphRef("s", 0));
        assertThat(HostGraphScorer.without(one, 0)).isNull();
    }

    @Test
    void latencyQuantilesAreWithinTwoPercent() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantileMillis(0.5)).isNaN();
        for (int ms = 1; ms <= 100; ms++) {
            h.add(ms * 1_000_000L);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.quantileMillis(0.5)).isCloseTo(50.0, within(1.0));
        assertThat(h.quantileMillis(0.99)).isCloseTo(99.0, within(2.0));
        assertThat(h.quantileMillis(1.0)).isCloseTo(100.0, within(2.0));
    }

    @Test
    void suspectIdsAreWrittenAsCandumpDoes() {
        assertThat(new SuspectId(0x1A, 1).hex()).isEqualTo("01A");
        assertThat(new SuspectId(0x7FF, 1).hex()).isEqualTo("7FF");
        assertThat(new SuspectId(0x800, 1).hex()).isEqualTo("00000800");
    }
}
