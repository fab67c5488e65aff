package dev.graphids.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** CKA, PCA and filter normalisation against values computed by hand. */
class AnalysisMathTest {

    @Test
    void ckaOfARepresentationWithItselfIsOneAndInvariantToRotationAndScale() {
        double[][] x = {{1, 2}, {3, 1}, {0, 5}, {4, 4}, {2, 0}, {5, 1}};
        assertThat(Cka.linear(x, x)).isCloseTo(1.0, within(1e-12));
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] rotated = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rotated[i] = new double[] {3 * (c * x[i][0] - s * x[i][1]) + 10, 3 * (s * x[i][0] + c * x[i][1]) - 2};
        }
        assertThat(Cka.linear(x, rotated)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void ckaOfOneDimensionalRepresentationsIsTheirSquaredCorrelation() {
        // centred x = (-1.5, -.5, .5, 1.5), x² centred = (-6.5, -3.5, 1.5, 8.5): Σxy = 25, Σx² = 5, Σy² = 129.
        double[][] x = {{1}, {2}, {3}, {4}};
        double[][] squares = {{1}, {4}, {9}, {16}};
        assertThat(Cka.linear(x, squares)).isCloseTo(625.0 / (5 * 129), within(1e-12));
        // (.5, -.5, -.5, .5) is orthogonal to the centred x: nothing shared.
        double[][] orthogonal = {{1}, {0}, {0}, {1}};
        assertThat(Cka.linear(x, orthogonal)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void hsicKeepsTheOriginalsTermsOnUncentredGramMatrices() {
        // K = L = all ones (n = 4): tr(KL) = 16, 1ᵀK1 = 1ᵀL1 = 16, 1ᵀKL1 = 64.
        double[][] ones = new double[4][4];
        for (double[] row : ones) {
            java.util.Arrays.fill(row, 1);
        }
        double expected = (16 + 16.0 * 16 / (3 * 2) - 2.0 * 64 / 2) / (4 * 1);
        assertThat(Cka.hsic(ones, ones)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void ckaRefusesTooFewOrMismatchedSamples() {
        assertThatThrownBy(() -> Cka.linear(new double[3][1], new double[3][1])).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Cka.linear(new double[4][1], new double[5][1])).hasMessageContaining("same samples");
    }

    @Test
    void pcaFindsTheEigenvectorsOfAKnownCovariance() {
        // Covariance [[20, 16], [16, 20]] / 3: eigenvalues 12 along (1, 1)/√2 and 4/3 along (1, −1)/√2.
        double[][] x = {{3, 3}, {-3, -3}, {1, -1}, {-1, 1}};
        Pca p = Pca.fit(x, 2);
        assertThat(p.explainedVariance()[0]).isCloseTo(12.0, within(1e-9));
        assertThat(p.explainedVariance()[1]).isCloseTo(4.0 / 3, within(1e-9));
        assertThat(p.explainedRatio(0)).isCloseTo(0.9, within(1e-9));
        double r = Math.sqrt(0.5);
        assertThat(p.components()[0]).containsExactly(new double[] {r, r}, within(1e-9));
        assertThat(Math.abs(p.components()[1][0])).isCloseTo(r, within(1e-9));
        assertThat(p.projection()[0][0]).isCloseTo(6 * r, within(1e-9));
        assertThat(p.projection()[1][0]).isCloseTo(-6 * r, within(1e-9));
        assertThat(p.projection()[2][0]).isCloseTo(0, within(1e-9));
        assertThat(Math.abs(p.projection()[2][1])).isCloseTo(2 * r, within(1e-9));
    }

    @Test
    void pcaOfRandomDataReproducesTheCovarianceSpectrum() {
        Random r = new Random(5);
        double[][] x = new double[200][6];
        for (double[] row : x) {
            for (int j = 0; j < 6; j++) {
                row[j] = r.nextGaussian() * (j + 1);
            }
        }
        Pca p = Pca.fit(x, 6);
        double sum = 0;
        for (int m = 0; m < 6; m++) {
            sum += p.explainedVariance()[m];
            if (m > 0) {
                assertThat(p.explainedVariance()[m]).isLessThanOrEqualTo(p.explainedVariance()[m - 1]);
            }
            double norm = 0;
            for (double v : p.components()[m]) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1, within(1e-9));
        }
        assertThat(sum).isCloseTo(p.totalVariance(), within(1e-9)); // trace is preserved
    }

    @Test
    void filterNormalisationMatchesEachRowToTheWeightsRowNorm() {
        // Row 0: direction (3, 4) has norm 5, weights (1, 0) norm 1 → (0.6, 0.8). Row 1: (0, 1) → weights norm 2.
        float[] d = FilterNormalisation.normalise(new float[] {3, 4, 0, 1}, new float[] {1, 0, 0, 2}, new long[] {2,
            2});
        assertThat(d).containsExactly(new float[] {0.6f, 0.8f, 0f, 2f}, within(1e-6f));
        // A bias is scaled as one vector: (3, 4) → norm 10.
        float[] b = FilterNormalisation.normalise(new float[] {3, 4}, new float[] {0, 10}, new long[] {2});
        assertThat(b).containsExactly(new float[] {6f, 8f}, within(1e-5f));
        // A zero weight row gives a (numerically) zero direction row, not NaN.
        float[] z = FilterNormalisation.normalise(new float[] {1, 1}, new float[] {0, 0}, new long[] {1, 2});
        assertThat(z[0]).isLessThan(1e-9f).isNotNaN();
        // Higher-rank tensors normalise per slice along dim 0 (here 2 slices of 2×2).
        float[] t = FilterNormalisation.normalise(new float[] {1, 1, 1, 1, 2, 0, 0, 0}, new float[] {0, 0, 0, 4, 1, 1,
            1, 1}, new long[] {2, 2, 2});
        assertThat(t).containsExactly(new float[] {2, 2, 2, 2, 2, 0, 0, 0}, within(1e-6f));
    }

    @Test
    void landscapeGridAndSampleAreTheDocumentedOnes() {
        assertThat(LandscapeArtifact.linspace(1.0, 5)).containsExactly(-1, -0.5, 0, 0.5, 1);
        int[] s = LandscapeArtifact.sample(100, 10, 7);
        assertThat(s).hasSize(10).doesNotHaveDuplicates().isSorted();
        assertThat(LandscapeArtifact.sample(100, 10, 7)).containsExactly(s);
        assertThat(LandscapeArtifact.sample(5, 10, 7)).containsExactly(0, 1, 2, 3, 4);
    }
}
