package dev.graphids.model.vgae;

/** Raw per-graph score components of the VGAE (models.md §3.5), each [B] in batch order. */
public record VgaeScores(float[] recon, float[] reconMax, float[] affinity, float[] rq, float[] mahal, float[] kl) {

    /** Element-wise sum with {@code o} (same batch). */
    VgaeScores plus(VgaeScores o) {
        return new VgaeScores(add(recon, o.recon), add(reconMax, o.reconMax), add(affinity, o.affinity),
                add(rq, o.rq), add(mahal, o.mahal), add(kl, o.kl));
    }

    VgaeScores times(float c) {
        return new VgaeScores(scale(recon, c), scale(reconMax, c), scale(affinity, c), scale(rq, c), scale(mahal, c),
                scale(kl, c));
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static float[] scale(float[] a, float c) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= c;
        }
        return out;
    }
}
