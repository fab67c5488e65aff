package dev.graphids.model;

import dev.graphids.tensor.GraphBatch;

/**
 * A graph model: parameters, a loss, a training step and per-graph scores. Every method that touches tensors opens
 * its own step manager and {@code NDScope}, so nothing outlives a call except the parameters, the optimizer state
 * and the plain Java arrays returned. Not thread-safe (the PyTorch engine allows one gradient collector per JVM).
 */
public interface GraphModel extends AutoCloseable {
    /** Registry key ({@code gat}, {@code vgae}, {@code dgi}). */
    String type();

    ModelConfig config();

    DataDims dims();

    /** Parameters and buffers, for the optimizer and for saving as safetensors. */
    ParameterStore parameters();

    /** Trainable scalars excluding ID embedding tables (the figure models.md §2.4 and §3.2 state). */
    long parameterCountWithoutIdTables();

    /** A fresh Adam with the config's learning rate and weight decay. */
    default Adam newOptimizer(double clipNorm) {
        return new Adam(parameters(), config().lr(), config().weightDecay(), clipNorm);
    }

    /**
     * One optimisation step in training mode: forward, loss, backward, global-norm clipping and Adam update (the
     * gradients are zeroed afterwards).
     *
     * @return the batch loss before the update
     * @throws ArithmeticException when the loss or the gradient norm is not finite (nothing is updated)
     */
    double trainStep(GraphBatch batch, Adam optimizer);

    /** The training loss of a batch in evaluation mode (no dropout, no gradient). */
    double evalLoss(GraphBatch batch);

    /**
     * Per-graph scores in batch order, higher = more likely an attack: p(attack) for classifiers, the calibrated
     * anomaly score for detectors.
     */
    float[] score(GraphBatch batch);

    /** {@link #evalLoss} and {@link #score} of one batch; classifiers compute both from one forward pass. */
    default LossAndScores evalLossAndScores(GraphBatch batch) {
        return new LossAndScores(evalLoss(batch), score(batch));
    }

    @Override
    void close();
}
