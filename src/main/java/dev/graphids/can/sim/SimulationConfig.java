package dev.graphids.can.sim;

import dev.graphids.error.GraphidsException;

/**
 * Options of a simulated dataset.
 *
 * @param seed    master seed; the same seed gives byte-identical files
 * @param minutes length of every capture in minutes, {@value #MIN_MINUTES} .. {@value #MAX_MINUTES} (fractions
 *                allowed)
 * @param gzip    write {@code .csv.gz} (true) or plain {@code .csv}
 * @param threads files written in parallel, 1..64 (the output does not depend on it)
 */
public record SimulationConfig(long seed, double minutes, boolean gzip, int threads) {
    public static final double MIN_MINUTES = 0.02;
    public static final double MAX_MINUTES = 1440;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_MINUTES = 1;

    public SimulationConfig {
        if (!(minutes >= MIN_MINUTES && minutes <= MAX_MINUTES)) {
            throw GraphidsException.usage(
                    "--minutes: expected " + MIN_MINUTES + ".." + MAX_MINUTES + ", found " + minutes);
        }
        if (threads < 1 || threads > 64) {
            throw GraphidsException.usage("threads: expected 1..64, found " + threads);
        }
    }

    /** Defaults: seed 1, one minute, gzip, up to four threads. */
    public static SimulationConfig defaults() {
        return of(DEFAULT_SEED, DEFAULT_MINUTES, true);
    }

    /** A config with the given values and up to four threads (fewer on smaller machines). */
    public static SimulationConfig of(long seed, double minutes, boolean gzip) {
        return new SimulationConfig(seed, minutes, gzip,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** Capture length in microseconds. */
    public long durationMicros() {
        return Math.round(minutes * 60e6);
    }
}
