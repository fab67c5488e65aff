/**
 * Node and edge features of window graphs (spec {@code data.md} §1.4, §3.3–3.5): the 35 node features
 * ({@link dev.graphids.graph.feature.NodeFeatures}), the 11 edge features
 * ({@link dev.graphids.graph.feature.EdgeFeatures}), the graph topology they share
 * ({@link dev.graphids.graph.feature.Topology}), the payload statistics behind them
 * ({@link dev.graphids.graph.feature.Moments}, {@link dev.graphids.graph.feature.PayloadEntropy}) and the
 * vehicle-independent ID block ({@link dev.graphids.graph.feature.IdFeatures}, Decision 3; kept apart from the 35
 * specified columns).
 *
 * <p>Everything is computed in double over primitive arrays with reusable scratch buffers; the classes holding scratch
 * are not thread-safe (use one per thread). Depends only on {@code graph}; never imports DJL, tracking or run code.
 */
package dev.graphids.graph.feature;
