package dev.graphids.run;

/** A value that fails validation, with the key path it sits at; the loader adds the file and line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public ConfigException(String path, String message) {
        super(message);
        this.path = path;
    }

    /** The key path, e.g. {@code config.data.source.val_fraction}. */
    public String path() {
        return path;
    }
}
