package dev.graphids.graph;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Attack-type codes per capture file (spec §1.5). The code comes from the file name and its folder, not from the
 * rows: every frame of a file carries the file's code, benign frames of an attack file included (the per-frame truth
 * is the frame label).
 *
 * <p>Rule: build {@code lower(file stem) + " " + lower(parent folder name)} and return the code of the first key, in
 * the fixed order below, that occurs in it as a substring; 0 when none does. Order matters: {@code rpm-accessory}
 * (12) is tried before {@code rpm} (4) and {@code speed-accessory} (11) before {@code speed} (10). Hyphenated
 * {@code attack-free-1} matches nothing and falls back to 0; {@code attack_free} matches the folder
 * {@code train_01_attack_free}.
 */
public final class AttackTypes {

    /** Benign (no attack). */
    public static final int BENIGN = 0;

    /** Keys in match order; {@link #CODES} holds the code of each. */
    private static final String[] KEYS = {
        "normal", "attack_free", "benign", "dos", "fuzzy", "fuzzing", "force-neutral", "gear", "rpm-accessory", "rpm",
        "flooding", "malfunction", "double", "triple", "interval", "speed-accessory", "speed", "standstill",
        "systematic", "suppress", "masquerade",
    };
    private static final int[] CODES = {0, 0, 0, 1, 2, 2, 3, 3, 12, 4, 5, 6, 7, 8, 9, 11, 10, 13, 14, 15, 16};

    /** Code → name; for codes with several keys the original keeps the last key. */
    private static final String[] NAMES = {
        "benign", "dos", "fuzzing", "gear", "rpm", "flooding", "malfunction", "double", "triple", "interval", "speed",
        "speed-accessory", "rpm-accessory", "standstill", "systematic", "suppress", "masquerade",
    };

    /** Compression suffixes stripped before the file stem is taken. */
    private static final String[] COMPRESSION = {".gz", ".bz2", ".xz", ".zst"};

    private AttackTypes() {
    }

    /** The largest defined code (16, masquerade). */
    public static int maxCode() {
        return NAMES.length - 1;
    }

    /**
     * The code of a capture file from its path: the file stem (name without a compression suffix and without its
     * last extension, so {@code DoS-kia.csv.gz} gives {@code DoS-kia}) and its parent folder's name.
     */
    public static int codeOf(Path captureFile) {
        Path name = captureFile.getFileName();
        Path parent = captureFile.toAbsolutePath().normalize().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return codeOf(stem(name == null ? "" : name.toString()), folder);
    }

    /** The code for a file stem and a folder name (spec §1.5); 0 when no key matches. */
    public static int codeOf(String fileStem, String folderName) {
        String key = fileStem.toLowerCase(Locale.ROOT) + " " + folderName.toLowerCase(Locale.ROOT);
        for (int i = 0; i < KEYS.length; i++) {
            if (key.contains(KEYS[i])) {
                return CODES[i];
            }
        }
        return BENIGN;
    }

    /** The name of a code: 0 benign, 1 dos, …, 16 masquerade. */
    public static String nameOf(int code) {
        if (code < 0 || code >= NAMES.length) {
            throw new IllegalArgumentException("attack-type code: expected 0.." + maxCode() + ", found " + code);
        }
        return NAMES[code];
    }

    /** The file name without a compression suffix and without its last extension. */
    static String stem(String fileName) {
        String s = fileName;
        for (String c : COMPRESSION) {
            if (s.toLowerCase(Locale.ROOT).endsWith(c)) {
                s = s.substring(0, s.length() - c.length());
                break;
            }
        }
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
