package dev.graphids.can.sim;

/**
 * The attacks the simulator injects. {@link #fileStem()} is the file-name prefix; it is chosen so that the
 * catalog's file-name rule (data spec §1.5) yields the right attack-type code: DoS → 1, fuzzing → 2, gear → 3,
 * rpm → 4, suppress → 15, masquerade → 16; replay has no code in that table and maps to 0.
 */
public enum AttackKind {
    /** Flooding with the highest-priority ID 0x000, all-zero payload, every 0.6 ms (about 45 % bus load). */
    DOS("DoS", "dos"),
    /** Random 11-bit IDs with random 8-byte payloads, every 1 ms. */
    FUZZING("fuzzing", "fuzzing"),
    /** The gear ID with one fixed forged payload (gear N), every 1 ms, on top of the real frames. */
    GEAR("gear", "gear"),
    /** The RPM ID with one fixed forged payload (6000 rpm), every 1 ms, on top of the real frames. */
    RPM("rpm", "rpm"),
    /** An earlier slice of the same capture, all IDs, re-sent with shifted timestamps. */
    REPLAY("replay", "replay"),
    /** One ID falls silent; every frame (of any ID) inside the silence is labelled attack. */
    SUPPRESS("suppress", "suppress"),
    /** One ID's frames are replaced, at the same instants, by frames with a forged signal but a valid counter and checksum. */
    MASQUERADE("masquerade", "masquerade");

    private final String fileStem;
    private final String label;

    AttackKind(String fileStem, String label) {
        this.fileStem = fileStem;
        this.label = label;
    }

    /** The file-name prefix, for example {@code DoS} in {@code DoS-1.csv.gz}. */
    public String fileStem() {
        return fileStem;
    }

    /** The lower-case name written to {@code simulation.json}. */
    public String label() {
        return label;
    }

    /** True for attacks that add frames to the benign traffic (and so are serialised onto the bus with it). */
    public boolean injects() {
        return this == DOS || this == FUZZING || this == GEAR || this == RPM || this == REPLAY;
    }

    /** True for attacks aimed at one ID of the vehicle. */
    public boolean targeted() {
        return this == GEAR || this == RPM || this == SUPPRESS || this == MASQUERADE;
    }
}
