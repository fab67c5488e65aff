package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where and with what a run executes (runtime.md §1.3). Read by the launcher (backend, accelerator) and by SLURM
 * submission.
 */
public record ResourceConfig(
        @JsonProperty("backend") Backend backend,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("partition") String partition,
        @JsonProperty("accelerator") Accelerator accelerator,
        @JsonProperty("num_workers") Integer numWorkers,
        @JsonProperty("cpus_per_worker") Integer cpusPerWorker,
        @JsonProperty("gpus_per_worker") Double gpusPerWorker,
        @JsonProperty("memory_gb") Integer memoryGb,
        @JsonProperty("time_limit") String timeLimit,
        @JsonProperty("gres") String gres,
        @JsonProperty("account") String account) {

    public enum Backend {
        @JsonProperty("local") LOCAL,
        @JsonProperty("ray") RAY
    }

    public enum Accelerator {
        @JsonProperty("cpu") CPU,
        @JsonProperty("gpu") GPU
    }

    public ResourceConfig {
        backend = backend == null ? Backend.LOCAL : backend;
        accelerator = accelerator == null ? Accelerator.CPU : accelerator;
        numWorkers = ConfigChecks.atLeast("resources.num_workers", numWorkers == null ? 0 : numWorkers, 0);
        cpusPerWorker = ConfigChecks.atLeast("resources.cpus_per_worker", cpusPerWorker == null ? 1 : cpusPerWorker,
                1);
        gpusPerWorker = gpusPerWorker == null ? 0.0 : gpusPerWorker;
        if (gpusPerWorker < 0) {
            throw new ConfigException("resources.gpus_per_worker", "expected >= 0, found " + gpusPerWorker);
        }
        if (memoryGb != null) {
            ConfigChecks.atLeast("resources.memory_gb", memoryGb, 1);
        }
    }

    public static ResourceConfig defaults() {
        return new ResourceConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
