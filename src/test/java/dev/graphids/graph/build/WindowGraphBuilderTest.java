package dev.graphids.graph.build;

import static dev.graphids.graph.TestFrames.extendedFrame;
import static dev.graphids.graph.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.graphids.can.CanFrame;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.IdFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowGraphBuilderTest {

    private static final int ID_A = 0x100;
    private static final int ID_B = 0x200;
    private static final int ID_C = 0x300;
    private static final CanIdVocabulary VOCAB = CanIdVocabulary.of(ID_C, ID_A, ID_B);
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final double EPS = 1e-6;

    /**
     * Spec §3.9: W = S = 6, IDs A, B, A, A, C, B at timestamps 0.0 .. 0.5. A's byte 0 is 1, 3, 3 (other bytes 0);
     * B and C carry empty payloads.
     */
    private static WindowGraph workedExample() {
        FrameWindow w = FrameWindow.of(0, 0, List.of(
                frame(0.0, ID_A, "01"),
                frame(0.1, ID_B, ""),
                frame(0.2, ID_A, "03"),
                frame(0.3, ID_A, "03"),
                frame(0.4, ID_C, ""),
                frame(0.5, ID_B, "")));
        return new WindowGraphBuilder(VOCAB).build(w, 0);
    }

    @Test
    void workedExampleHasNodesInAscendingVocabularyOrder() {
        WindowGraph g = workedExample();
        assertThat(g.nodeIds()).containsExactly(1, 2, 3);
        assertThat(g.canIdsOf(A)).containsExactly(ID_A);
        assertThat(g.canIdsOf(C)).containsExactly(ID_C);
        assertThat(g.x()).hasSize(3 * 35);
    }

    @Test
    void workedExampleEdgesPointFromNewerToPreviousMessage() {
        WindowGraph g = workedExample();
        // B→A, A→B, A→A, C→A, B→C
        assertThat(g.edgeSrc()).containsExactly(B, A, A, C, B);
        assertThat(g.edgeDst()).containsExactly(A, B, A, A, C);
        float[] bidir = new float[5];
        for (int j = 0; j < 5; j++) {
            bidir[j] = g.edgeFeature(j, EdgeFeatures.BIDIR);
            assertThat(g.edgeFeature(j, EdgeFeatures.IAT)).isCloseTo(0.1f, within(1e-7f));
            assertThat(g.edgeFeature(j, EdgeFeatures.EDGE_FREQ)).isEqualTo(1f);
        }
        assertThat(bidir).containsExactly(1f, 1f, 1f, 0f, 0f);
        // byte 0 differences: |0-1|, |3-0|, |3-3|, |0-3|, |0-0|
        float[] diff0 = new float[5];
        for (int j = 0; j < 5; j++) {
            diff0[j] = g.edgeFeature(j, EdgeFeatures.BYTE_DIFF);
        }
        assertThat(diff0).containsExactly(1f, 3f, 0f, 3f, 0f);
    }

    @Test
    void workedExampleNodeFeaturesMatchTheSpecTable() {
        WindowGraph g = workedExample();
        assertNode(g, A, 3, 2, 3, 2.0 / 3, 0.15, Math.sqrt(0.005));
        assertNode(g, B, 1, 2, 2, 0.5, 0.4, 0);
        assertNode(g, C, 1, 1, 1, 0, 0, 0);
        assertThat(g.nodeFeature(A, NodeFeatures.NODE_IAT_STD)).isCloseTo(0.0707f, within(1e-4f));
    }

    @Test
    void workedExampleClusteringFollowsTheOriginalNotNetworkx() {
        WindowGraph g = workedExample();
        assertThat(g.nodeFeature(A, NodeFeatures.CLUSTERING_COEFF)).isCloseTo(2f / 3, within(1e-7f));
        assertThat(g.nodeFeature(B, NodeFeatures.CLUSTERING_COEFF)).isEqualTo(1.5f);
        assertThat(g.nodeFeature(C, NodeFeatures.CLUSTERING_COEFF)).isEqualTo(1.5f);
    }

    @Test
    void workedExamplePayloadStatisticsOfNodeA() {
        WindowGraph g = workedExample();
        // byte 0 of A: 1, 3, 3
        assertThat(g.nodeFeature(A, NodeFeatures.BYTE_MEAN)).isCloseTo(7f / 3, within(1e-6f));
        assertThat(g.nodeFeature(A, NodeFeatures.BYTE_STD)).isCloseTo((float) Math.sqrt(4.0 / 3), within(1e-6f));
        assertThat(g.nodeFeature(A, NodeFeatures.BYTE_RANGE)).isEqualTo(2f);
        assertThat(g.nodeFeature(A, NodeFeatures.BYTE_MEAN + 1)).isZero();
        // constant bytes contribute 0 to the mean over 8 bytes
        assertThat(g.nodeFeature(A, NodeFeatures.SKEWNESS)).isCloseTo((float) (-1 / Math.sqrt(2) / 8), within(1e-7f));
        assertThat(g.nodeFeature(A, NodeFeatures.KURTOSIS)).isCloseTo(-1.5f / 8, within(1e-7f));
        assertThat(g.nodeFeature(A, NodeFeatures.CHANGE_RATE)).isCloseTo(0.5f / 8, within(1e-7f));
        // one non-zero byte per message: entropy 0
        assertThat(g.nodeFeature(A, NodeFeatures.ENTROPY_MEAN)).isZero();
        assertThat(g.nodeFeature(B, NodeFeatures.SKEWNESS)).isZero();
        assertThat(g.nodeFeature(C, NodeFeatures.BYTE_STD)).isZero();
    }

    private static void assertNode(WindowGraph g, int v, int in, int out, int count, double splitHalf, double iatMean,
                                   double iatStd) {
        assertThat(g.nodeFeature(v, NodeFeatures.IN_DEGREE)).isEqualTo((float) in);
        assertThat(g.nodeFeature(v, NodeFeatures.OUT_DEGREE)).isEqualTo((float) out);
        assertThat(g.nodeFeature(v, NodeFeatures.MSG_COUNT)).isEqualTo((float) count);
        assertThat((double) g.nodeFeature(v, NodeFeatures.SPLIT_HALF_RATIO)).isCloseTo(splitHalf, within(EPS));
        assertThat((double) g.nodeFeature(v, NodeFeatures.NODE_IAT_MEAN)).isCloseTo(iatMean, within(EPS));
        assertThat((double) g.nodeFeature(v, NodeFeatures.NODE_IAT_STD)).isCloseTo(iatStd, within(EPS));
    }

    @Test
    void unknownIdsMergeIntoNodeZeroAndKeepTheirRawIds() {
        FrameWindow w = FrameWindow.of(0, 0, List.of(
                frame(0.0, 0x7A0, "00"),
                frame(0.1, ID_A, "00"),
                frame(0.2, 0x010, "00"),
                frame(0.3, 0x7A0, "00")));
        WindowGraph g = new WindowGraphBuilder(VOCAB).build(w, 0);
        assertThat(g.nodeIds()).containsExactly(0, 1);
        assertThat(g.canIdsOf(0)).containsExactly(0x010, 0x7A0);
        assertThat(g.canIdsOf(1)).containsExactly(ID_A);
        assertThat(g.nodeFeature(0, NodeFeatures.MSG_COUNT)).isEqualTo(3f);
        // 0x010 → 0x7A0 is a self-loop of the unknown node
        assertThat(g.edgeSrc()[2]).isZero();
        assertThat(g.edgeDst()[2]).isZero();
    }

    @Test
    void idFeaturesDescribeTheRawIdIndependentlyOfTheVocabulary() {
        FrameWindow w = FrameWindow.of(0, 0, List.of(
                frame(0.0, 0x7A0, "00"),
                frame(0.1, ID_A, "00"),
                frame(0.2, 0x010, "00"),
                frame(0.3, 0x7A0, "00"),
                extendedFrame(0.4, 0x1FFFFFFF, "00")));
        IdFeatures ids = new IdFeatures(64);
        WindowGraph g = new WindowGraphBuilder(VOCAB, ids).build(w, 0);
        float[] f = g.idFeatures();
        int k = IdFeatures.COUNT;
        // unknown node: representative is its most frequent raw ID (0x7A0, twice) — but the extended ID is
        // unknown too and appears once, so 0x7A0 wins
        assertThat(f[IdFeatures.ID_SCALED]).isCloseTo(0x7A0 / (float) 0x7FF, within(1e-7f));
        assertThat(f[IdFeatures.ID_EXTENDED]).isZero();
        assertThat(f[IdFeatures.ID_UNKNOWN]).isEqualTo(1f);
        assertThat(f[k + IdFeatures.ID_SCALED]).isCloseTo(ID_A / (float) 0x7FF, within(1e-7f));
        assertThat(f[k + IdFeatures.ID_UNKNOWN]).isZero();
        assertThat(g.idBuckets()[0]).isEqualTo(ids.bucket(0x7A0, false));
        assertThat(g.idBuckets()[1]).isEqualTo(ids.bucket(ID_A, false)).isBetween(0, 63);
        assertThat(IdFeatures.scaledId(0x1FFFFFFF, true)).isEqualTo(1.0);
        assertThat(ids.bucket(0x100, false)).isNotEqualTo(ids.bucket(0x100, true));
    }

    @Test
    void windowIsAttackWhenAnyFrameIsAndCarriesTheStreamAttackType() {
        FrameWindow benign = FrameWindow.of(0, 0, List.of(frame(0, ID_A, "00"), frame(1, ID_B, "00")));
        FrameWindow attack = FrameWindow.of(1, 2, List.of(frame(2, ID_A, "00"), frame(3, ID_B, "00", CanFrame.ATTACK)));
        WindowGraphBuilder builder = new WindowGraphBuilder(VOCAB);
        assertThat(builder.build(benign, 1).y()).isZero();
        assertThat(builder.build(benign, 1).attackType()).isEqualTo(1);
        assertThat(builder.build(attack, 1).y()).isEqualTo(1);
        assertThat(builder.build(attack, 0).attackType()).isZero();
    }

    @Test
    void splitHalfUsesTheStreamRowModuloWindowSize() {
        // window starting at stream row 2 with W = 4: rows 2,3 are in the second half, rows 4,5 in the first
        FrameWindow w = FrameWindow.of(1, 2, List.of(
                frame(0, ID_A, ""), frame(1, ID_A, ""), frame(2, ID_B, ""), frame(3, ID_B, "")));
        WindowGraph g = new WindowGraphBuilder(VOCAB).build(w, 0);
        assertThat(g.nodeFeature(0, NodeFeatures.SPLIT_HALF_RATIO)).isZero();
        assertThat(g.nodeFeature(1, NodeFeatures.SPLIT_HALF_RATIO)).isEqualTo(1f);
    }

    @Test
    void doubleFeaturesAgreeWithTheFloatGraph() {
        FrameWindow w = FrameWindow.of(0, 0, List.of(
                frame(0.0, ID_A, "01"), frame(0.1, ID_B, ""), frame(0.2, ID_A, "03"), frame(0.3, ID_A, "03"),
                frame(0.4, ID_C, ""), frame(0.5, ID_B, "")));
        WindowGraphBuilder builder = new WindowGraphBuilder(VOCAB);
        WindowGraphBuilder.WindowFeatures f = builder.features(w);
        WindowGraph g = builder.build(w, 0);
        assertThat(f.nodeIds()).containsExactly(g.nodeIds());
        for (int i = 0; i < g.x().length; i++) {
            assertThat(g.x()[i]).isEqualTo((float) f.x()[i]);
        }
        for (int i = 0; i < g.edgeAttr().length; i++) {
            assertThat(g.edgeAttr()[i]).isEqualTo((float) f.edgeAttr()[i]);
        }
    }
}
