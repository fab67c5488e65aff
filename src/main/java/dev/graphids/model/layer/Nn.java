package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Small tensor helpers. Batch operands come first so results land on the step's manager. */
public final class Nn {
    private Nn() {
    }

    /** {@code x · Wᵀ + b} for x [..., in], W [out, in], b [out] or null. */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = x.matMul(weight.transpose());
        return bias == null ? y : y.add(bias);
    }

    /**
     * {@code x · Wᵀ + addend} as one libtorch {@code linear} (addmm: no separate pass for the addition) for x
     * [N, in], W [out, in] and an addend [out] or [N, out].
     */
    public static NDArray linearPlus(NDArray x, NDArray weight, NDArray addend) {
        return JniUtils.linear((PtNDArray) x, (PtNDArray) weight, (PtNDArray) addend);
    }

    /**
     * Rows {@code x[index]}: x [N, W], index [M] int64 → [M, W]. A gather with the index expanded over the columns
     * (a stride-0 view): libtorch's CPU backward of gather is scatter_add, which accumulates each target row in a
     * fixed order (deterministic, unlike the atomic adds of aten::index behind {@code x.get(index)}), and the
     * forward is about twice as fast as aten::index. When no backward can follow, libtorch's embedding lookup
     * (index_select of whole rows) gives the same values 1.5–2× faster than the gather (0.2–0.29 vs 0.36–0.62 ms for
     * 17,160 rows of 96).
     */
    public static NDArray rows(NDArray x, NDArray index) {
        if (!recordingGradients()) {
            return JniUtils.embedding((PtNDArray) index, (PtNDArray) x, false);
        }
        long m = index.getShape().get(0);
        return x.gather(index.reshape(m, 1).broadcast(new Shape(m, x.getShape().get(1))), 0);
    }

    /** Inverted dropout (libtorch's, so {@code torch.manual_seed} governs it); identity when not training. */
    public static NDArray dropout(NDArray x, double p, boolean training) {
        if (!training || p <= 0) {
            return x;
        }
        return JniUtils.dropout((PtNDArray) x, p, true);
    }

    /** Whether autograd records on this thread (inside a {@code GradientCollector}), i.e. a backward may follow. */
    public static boolean recordingGradients() {
        return JniUtils.isGradMode();
    }

    /** Mean over real nodes: h [B, n, C], mask [B, n], count [B, 1] → [B, C]. */
    public static NDArray meanPool(NDArray h, NDArray mask, NDArray count) {
        return h.mul(mask.expandDims(2)).sum(new int[] {1}).div(count);
    }

    /** Per-row cross-entropy: logits [M, K], labels [M] int64 → [M]. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(-1);
        return logp.gather(labels.expandDims(1), 1).squeeze(1).neg();
    }
}
