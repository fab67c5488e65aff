/**
 * The fusion state: per-graph features of the upstream models (models.md §2.6, §3.6, §3.7), the 18-dimensional
 * flattening fusers see ({@link dev.graphids.fusion.state.StateLayout}), the state files the {@code extract} stage
 * writes (safetensors plus a JSON manifest, readable from Python) and the extraction itself.
 */
package dev.graphids.fusion.state;
