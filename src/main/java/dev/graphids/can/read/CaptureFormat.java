package dev.graphids.can.read;

import dev.graphids.error.GraphidsException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The capture layouts GraphIDS reads. */
public enum CaptureFormat {
    /** {@code timestamp,arbitration_id,data_field,attack} with a header naming the columns (the catalog datasets). */
    CSV("csv"),
    /** can-utils {@code candump -L} log lines: {@code (1672531200.000502) can0 0C1#3000000430000004 [label]}. */
    CANDUMP("candump"),
    /** The original HCRL Car-Hacking rows: {@code Timestamp,CAN ID,DLC,DATA0..DATA{DLC-1},Flag} with Flag R or T. */
    HCRL("hcrl");

    private final String cliName;

    CaptureFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static CaptureFormat parse(String text) {
        for (CaptureFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw GraphidsException.usage("format: expected one of "
                + Arrays.stream(values()).map(CaptureFormat::cliName).collect(Collectors.joining(", "))
                + ", found '" + text + "'");
    }
}
