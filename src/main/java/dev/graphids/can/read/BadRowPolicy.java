package dev.graphids.can.read;

import dev.graphids.error.GraphidsException;

/** What a reader does with a malformed row (data.md, Decision 4). */
public enum BadRowPolicy {
    /** Skip the row and count it per reason; reject the whole file when more than 1 % of its rows are bad. */
    SKIP,
    /** Stop at the first bad row with an error naming file, line, column and text. */
    FAIL;

    public static BadRowPolicy parse(String text) {
        for (BadRowPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw GraphidsException.usage("on_bad_row: expected skip or fail, found '" + text + "'");
    }
}
