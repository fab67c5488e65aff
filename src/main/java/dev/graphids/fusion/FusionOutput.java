package dev.graphids.fusion;

/**
 * A fuser's per-graph outputs.
 *
 * @param score   the fused score in [0, 1] (the probability of an attack; decision {@code score > 0.5})
 * @param alpha   the blend weight on the GAT per graph, or null (MLP, MoE)
 * @param anomaly the VGAE-side score that α blends, or null (MLP, MoE)
 */
public record FusionOutput(double[] score, double[] alpha, double[] anomaly) {
}
