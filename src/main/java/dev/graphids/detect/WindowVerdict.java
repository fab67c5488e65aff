package dev.graphids.detect;

import java.util.List;

/**
 * The verdict on one window.
 *
 * @param window  window index within the stream (0-based, as in the graph cache's {@code window_index})
 * @param firstTs capture time of its first frame
 * @param lastTs  capture time of its last frame
 * @param frames  frames in the window
 * @param score   the model's score (higher = more suspicious)
 * @param alarm   score ≥ threshold
 * @param label   1 when any frame is labelled an attack, 0 when all are benign, −1 when the input has no labels
 * @param suspects the most suspicious CAN IDs (alarms only; empty otherwise)
 */
public record WindowVerdict(long window, double firstTs, double lastTs, int frames, double score, boolean alarm,
                            int label, List<SuspectId> suspects) {
}
