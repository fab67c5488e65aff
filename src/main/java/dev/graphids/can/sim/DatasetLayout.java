package dev.graphids.can.sim;

import java.util.List;

/**
 * The files of a simulated dataset, in the layout of the catalog's set_01..set_04 family (data spec §1.1, §1.2):
 * two train folders and six test folders. Vehicle A is the known vehicle, B the unknown one. Train has DoS,
 * fuzzing and gear spoofing ("known attacks"); RPM spoofing and replay are the "unknown attacks"; suppress and
 * masquerade have their own folders. As in the real family, {@code train_02_with_attacks} holds a byte-identical
 * copy of the attack-free file.
 */
public final class DatasetLayout {
    public static final String TRAIN_BENIGN = "train_01_attack_free";
    public static final String TRAIN_ATTACKS = "train_02_with_attacks";
    public static final String TEST_KNOWN_KNOWN = "test_01_known_vehicle_known_attack";
    public static final String TEST_UNKNOWN_KNOWN = "test_02_unknown_vehicle_known_attack";
    public static final String TEST_KNOWN_UNKNOWN = "test_03_known_vehicle_unknown_attack";
    public static final String TEST_UNKNOWN_UNKNOWN = "test_04_unknown_vehicle_unknown_attack";
    public static final String TEST_SUPPRESS = "test_05_suppress";
    public static final String TEST_MASQUERADE = "test_06_masquerade";

    /** The folders, in catalog order. */
    public static final List<String> FOLDERS = List.of(TRAIN_BENIGN, TRAIN_ATTACKS, TEST_KNOWN_KNOWN,
            TEST_UNKNOWN_KNOWN, TEST_KNOWN_UNKNOWN, TEST_UNKNOWN_UNKNOWN, TEST_SUPPRESS, TEST_MASQUERADE);

    private DatasetLayout() {
    }

    /**
     * One file of the layout. {@code stem} is the name without extension; {@code attack} is null for
     * attack-free traffic; {@code copyOf}, when not null, is the {@code folder/stem} of an earlier entry this file
     * is a byte copy of; {@code captureIndex} numbers the distinct captures (seeds and start times derive from it).
     */
    public record Entry(String folder, String stem, VehicleModel vehicle, AttackKind attack, String copyOf,
                        int captureIndex) {
        /** {@code folder/stem}. */
        public String key() {
            return folder + "/" + stem;
        }
    }

    /** The standard layout for vehicles A and B. */
    public static List<Entry> standard(VehicleModel a, VehicleModel b) {
        String benign = TRAIN_BENIGN + "/attack-free-1";
        return List.of(
                new Entry(TRAIN_BENIGN, "attack-free-1", a, null, null, 0),
                new Entry(TRAIN_ATTACKS, "attack-free-1", a, null, benign, 0),
                new Entry(TRAIN_ATTACKS, "DoS-1", a, AttackKind.DOS, null, 1),
                new Entry(TRAIN_ATTACKS, "fuzzing-1", a, AttackKind.FUZZING, null, 2),
                new Entry(TRAIN_ATTACKS, "gear-1", a, AttackKind.GEAR, null, 3),
                new Entry(TEST_KNOWN_KNOWN, "DoS-2", a, AttackKind.DOS, null, 4),
                new Entry(TEST_KNOWN_KNOWN, "fuzzing-2", a, AttackKind.FUZZING, null, 5),
                new Entry(TEST_KNOWN_KNOWN, "gear-2", a, AttackKind.GEAR, null, 6),
                new Entry(TEST_UNKNOWN_KNOWN, "DoS-3", b, AttackKind.DOS, null, 7),
                new Entry(TEST_UNKNOWN_KNOWN, "fuzzing-3", b, AttackKind.FUZZING, null, 8),
                new Entry(TEST_UNKNOWN_KNOWN, "gear-3", b, AttackKind.GEAR, null, 9),
                new Entry(TEST_KNOWN_UNKNOWN, "rpm-1", a, AttackKind.RPM, null, 10),
                new Entry(TEST_KNOWN_UNKNOWN, "replay-1", a, AttackKind.REPLAY, null, 11),
                new Entry(TEST_UNKNOWN_UNKNOWN, "rpm-2", b, AttackKind.RPM, null, 12),
                new Entry(TEST_UNKNOWN_UNKNOWN, "replay-2", b, AttackKind.REPLAY, null, 13),
                new Entry(TEST_SUPPRESS, "suppress-1", a, AttackKind.SUPPRESS, null, 14),
                new Entry(TEST_SUPPRESS, "suppress-2", b, AttackKind.SUPPRESS, null, 15),
                new Entry(TEST_MASQUERADE, "masquerade-1", a, AttackKind.MASQUERADE, null, 16),
                new Entry(TEST_MASQUERADE, "masquerade-2", b, AttackKind.MASQUERADE, null, 17));
    }
}
