/**
 * Graph models on DJL (PyTorch engine): the {@link dev.graphids.model.GraphModel} contract (parameters, loss,
 * {@code trainStep}, {@code score} returning plain Java arrays), the {@link dev.graphids.model.ModelRegistry} of
 * model types ({@code gat}, {@code vgae}, {@code dgi}) with their strict, Jackson-bound config records, the named
 * {@link dev.graphids.model.ParameterStore} (safetensors save/load) and a hand-written
 * {@link dev.graphids.model.Adam} with global-norm clipping. Sub-packages: {@code layer} (shared blocks),
 * {@code gat}, {@code vgae}, {@code dgi}; {@code rate} belongs to the frame-rate baseline.
 *
 * <p>Scoping rule: every tensor-touching method opens a step sub-manager and an {@code NDScope}; only parameters,
 * buffers and optimizer state live longer. Gathers whose backward would accumulate duplicate indices are written as
 * matmuls with constant one-hot matrices, because libtorch's CPU index backward uses parallel atomic adds and is not
 * reproducible with more than one thread. Must not import {@code cli}, {@code run} or tracking code.
 */
package dev.graphids.model;
