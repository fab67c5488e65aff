/**
 * Window graphs of CAN traffic (spec {@code data.md} §3): the window specification ({@link dev.graphids.graph.WindowSpec}),
 * a window of consecutive frames of one capture stream ({@link dev.graphids.graph.FrameWindow}), the graph built from
 * it ({@link dev.graphids.graph.WindowGraph}: nodes are CAN IDs, edges are transitions between consecutive frames) and
 * the per-file attack-type codes ({@link dev.graphids.graph.AttackTypes}).
 *
 * <p>Sub-packages: {@code build} (windowing, CAN ID vocabulary, frame-to-graph construction) and {@code feature}
 * (node and edge feature extraction). This package and its sub-packages depend only on {@code can}, {@code error} and
 * {@code io}; they never import DJL, tracking, training or run code, so graphs can be built and inspected without the
 * engine.
 */
package dev.graphids.graph;
