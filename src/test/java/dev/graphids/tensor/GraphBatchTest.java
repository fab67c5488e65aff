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
        // Node 1 aggregates edges 0, 1, 2 and its loop 5; padding edges and padding nodes aggregate nothing.
        for (int e = 0; e < eg; e++) {
            boolean in = e == 0 || e == 1 || e == 2 || e == 5;
            assertThat(b.gatIncidence[1 * eg + e]).isEqualTo(in ? 1f : 0f);
            assertThat(b.gatIncidence[4 * eg + e]).isZero();
        }
        // Second graph's nodes are offset by n; raw edges keep duplicates and the self-loop.
        assertThat(b.gatSrc[eg]).isGreaterThanOrEqualTo(5);
        assertThat(b.outAdjacency[0 * 5 + 1]).isEqualTo(2f);
        assertThat(b.outAdjacency[1 * 5 + 1]).isEqualTo(1f);
        assertThat(b.rawEdgeMask[4]).isEqualTo(1f);
        assertThat(b.nodeMask[3]).isZero();
        assertThat(b.totalNodes()).isEqualTo(8);
    }

    @Test
    void gatSlotsListEachNodesIncomingEdgesThenItsSelfLoop() {
        // Graph 0 as above: GAT edges 0→1, 0→1, 2→1, 1→0, loops 0, 1, 2 (rows 0–6). Graph 1 (2 nodes, one padding
        // node): 0→1, 1→0, 0→1, loops 0, 1 (rows 7–11), padding edges 12, 13.
        HostGraph g0 = TestGraphs.graph(3, new int[] {0, 0, 2, 1, 1}, new int[] {1, 1, 1, 1, 0}, 1, 0);
        HostGraph g1 = TestGraphs.graph(2, new int[] {0, 1, 0}, new int[] {1, 0, 1}, 2, 0);
        GraphBatch b = GraphBatch.of(List.of(g0, g1));
        assertThat(b.maxNodes()).isEqualTo(3);
        assertThat(b.gatEdges()).isEqualTo(7);
        assertThat(b.gatSlots()).isEqualTo(4); // graph 0's node 1: three edges and its loop
        // Incoming edges in edge order, the self-loop last and repeated in the empty slots; a padding node's slots
        // hold its graph's first row.
        assertThat(b.gatSlot).containsExactly(
                3, 4, 4, 4, /* g0 node 0 */ 0, 1, 2, 5, /* node 1 */ 6, 6, 6, 6, /* node 2 */
                8, 10, 10, 10, /* g1 node 0 */ 7, 9, 11, 11, /* node 1 */ 7, 7, 7, 7 /* padding node */);
        float[] incidence = new float[2 * 3 * 7];
        int[][] in = {{3, 4}, {0, 1, 2, 5}, {6}, {1, 3}, {0, 2, 4}, {}}; // per (graph, node): local edges
        for (int node = 0; node < in.length; node++) {
            for (int e : in[node]) {
                incidence[node * 7 + e] = 1f;
            }
        }
        assertThat(b.gatIncidence).containsExactly(incidence); // padding edges 12, 13 end nowhere
        // Padding edges repeat graph 1's node-0 self-loop (row 10): same nodes, same attributes.
        int ef = HostGraph.EDGE_FEATURES;
        for (int pad : new int[] {12, 13}) {
            assertThat(b.gatSrc[pad]).isEqualTo(3);
            assertThat(b.gatDst[pad]).isEqualTo(3);
            assertThat(java.util.Arrays.copyOfRange(b.gatEdgeAttr, pad * ef, (pad + 1) * ef))
                    .containsExactly(java.util.Arrays.copyOfRange(b.gatEdgeAttr, 10 * ef, 11 * ef));
        }
    }
}
