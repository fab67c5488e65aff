package dev.graphids.run;

import dev.graphids.lake.Lake;
import java.nio.file.Path;

/** Every path of a run directory: {@code {lake}/runs/{dataset}/{experiment}/{run}}. */
public record RunPaths(Path runDir) {

    public static RunPaths of(Lake lake, ExperimentConfig config) {
        return of(lake, config.dataset(), config.experimentName(), config.runName());
    }

    public static RunPaths of(Lake lake, String dataset, String experiment, String run) {
        return new RunPaths(lake.runsDir().resolve(dataset).resolve(experiment).resolve(run));
    }

    public Path journalDir() {
        return runDir.resolve(".graphids");
    }

    public Path manifest() {
        return journalDir().resolve("manifest.json");
    }

    public Path events() {
        return journalDir().resolve("events.jsonl");
    }

    /** The offline tracking payload, for lakes on network filesystems. */
    public Path offlineTracking() {
        return journalDir().resolve("mlflow_ingest.json");
    }

    public Path resolvedConfig() {
        return runDir.resolve("resolved.json");
    }

    public Path overrides() {
        return runDir.resolve("overrides.json");
    }

    public Path traces() {
        return runDir.resolve("traces.jsonl");
    }

    public Path artifacts() {
        return runDir.resolve("artifacts");
    }

    public Path checkpoints() {
        return runDir.resolve("checkpoints");
    }

    public Path predictions() {
        return runDir.resolve("predictions");
    }
}
