package dev.graphids.cache;

/** Receives progress of a cache build (the CLI draws it; tests ignore it). */
public interface CacheProgress {
    CacheProgress NONE = new CacheProgress() {
    };

    /** A phase starts with {@code total} files to process. */
    default void phase(String name, int total) {
    }

    /** One file of the current phase is done. */
    default void fileDone(String file, long frames) {
    }
}
