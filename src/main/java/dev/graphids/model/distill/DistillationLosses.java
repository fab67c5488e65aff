package dev.graphids.model.distill;

import ai.djl.ndarray.NDArray;
import dev.graphids.model.layer.Scalars;

/** The knowledge-distillation terms of models.md §5.2 and §5.3. */
public final class DistillationLosses {
    private DistillationLosses() {
    }

    /**
     * {@code T² · KL(softmax(t/T) ‖ softmax(s/T))} with PyTorch's {@code batchmean} reduction (sum over graphs and
     * classes, divided by the number of graphs). The teacher logits must carry no gradient.
     *
     * @param student [B, K] logits
     * @param teacher [B, K] logits
     */
    public static NDArray softLabel(NDArray student, NDArray teacher, double temperature) {
        NDArray logStudent = Scalars.dividedBy(student, temperature).logSoftmax(-1);
        NDArray logTeacher = Scalars.dividedBy(teacher, temperature).logSoftmax(-1);
        NDArray kl = logTeacher.exp().mul(logTeacher.sub(logStudent)).sum();
        return Scalars.times(kl, temperature * temperature / student.getShape().get(0));
    }

    /**
     * Mean squared error over the real nodes of a padded batch: {@code Σ mask·mean_d (a − b)² / Σ mask}, the
     * PyTorch {@code MSELoss} of the original's aligned node rows.
     *
     * @param a        [B, n, d]
     * @param b        [B, n, d], no gradient
     * @param nodeMask [B, n], 1 for real nodes
     */
    public static NDArray nodeMse(NDArray a, NDArray b, NDArray nodeMask) {
        return a.sub(b).square().mean(new int[] {2}).mul(nodeMask).sum().div(Scalars.atLeast(nodeMask.sum(), 1));
    }

    /**
     * Similarity-preserving distillation (Tung and Mori, ICCV 2019): {@code ‖N(S·Sᵀ) − N(T·Tᵀ)‖²_F / B²}, where
     * {@code N} scales each row to unit length. It asks the student to find the same graphs alike that the teacher
     * does, so the two embedding widths may differ and no projection needs training.
     *
     * @param student [B, Cs] graph embeddings
     * @param teacher [B, Ct] graph embeddings, no gradient
     */
    public static NDArray similarity(NDArray student, NDArray teacher) {
        long b = student.getShape().get(0);
        NDArray diff = rowNormalisedGram(student).sub(rowNormalisedGram(teacher));
        return Scalars.dividedBy(diff.square().sum(), (double) b * b);
    }

    private static NDArray rowNormalisedGram(NDArray e) {
        NDArray gram = e.matMul(e.transpose());
        // sqrt(Σ g² + ε): a row of zeros (an all-zero embedding) stays zero and keeps a finite gradient
        return gram.div(Scalars.plus(gram.square().sum(new int[] {1}, true), 1e-12).sqrt());
    }

    /** {@code alpha·kd + (1 − alpha)·task}. */
    public static NDArray mix(NDArray kd, NDArray task, double alpha) {
        return Scalars.times(kd, alpha).add(Scalars.times(task, 1 - alpha));
    }
}
