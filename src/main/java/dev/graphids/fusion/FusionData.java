package dev.graphids.fusion;

import dev.graphids.fusion.state.FusionStates;
import dev.graphids.fusion.state.StateLayout;

/**
 * A split's fusion inputs as the fusers use them: the raw 18-dim state (supervised fusers), the normalised state
 * (RL fusers: both {@code conf} entries clamped to [0, 1], models.md §4.2), the two blended scores and the labels.
 *
 * @param raw        row-major [n, 18]
 * @param normalized row-major [n, 18], conf entries clamped
 * @param gatProb    GAT p(attack)
 * @param anomaly    VGAE anomaly {@code w/(1+w)} of the RL fusers
 * @param gatConf    clamped GAT confidence
 * @param vgaeConf   clamped VGAE confidence
 * @param rate       the rate baseline's score per row ({@link StateLayout#RATE}), or null when the states lack it
 */
public record FusionData(int size, float[] raw, float[] normalized, double[] gatProb, double[] anomaly,
                         double[] gatConf, double[] vgaeConf, int[] labels, double[] rate) {

    public static FusionData of(FusionStates s) {
        FusionData d = of(s.flat(), s.labels(), s.anomaly());
        float[] rate = s.features().get(StateLayout.RATE);
        if (rate == null) {
            return d;
        }
        double[] r = new double[rate.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = rate[i];
        }
        return new FusionData(d.size, d.raw, d.normalized, d.gatProb, d.anomaly, d.gatConf, d.vgaeConf, d.labels, r);
    }

    /** From a raw state matrix, labels and the RL anomaly of each row. */
    public static FusionData of(float[] raw, int[] labels, double[] anomaly) {
        int n = labels.length;
        int d = StateLayout.DIM;
        float[] norm = raw.clone();
        double[] gatProb = new double[n];
        double[] gatConf = new double[n];
        double[] vgaeConf = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c : new int[] {StateLayout.GAT_CONF, StateLayout.VGAE_CONF}) {
                norm[i * d + c] = Math.min(1f, Math.max(0f, norm[i * d + c]));
            }
            gatProb[i] = raw[i * d + StateLayout.GAT_P_ATTACK];
            gatConf[i] = norm[i * d + StateLayout.GAT_CONF];
            vgaeConf[i] = norm[i * d + StateLayout.VGAE_CONF];
        }
        return new FusionData(n, raw, norm, gatProb, anomaly, gatConf, vgaeConf, labels, null);
    }

    /** Rows {@code idx} of a row-major [n, 18] matrix. */
    static float[] rows(float[] m, int[] idx) {
        int d = StateLayout.DIM;
        float[] out = new float[idx.length * d];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(m, idx[k] * d, out, k * d, d);
        }
        return out;
    }

    static float[] labelsOf(int[] labels, int[] idx) {
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = labels[idx[k]];
        }
        return out;
    }
}
