package dev.graphids.tensor;

import dev.graphids.error.GraphidsException;

/** Where tensors live: the CPU, or the first CUDA device. */
public enum Accelerator {
    CPU, GPU;

    /** Parses {@code cpu} or {@code gpu} (case-insensitive). */
    public static Accelerator parse(String text) {
        for (Accelerator a : values()) {
            if (a.name().equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw GraphidsException.usage("accelerator: expected cpu or gpu, found '" + text + "'");
    }

    public String key() {
        return name().toLowerCase();
    }
}
