package dev.graphids.can.sim;

/**
 * What was written to one file of a simulated dataset.
 *
 * @param path            path relative to the dataset directory, {@code /}-separated
 * @param vehicle         vehicle name
 * @param plan            the attack, or null for attack-free traffic
 * @param copyOf          relative path of the file this one is a byte copy of, or null
 * @param captureSeed     seed of the capture (see {@link Capture})
 * @param startEpochMicros timestamp of capture start, microseconds since the Unix epoch
 * @param durationMicros  capture length, microseconds
 * @param frames          rows written, header excluded
 * @param attackFrames    rows with {@code attack=1}
 * @param busLoad         measured bus load, 0..1: on-wire bits (stuffing included) / (duration · 500 kbit/s)
 */
public record FileSummary(String path, String vehicle, AttackPlan plan, String copyOf, long captureSeed,
                          long startEpochMicros, long durationMicros, long frames, long attackFrames,
                          double busLoad) {
    /** The same numbers for a byte copy at {@code copyPath}. */
    FileSummary copyAt(String copyPath) {
        return new FileSummary(copyPath, vehicle, plan, path, captureSeed, startEpochMicros, durationMicros, frames,
                attackFrames, busLoad);
    }
}
