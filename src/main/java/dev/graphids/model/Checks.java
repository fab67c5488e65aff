package dev.graphids.model;

import dev.graphids.error.GraphidsException;

/** Range checks for config records; messages name the key. */
public final class Checks {
    private Checks() {
    }

    public static double probability(String key, double v) {
        if (!(v >= 0 && v < 1)) {
            throw GraphidsException.usage(key + ": expected a number in [0, 1), found " + v);
        }
        return v;
    }

    public static double positive(String key, double v) {
        if (!(v > 0)) {
            throw GraphidsException.usage(key + ": expected > 0, found " + v);
        }
        return v;
    }

    public static double nonNegative(String key, double v) {
        if (!(v >= 0)) {
            throw GraphidsException.usage(key + ": expected >= 0, found " + v);
        }
        return v;
    }

    public static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw GraphidsException.usage(key + ": expected >= " + min + ", found " + v);
        }
        return v;
    }

    public static String oneOf(String key, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw GraphidsException.usage(key + ": expected one of " + String.join(", ", allowed) + ", found '" + v
                + "'");
    }
}
