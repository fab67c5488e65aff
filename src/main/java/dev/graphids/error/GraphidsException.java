package dev.graphids.error;

/**
 * A failure the user can act on. The message is written for a person (what, where, expected, found) and is
 * printed as one line by the CLI; the exit code tells scripts which kind of failure it was.
 */
public class GraphidsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code for bad input data (a malformed capture, a rejected file). */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code for a usage or configuration error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an environment problem: lake root, permissions, missing files. */
    public static final int EXIT_ENVIRONMENT = 3;

    private final int exitCode;

    public GraphidsException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public GraphidsException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static GraphidsException usage(String message) {
        return new GraphidsException(EXIT_USAGE, message);
    }

    public static GraphidsException environment(String message) {
        return new GraphidsException(EXIT_ENVIRONMENT, message);
    }

    public static GraphidsException environment(String message, Throwable cause) {
        return new GraphidsException(EXIT_ENVIRONMENT, message, cause);
    }
}
