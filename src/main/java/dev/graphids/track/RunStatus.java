package dev.graphids.track;

import dev.graphids.error.GraphidsException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The status of a run, spelled as in MLflow's {@code runs.status} column. */
public enum RunStatus {
    RUNNING, SCHEDULED, FINISHED, FAILED, KILLED;

    /** True for the statuses a run ends in: FINISHED, FAILED and KILLED. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    /**
     * Parses a status case-insensitively.
     *
     * @throws GraphidsException (usage) naming the valid values when the text is none of them
     */
    public static RunStatus parse(String text) {
        if (text != null) {
            String upper = text.trim().toUpperCase(Locale.ROOT);
            for (RunStatus s : values()) {
                if (s.name().equals(upper)) {
                    return s;
                }
            }
        }
        throw GraphidsException.usage("unknown run status " + (text == null ? "(missing)" : "'" + text + "'")
                + "; expected one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
