package dev.graphids.fusion.state;

/** The per-graph fusion feature formulas of models.md §2.6, §3.6 and §3.7, on host arrays. */
public final class FeatureFormulas {
    private static final double LN2 = Math.log(2);

    private FeatureFormulas() {
    }

    /** GAT confidence {@code clamp(1 − H(p)/ln 2, 0, 1)} with {@code H(p) = −Σ p·log(p + 1e-8)}. */
    public static float gatConf(float[] probs) {
        double h = 0;
        for (float p : probs) {
            h -= p * Math.log(p + 1e-8);
        }
        return (float) Math.min(1, Math.max(0, 1 - h / LN2));
    }

    /** mean, std (unbiased), max, min of a vector (the pooled GAT embedding across its C dimensions). */
    public static float[] stats(float[] v, int from, int length) {
        double sum = 0;
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (int i = from; i < from + length; i++) {
            sum += v[i];
            max = Math.max(max, v[i]);
            min = Math.min(min, v[i]);
        }
        double mean = sum / length;
        double sq = 0;
        for (int i = from; i < from + length; i++) {
            sq += (v[i] - mean) * (v[i] - mean);
        }
        double std = length > 1 ? Math.sqrt(sq / (length - 1)) : Double.NaN; // torch.std of one element is NaN
        return new float[] {(float) mean, (float) std, max, min};
    }

    /** VGAE confidence {@code 1/(1 + recon)}; DGI uses the same form on its anomaly. */
    public static float inverseConf(float error) {
        return 1f / (1f + error);
    }

    /**
     * Latent statistics of one graph: the graph mean of each node's mean over the latent dimensions, the graph
     * mean of each node's (unbiased) std, the graph max of node maxima and the graph min of node minima.
     *
     * @param z     node latents, row-major [nodes, latent] starting at {@code from}
     * @param nodes real nodes of the graph
     */
    public static float[] zStats(float[] z, int from, int nodes, int latent) {
        double meanSum = 0;
        double stdSum = 0;
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (int n = 0; n < nodes; n++) {
            float[] s = stats(z, from + n * latent, latent);
            meanSum += s[0];
            stdSum += s[1];
            max = Math.max(max, s[2]);
            min = Math.min(min, s[3]);
        }
        return new float[] {(float) (meanSum / nodes), (float) (stdSum / nodes), max, min};
    }

    /** DGI {@code pos_stats = [1 − mean D, mean D, std D]} over the discriminator scores of a graph's nodes. */
    public static float[] posStats(float[] d, int from, int nodes) {
        float[] s = stats(d, from, nodes);
        return new float[] {1 - s[0], s[0], nodes > 1 ? s[1] : 0f};
    }

    /**
     * The anomaly score RL fusers blend (models.md §4.6, {@code derive_scores}): the Möbius map {@code w/(1+w)} of
     * {@code w = 0.4·recon + 0.3·mahal + 0.3·kl}, in [0, 1) for non-negative errors.
     */
    public static double anomaly(double recon, double mahal, double kl) {
        double w = 0.4 * recon + 0.3 * mahal + 0.3 * kl;
        return w / (1 + w);
    }
}
