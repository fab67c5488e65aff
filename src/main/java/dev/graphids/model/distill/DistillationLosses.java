package dev.graphids.model.distill;

import ai.djl.ndarray.NDArray;

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
        float t = (float) temperature;
        NDArray logStudent = student.div(t).logSoftmax(-1);
        NDArray logTeacher = teacher.div(t).logSoftmax(-1);
        NDArray kl = logTeacher.exp().mul(logTeacher.sub(logStudent)).sum();
        return kl.div((float) student.getShape().get(0)).mul(t * t);
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
        return a.sub(b).square().mean(new int[] {2}).mul(nodeMask).sum().div(nodeMask.sum().maximum(1f));
    }

    /** {@code alpha·kd + (1 − alpha)·task}. */
    public static NDArray mix(NDArray kd, NDArray task, double alpha) {
        return kd.mul((float) alpha).add(task.mul((float) (1 - alpha)));
    }
}
