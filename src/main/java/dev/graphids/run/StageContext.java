package dev.graphids.run;

import dev.graphids.cache.CacheProgress;
import dev.graphids.lake.Lake;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a stage runner gets: the validated spec, the lake, the run's paths, a span factory and a metrics sink.
 *
 * @param threads worker threads the stage may use
 */
public record StageContext(RunSpec spec, Lake lake, RunPaths paths, RunTraces traces, MetricsSink metrics,
                           TagSink tags, CacheProgress progress, java.io.PrintWriter log, int threads) {

    /** A path from the config: absolute as written, or relative to the lake root (so YAMLs can name runs). */
    public Path inLake(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : lake.root().resolve(p);
    }

    /** Receives tags for the tracked run. */
    @FunctionalInterface
    public interface TagSink {
        void set(Map<String, String> tags);
    }

    /** Receives metrics as the stage produces them. */
    @FunctionalInterface
    public interface MetricsSink {
        void log(Map<String, Double> values, long step);
    }
}
