package dev.graphids.fusion;

/**
 * A fuser's per-graph outputs.
 *
 * @param score   the fused score: the probability of an attack (decision {@code score > 0.5} for RL fusers, at
 *                the fusion-val threshold otherwise), or max_sigma's largest standardised input
 * @param alpha   the blend weight on the GAT per graph, or null (MLP, MoE)
 * @param anomaly the VGAE-side score that α blends, or null (MLP, MoE)
 */
public record FusionOutput(double[] score, double[] alpha, double[] anomaly) {
}
