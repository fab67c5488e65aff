package dev.graphids.can.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * What one capture file holds.
 *
 * @param path             path relative to the inspected root (the dataset's raw directory)
 * @param folder           catalog folder the file belongs to ("" when inspecting loose files)
 * @param format           capture format read ("csv", "candump", "hcrl"), or null if it could not be opened
 * @param gzip             whether the file is gzip-compressed
 * @param bytes            file size on disk
 * @param sha256           digest of the file's bytes (equal digests = duplicate files)
 * @param frames           frames read
 * @param attackFrames     frames labelled attack
 * @param unlabelledFrames frames without a label (candump logs without one)
 * @param distinctIds      distinct CAN IDs
 * @param firstTimestamp   first timestamp in seconds (NaN when no frames)
 * @param lastTimestamp    last timestamp in seconds (NaN when no frames)
 * @param dlcHistogram     frames per DLC
 * @param badRows          bad rows per reason (skipped under the skip policy)
 * @param outOfOrder       rows earlier than their predecessor, kept in capture order
 * @param maxBackwardStep  largest backwards step in seconds
 * @param rejection        why the file was rejected, or null when accepted
 * @param duplicateOf      other files with the same bytes
 * @param ids              the distinct IDs (extended ones with the top bit set), for folder totals; not shown
 */
public record FileInspection(String path, String folder, String format, boolean gzip, long bytes, String sha256,
                             long frames, long attackFrames, long unlabelledFrames, int distinctIds,
                             double firstTimestamp, double lastTimestamp, Map<Integer, Long> dlcHistogram,
                             Map<String, Long> badRows, long outOfOrder, double maxBackwardStep, String rejection,
                             List<String> duplicateOf, @JsonIgnore int[] ids) {

    public double attackRatio() {
        return frames == 0 ? 0 : (double) attackFrames / frames;
    }

    /** Seconds between the first and the last frame. */
    public double spanSeconds() {
        return frames < 2 ? 0 : Math.max(0, lastTimestamp - firstTimestamp);
    }

    /** Frames per second over the span (0 when undefined). */
    public double frameRate() {
        double span = spanSeconds();
        return span > 0 ? (frames - 1) / span : 0;
    }

    public long badRowCount() {
        return badRows.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean rejected() {
        return rejection != null;
    }

    FileInspection withDuplicates(List<String> others) {
        return new FileInspection(path, folder, format, gzip, bytes, sha256, frames, attackFrames, unlabelledFrames,
                distinctIds, firstTimestamp, lastTimestamp, dlcHistogram, badRows, outOfOrder, maxBackwardStep,
                rejection, List.copyOf(others), ids);
    }
}
