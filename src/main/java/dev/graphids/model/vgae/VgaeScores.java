package dev.graphids.model.vgae;

/** Raw per-graph score components of the VGAE (models.md §3.5), each [B] in batch order. */
public record VgaeScores(float[] recon, float[] reconMax, float[] affinity, float[] rq, float[] mahal, float[] kl) {
}
