package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quoting and validation of values placed into sbatch scripts. */
public final class Shell {
    /** What an {@code #SBATCH} directive value may contain: sbatch reads these lines itself, not a shell. */
    private static final Pattern DIRECTIVE_VALUE = Pattern.compile("[A-Za-z0-9_./:=,@%*+-]+");

    private Shell() {
    }

    /** One shell word in single quotes; an embedded single quote becomes {@code '\''}. Safe for any string. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw GraphidsException.usage("a value for the sbatch script contains a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The words, each quoted, joined by spaces. */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    /**
     * Checks a value for an {@code #SBATCH} line: letters, digits and {@code _ . / : = , @ % * + -} only (no spaces,
     * quotes, {@code $}, backticks, semicolons or newlines).
     *
     * @param what names the value in the error ("partition", "log directory")
     */
    public static String directiveValue(String what, String value) {
        if (value == null || !DIRECTIVE_VALUE.matcher(value).matches()) {
            throw GraphidsException.usage(what + " '" + value + "' cannot go into an #SBATCH line: expected letters, "
                    + "digits and _ . / : = , @ % * + - only (no spaces, quotes or shell characters)");
        }
        return value;
    }

    /**
     * The job name the original used: runs of characters outside {@code [A-Za-z0-9_.-]} become {@code _}, leading
     * and trailing {@code _} are stripped, cut to 120 characters; empty becomes {@code graphids}.
     */
    public static String slug(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        if (s.length() > 120) {
            s = s.substring(0, 120);
        }
        return s.isEmpty() ? "graphids" : s;
    }
}
