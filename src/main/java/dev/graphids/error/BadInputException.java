package dev.graphids.error;

import java.nio.file.Path;

/**
 * Malformed input data: names the file, line and column, what was expected and the offending text (truncated so
 * that a 10 MB line never floods a terminal).
 */
public final class BadInputException extends GraphidsException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 40;

    public BadInputException(String message) {
        super(EXIT_BAD_INPUT, message);
    }

    /** {@code file:line: column 'c': expected E, found 'text'}. */
    public static BadInputException at(Path file, long line, String column, String expected, CharSequence found) {
        return new BadInputException(
                file + ":" + line + ": column '" + column + "': expected " + expected + ", found " + quote(found));
    }

    /** Quotes text for an error message, truncated to a readable length with control characters escaped. */
    public static String quote(CharSequence text) {
        if (text == null) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder("'");
        int n = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\ufffd') {
                out.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (text.length() > MAX_SHOWN) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
