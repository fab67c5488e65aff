package dev.graphids.graph.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TopologyTest {

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    /** Spec §3.9: edges B→A, A→B, A→A, C→A, B→C. */
    private static Topology workedExample() {
        Topology t = new Topology();
        t.compute(new int[] {B, A, A, C, B}, new int[] {A, B, A, A, C}, 5, 3);
        return t;
    }

    @Test
    void clusteringCountsSelfPairsAsTheOriginalDoesAndCanExceedOne() {
        Topology t = workedExample();
        assertThat(t.clustering(A)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(t.clustering(B)).isEqualTo(1.5);
        assertThat(t.clustering(C)).isEqualTo(1.5);
    }

    @Test
    void degreesCountEdgeRowsWithMultiplicity() {
        Topology t = workedExample();
        assertThat(new int[] {t.inDegree(A), t.inDegree(B), t.inDegree(C)}).containsExactly(3, 1, 1);
        assertThat(new int[] {t.outDegree(A), t.outDegree(B), t.outDegree(C)}).containsExactly(2, 2, 1);
    }

    @Test
    void bidirIsSetWhenTheReversedPairExistsAndForSelfLoops() {
        Topology t = workedExample();
        boolean[] bidir = new boolean[5];
        for (int j = 0; j < 5; j++) {
            bidir[j] = t.bidirectional(j);
        }
        assertThat(bidir).containsExactly(true, true, true, false, false);
    }

    @Test
    void everyDuplicateEdgeCarriesTheMultiplicity() {
        Topology t = new Topology();
        // A→B three times, B→A once, A→A twice
        t.compute(new int[] {A, B, A, A, A, A}, new int[] {B, A, B, A, B, A}, 6, 2);
        int[] freq = new int[6];
        for (int j = 0; j < 6; j++) {
            freq[j] = t.edgeFrequency(j);
        }
        assertThat(freq).containsExactly(3, 1, 3, 2, 3, 2);
    }

    @Test
    void nodeWithOneNeighbourHasZeroClustering() {
        Topology t = new Topology();
        t.compute(new int[] {B}, new int[] {A}, 1, 2);
        assertThat(t.clustering(A)).isZero();
        assertThat(t.clustering(B)).isZero();
    }

    @Test
    void reusedInstanceGivesTheSameResultAfterALargerGraph() {
        Topology t = new Topology();
        int n = 50;
        int[] s = new int[99];
        int[] d = new int[99];
        for (int j = 0; j < 99; j++) {
            s[j] = (j * 7) % n;
            d[j] = (j * 13 + 1) % n;
        }
        t.compute(s, d, 99, n);
        Topology fresh = workedExample();
        t.compute(new int[] {B, A, A, C, B}, new int[] {A, B, A, A, C}, 5, 3);
        for (int v = 0; v < 3; v++) {
            assertThat(t.clustering(v)).isEqualTo(fresh.clustering(v));
            assertThat(t.inDegree(v)).isEqualTo(fresh.inDegree(v));
        }
    }

    @Test
    void densePathAndSortedPathAgreeOnRandomGraphs() {
        java.util.Random random = new java.util.Random(11);
        Topology dense = new Topology();
        Topology sorted = new Topology(0);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial % 3 == 0 ? 4 : 60);
            int e = 1 + random.nextInt(200);
            int[] s = new int[e];
            int[] d = new int[e];
            for (int j = 0; j < e; j++) {
                s[j] = random.nextInt(n);
                d[j] = random.nextInt(n);
            }
            dense.compute(s, d, e, n);
            sorted.compute(s, d, e, n);
            for (int j = 0; j < e; j++) {
                assertThat(dense.edgeFrequency(j)).isEqualTo(sorted.edgeFrequency(j));
                assertThat(dense.bidirectional(j)).isEqualTo(sorted.bidirectional(j));
            }
            for (int v = 0; v < n; v++) {
                assertThat(dense.clustering(v)).isEqualTo(sorted.clustering(v));
                assertThat(dense.inDegree(v)).isEqualTo(sorted.inDegree(v));
                assertThat(dense.outDegree(v)).isEqualTo(sorted.outDegree(v));
            }
        }
    }
}
