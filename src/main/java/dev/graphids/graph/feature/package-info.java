/**
 * Node and edge features of window graphs (spec {@code data.md} §1.4, §3.3–3.5): the 35 node features
 * ({@link dev.graphids.graph.feature.NodeFeatures}), the 11 edge features
 * ({@link dev.graphids.graph.feature.EdgeFeatures}), the graph topology they share
 * ({@link dev.graphids.graph.feature.Topology}), the payload statistics behind them
 * ({@link dev.graphids.graph.feature.Moments}, {@link dev.graphids.graph.feature.PayloadEntropy}) and the
 * vehicle-independent ID block ({@link dev.graphids.graph.feature.IdFeatures}, Decision 3; kept apart from the 35
 * specified columns).
 *
 * <p><b>Edge direction.</b> Edge features and topology use the original's direction, newest → previous: the edge of
 * rows t − 1 and t has source = node of row t (the newer frame) and destination = node of row t − 1. The legacy KD-GAT
 * adapter and the original's later temporal path use the opposite direction (spec Decision 6); in-degree therefore
 * counts a node's frames that have a successor in the window, out-degree those that have a predecessor.
 *
 * <p>Everything is computed in double over primitive arrays with reusable scratch buffers; the classes holding scratch
 * are not thread-safe (use one per thread). Depends only on {@code graph}; never imports DJL, tracking or run code.
 */
package dev.graphids.graph.feature;
