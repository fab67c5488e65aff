package dev.graphids.run;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;

/** Validation helpers for config records; each failure names the key path. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static int atLeast(String path, int value, int min) {
        if (value < min) {
            throw new ConfigException(path, "expected >= " + min + ", found " + value);
        }
        return value;
    }

    static String required(String path, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(path, "is required");
        }
        return value;
    }

    /** A string that becomes a path segment (dataset, experiment and run names). */
    static String segment(String path, String value) {
        required(path, value);
        try {
            return Lake.checkSegment(path, value);
        } catch (GraphidsException e) {
            throw new ConfigException(path, "'" + value + "' is not a safe path segment: expected letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit, no '..'");
        }
    }
}
