/**
 * The DJL edge of GraphIDS: engine preflight (threads, accelerator check, seeding) and the dense padded
 * {@link dev.graphids.tensor.GraphBatch} that the models consume, packed from a graph cache by
 * {@link dev.graphids.tensor.BatchLoader} under a node/edge budget.
 *
 * <p>{@code GraphBatch} and {@code BatchLoader} hold plain Java arrays; only {@link dev.graphids.tensor.BatchTensors}
 * (created per step on a step manager) and {@link dev.graphids.tensor.Engines} touch DJL. Together with
 * {@code model}, {@code train}, {@code analysis} and {@code detect}, this is the only package that may import DJL.
 */
package dev.graphids.tensor;
