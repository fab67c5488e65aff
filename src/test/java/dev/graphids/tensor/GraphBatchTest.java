package dev.graphids.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBatchTest {
    @Test
    void gatEdgesDropCachedSelfLoopsAndAddOneMeanFilledLoopPerNode() {
        // 0→1 twice (multi-edge), 2→1, 1→1 (cached self-loop, dropped), 1→0; node 2 has no incoming edge.
        HostGraph g = TestGraphs.graph(3, new int[] {0, 0, 2, 1, 1}, new int[] {1, 1, 1, 1, 0}, 1, 0);
        GraphBatch b = GraphBatch.of(List.of(g, TestGraphs.random(5, 9, 2, 1)));
        assertThat(b.maxNodes()).isEqualTo(5);
        assertThat(b.gatEdges()).isEqualTo(Math.max(4 + 3, 9 + 5));
        int eg = b.gatEdges();
        assertThat(java.util.Arrays.copyOfRange(b.gatSrc, 0, 7)).containsExactly(0, 0, 2, 1, 0, 1, 2);
        assertThat(java.util.Arrays.copyOfRange(b.gatDst, 0, 7)).containsExactly(1, 1, 1, 0, 0, 1, 2);
        int ef = HostGraph.EDGE_FEATURES;
        for (int c = 0; c < ef; c++) {
            float mean1 = (g.edgeAttr()[c] + g.edgeAttr()[ef + c] + g.edgeAttr()[2 * ef + c]) / 3;
            assertThat(b.gatEdgeAttr[5 * ef + c]).isCloseTo(mean1, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(b.gatEdgeAttr[4 * ef + c]).isEqualTo(g.edgeAttr()[4 * ef + c]); // node 0: only 1→0
            assertThat(b.gatEdgeAttr[6 * ef + c]).isZero(); // node 2: no incoming edges
        }
        // Node 1 attends over edges 0, 1, 2 and its loop 5; padding edges and padding nodes are masked.
        for (int e = 0; e < eg; e++) {
            boolean in = e == 0 || e == 1 || e == 2 || e == 5;
            assertThat(b.gatBias[1 * eg + e]).isEqualTo(in ? 0f : GraphBatch.MASKED);
            assertThat(b.gatBias[4 * eg + e]).isEqualTo(GraphBatch.MASKED);
        }
        // Second graph's nodes are offset by n; raw edges keep duplicates and the self-loop.
        assertThat(b.gatSrc[eg]).isGreaterThanOrEqualTo(5);
        assertThat(b.outAdjacency[0 * 5 + 1]).isEqualTo(2f);
        assertThat(b.outAdjacency[1 * 5 + 1]).isEqualTo(1f);
        assertThat(b.rawEdgeMask[4]).isEqualTo(1f);
        assertThat(b.nodeMask[3]).isZero();
        assertThat(b.totalNodes()).isEqualTo(8);
    }
}
