/**
 * From frames to window graphs: the CAN ID vocabulary ({@link dev.graphids.graph.build.CanIdVocabulary}), the
 * streaming snapshot windower over one capture stream ({@link dev.graphids.graph.build.SnapshotWindower}) and the
 * window-to-graph builder ({@link dev.graphids.graph.build.WindowGraphBuilder}).
 *
 * <p>Typical use, one stream per capture file in capture order (spec Decision 1):
 * <pre>{@code
 * SnapshotWindower windower = new SnapshotWindower(WindowSpec.DEFAULT);
 * WindowGraphBuilder builder = new WindowGraphBuilder(vocabulary);
 * int attackType = AttackTypes.codeOf(file);
 * for (CanFrame f : frames) {
 *     windower.push(f).ifPresent(w -> sink.accept(builder.build(w, attackType)));
 * }
 * }</pre>
 * Depends on {@code can}, {@code error}, {@code io}, {@code graph} and {@code graph.feature}; never on DJL, tracking
 * or run code.
 */
package dev.graphids.graph.build;
