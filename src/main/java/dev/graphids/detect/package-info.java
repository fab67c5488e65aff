/**
 * Online detection: a trained model (a run's checkpoint or an exported bundle) scores a CAN stream window by window,
 * exactly as the test stage scores the cached windows of the same capture. {@link dev.graphids.detect.Detectors}
 * loads what a model needs (weights, vocabulary, scaler, window, feature clip, threshold),
 * {@link dev.graphids.detect.StreamDetector} windows a frame stream and scores it, and
 * {@link dev.graphids.detect.VerdictJson} writes one JSON line per window. See docs/detect.md.
 */
package dev.graphids.detect;
