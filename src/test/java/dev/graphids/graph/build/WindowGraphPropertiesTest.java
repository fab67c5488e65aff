package dev.graphids.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.CanFrame;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Invariants of built graphs over seeded random windows (few distinct IDs, so self-loops, multi-edges and unknown IDs
 * are common), including the closed forms of spec §3.3 and a naive recomputation of the clustering coefficient.
 */
class WindowGraphPropertiesTest {

    private static final CanIdVocabulary VOCAB = CanIdVocabulary.of(1, 2, 3, 4, 5, 6);

    private static FrameWindow randomWindow(Random random, int w) {
        double[] ts = new double[w];
        int[] ids = new int[w];
        boolean[] ext = new boolean[w];
        byte[] pay = new byte[w * FrameWindow.PAYLOAD_BYTES];
        byte[] labels = new byte[w];
        double t = 1_513_921_815.0;
        for (int r = 0; r < w; r++) {
            t += random.nextInt(1000) * 1e-6;
            ts[r] = t;
            ids[r] = 1 + random.nextInt(9); // 7..9 are unknown
            for (int i = 0; i < FrameWindow.PAYLOAD_BYTES; i++) {
                pay[r * FrameWindow.PAYLOAD_BYTES + i] = (byte) random.nextInt(random.nextBoolean() ? 3 : 256);
            }
            labels[r] = random.nextInt(20) == 0 ? CanFrame.ATTACK : CanFrame.BENIGN;
        }
        return new FrameWindow(0, 0, ts, ids, ext, pay, labels);
    }

    @RepeatedTest(50)
    void builtGraphsSatisfyTheStructuralInvariants(RepetitionInfo rep) {
        Random random = new Random(1000L + rep.getCurrentRepetition());
        int w = 2 + random.nextInt(150);
        FrameWindow window = randomWindow(random, w);
        WindowGraph g = new WindowGraphBuilder(VOCAB).build(window, 0);
        int n = g.numNodes();
        assertThat(g.numEdges()).isEqualTo(w - 1);
        for (int v = 1; v < n; v++) {
            assertThat(g.nodeIds()[v]).isGreaterThan(g.nodeIds()[v - 1]);
        }
        int[] local = new int[w];
        for (int r = 0; r < w; r++) {
            local[r] = java.util.Arrays.binarySearch(g.nodeIds(), VOCAB.indexOf(window.canId(r)));
            assertThat(local[r]).isNotNegative();
        }
        double msgs = 0;
        for (int v = 0; v < n; v++) {
            int inClosed = 0;
            int outClosed = 0;
            for (int r = 0; r < w; r++) {
                if (local[r] == v && r <= w - 2) {
                    inClosed++;
                }
                if (local[r] == v && r >= 1) {
                    outClosed++;
                }
            }
            assertThat(g.nodeFeature(v, NodeFeatures.IN_DEGREE)).isEqualTo((float) inClosed);
            assertThat(g.nodeFeature(v, NodeFeatures.OUT_DEGREE)).isEqualTo((float) outClosed);
            assertThat(g.nodeFeature(v, NodeFeatures.SKEWNESS)).isBetween(-10f, 10f);
            assertThat(g.nodeFeature(v, NodeFeatures.KURTOSIS)).isBetween(-10f, 10f);
            assertThat((double) g.nodeFeature(v, NodeFeatures.CLUSTERING_COEFF))
                    .isCloseTo(naiveClustering(g, v), org.assertj.core.api.Assertions.within(1e-6));
            msgs += g.nodeFeature(v, NodeFeatures.MSG_COUNT);
        }
        assertThat(msgs).isEqualTo(w);
        for (int j = 0; j < g.numEdges(); j++) {
            assertThat(g.edgeSrc()[j]).isEqualTo(local[j + 1]);
            assertThat(g.edgeDst()[j]).isEqualTo(local[j]);
            int multiplicity = 0;
            boolean reverse = false;
            for (int k = 0; k < g.numEdges(); k++) {
                multiplicity += g.edgeSrc()[k] == g.edgeSrc()[j] && g.edgeDst()[k] == g.edgeDst()[j] ? 1 : 0;
                reverse |= g.edgeSrc()[k] == g.edgeDst()[j] && g.edgeDst()[k] == g.edgeSrc()[j];
            }
            assertThat(g.edgeFeature(j, EdgeFeatures.EDGE_FREQ)).isEqualTo((float) multiplicity);
            assertThat(g.edgeFeature(j, EdgeFeatures.BIDIR)).isEqualTo(reverse ? 1f : 0f);
            assertThat(g.edgeFeature(j, EdgeFeatures.IAT)).isNotNegative();
        }
        assertThat(g.y()).isEqualTo(window.anyAttack() ? 1 : 0);
    }

    /** The spec's definition over a symmetric boolean pair matrix, self-pairs kept. */
    private static double naiveClustering(WindowGraph g, int u) {
        int n = g.numNodes();
        boolean[][] p = new boolean[n][n];
        for (int j = 0; j < g.numEdges(); j++) {
            p[g.edgeSrc()[j]][g.edgeDst()[j]] = true;
            p[g.edgeDst()[j]][g.edgeSrc()[j]] = true;
        }
        int udeg = 0;
        for (int v = 0; v < n; v++) {
            udeg += p[u][v] ? 1 : 0;
        }
        if (udeg <= 1) {
            return 0;
        }
        int paths = 0;
        for (int v = 0; v < n; v++) {
            for (int w = 0; w < n; w++) {
                if (p[u][v] && p[v][w] && w != u && p[u][w]) {
                    paths++;
                }
            }
        }
        return 2 * (paths / 2.0) / (udeg * (udeg - 1.0));
    }
}
