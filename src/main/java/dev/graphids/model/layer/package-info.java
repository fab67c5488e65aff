/**
 * Building blocks shared by the graph models, computed on dense padded batches ({@link dev.graphids.tensor.BatchTensors}):
 * linear layers, the GATv2 convolution with edge features and self-loops, GraphNorm, LSTM jumping knowledge, the
 * input encoder (ID embeddings ‖ node features) and masked pooling.
 */
package dev.graphids.model.layer;
