package dev.graphids.model;

/** A batch's evaluation-mode loss and its per-sample scores, from one forward pass where the model allows it. */
public record LossAndScores(double loss, float[] scores) {
}
