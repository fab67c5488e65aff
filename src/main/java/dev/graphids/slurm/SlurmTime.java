package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SLURM time limits: {@code MM}, {@code MM:SS}, {@code HH:MM:SS}, {@code D-HH}, {@code D-HH:MM}, {@code D-HH:MM:SS}. */
public final class SlurmTime {
    private static final Pattern DAYS = Pattern.compile("(\\d+)-(\\d{1,2})(?::(\\d{1,2}))?(?::(\\d{1,2}))?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+)(?::(\\d{1,2}))?(?::(\\d{1,2}))?");

    private SlurmTime() {
    }

    /** True for the "no limit" spellings of a partition walltime. */
    public static boolean unlimited(String value) {
        return value != null && (value.equalsIgnoreCase("infinite") || value.equalsIgnoreCase("unlimited"));
    }

    /**
     * Seconds of a SLURM time string.
     *
     * @param what names the value in the error
     * @throws GraphidsException when the string is not a SLURM time (or is zero)
     */
    public static long seconds(String what, String value) {
        long s = parse(value == null ? "" : value.trim());
        if (s <= 0) {
            throw GraphidsException.usage(what + " '" + value + "' is not a SLURM time limit: expected MM, MM:SS, "
                    + "HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, greater than zero");
        }
        return s;
    }

    private static long parse(String v) {
        Matcher d = DAYS.matcher(v);
        if (d.matches()) {
            return Long.parseLong(d.group(1)) * 86400 + Long.parseLong(d.group(2)) * 3600
                    + (d.group(3) == null ? 0 : Long.parseLong(d.group(3)) * 60)
                    + (d.group(4) == null ? 0 : Long.parseLong(d.group(4)));
        }
        Matcher c = CLOCK.matcher(v);
        if (!c.matches() || v.length() > 12) {
            return -1;
        }
        if (c.group(3) != null) {
            return Long.parseLong(c.group(1)) * 3600 + Long.parseLong(c.group(2)) * 60 + Long.parseLong(c.group(3));
        }
        if (c.group(2) != null) {
            return Long.parseLong(c.group(1)) * 60 + Long.parseLong(c.group(2));
        }
        return Long.parseLong(c.group(1)) * 60;
    }
}
