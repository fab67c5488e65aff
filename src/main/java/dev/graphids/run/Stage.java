package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The stages a run can execute; each has one runner and one typed payload. */
public enum Stage {
    CACHE, FIT, TEST, EXTRACT, ANALYZE, HF_PUSH;

    @JsonValue
    public String key() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Stage parse(String text) {
        for (Stage s : values()) {
            if (s.key().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(Stage::key)
                .collect(Collectors.joining(", ")) + ", found '" + text + "'");
    }

    /** The phase marker written after a successful run of this stage, or null. */
    public String phaseMarker() {
        return switch (this) {
            case FIT -> ".train_complete";
            case TEST -> ".test_complete";
            default -> null;
        };
    }
}
