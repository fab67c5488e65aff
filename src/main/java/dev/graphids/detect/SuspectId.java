package dev.graphids.detect;

/**
 * A CAN ID named as suspicious in a window, with the weight that ranks it (its frame share for the rate baseline,
 * the score drop when its node is occluded for graph models; see docs/detect.md).
 */
public record SuspectId(int canId, double weight) {

    /** The ID as candump writes it: 3 hex digits for 11-bit IDs, 8 for 29-bit ones. */
    public String hex() {
        return canId > 0x7FF ? String.format("%08X", canId) : String.format("%03X", canId);
    }
}
