package dev.graphids.detect;

/**
 * The end of a detection run.
 *
 * @param latencyP50Millis median time from a window's last frame being read to its verdict being written
 */
public record DetectSummary(String model, double threshold, long windows, long alarms, long frames, long badRows,
                            long outOfOrder, double seconds, double latencyP50Millis, double latencyP99Millis) {
    public double framesPerSecond() {
        return seconds > 0 ? frames / seconds : Double.NaN;
    }
}
