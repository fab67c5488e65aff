package dev.graphids.can.read;

/** Why a row of a capture was rejected; the lower-case name is what reports and JSON show. */
public enum BadRowReason {
    /** The line holds bytes that are not printable text (binary junk, NUL bytes). */
    NOT_TEXT("printable text"),
    /** The line exceeds the reader's line limit. */
    LINE_TOO_LONG("a line of at most the line limit"),
    /** The line does not split into the fields the format has. */
    FIELD_COUNT("the format's fields"),
    /** Timestamp missing, not a number, NaN, infinite or negative. */
    TIMESTAMP("a non-negative decimal number of seconds"),
    /** CAN ID missing, not hexadecimal, or above the 29-bit range. */
    ID("a hexadecimal CAN ID of at most 29 bits"),
    /** A DLC that disagrees with the payload or is out of range. */
    DLC("a DLC matching the payload"),
    /** Payload with an odd number of hex digits, non-hex characters, or more than 64 bytes. */
    PAYLOAD("hexadecimal payload bytes, two digits each"),
    /** Attack label that is not 0/1 (or R/T). */
    LABEL("an attack label 0 or 1");

    private final String expected;

    BadRowReason(String expected) {
        this.expected = expected;
    }

    /** What a valid value looks like, for error messages. */
    public String expected() {
        return expected;
    }

    public String key() {
        return name().toLowerCase();
    }
}
