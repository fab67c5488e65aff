/**
 * The seeded CAN traffic simulator: vehicle models (periodic IDs with counters, checksums and drive-cycle signals),
 * a bus scheduler that serialises frames on a 500 kbit/s bus, labelled attack injection (DoS, fuzzing, gear/RPM
 * spoofing, replay, suppress, masquerade) and the writer of a synthetic dataset in the catalog layout.
 *
 * <p>All times inside the package are integer microseconds; frames leave as {@link dev.graphids.can.CanFrame} with
 * timestamps in seconds. Everything is deterministic for a seed: only {@link java.util.Random} seeded from the
 * configuration is used, never the clock. Generation is streaming (one pending frame per ID in a priority queue), so
 * memory does not grow with the capture length.
 *
 * <p>Depends on {@code can}, {@code can.write}, {@code io} and {@code error}; must not import capture readers
 * ({@code can.read}), graph, model or run code.
 */
package dev.graphids.can.sim;
