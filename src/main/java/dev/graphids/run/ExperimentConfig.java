package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.graph.Representation;

/**
 * The experiment YAML (runtime.md §1.2). Unknown keys are errors at every level, {@code config} included (its type
 * depends on {@code stage}).
 *
 * @param experimentName names the experiment; with {@code dataset} and {@code runName}, the run directory
 * @param runName        the run within the experiment (default: the experiment name, as in the original)
 * @param dataset        catalog dataset
 * @param seed           default seed of every stage
 * @param gitSha         filled from the checkout when absent
 * @param planId         free grouping id (tag and param)
 * @param stage          what the run does
 * @param representation top-level {@code representation_cfg}
 * @param resources      backend, accelerator and cluster resources
 * @param config         the stage's config, bound to its typed class by the loader
 */
public record ExperimentConfig(
        @JsonProperty("experiment_name") String experimentName,
        @JsonProperty("run_name") String runName,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("seed") Integer seed,
        @JsonProperty("git_sha") String gitSha,
        @JsonProperty("plan_id") String planId,
        @JsonProperty("stage") Stage stage,
        @JsonProperty("representation_cfg") Representation representation,
        @JsonProperty("resources") ResourceConfig resources,
        @JsonProperty("config") JsonNode config) {

    public ExperimentConfig {
        ConfigChecks.segment("experiment_name", experimentName);
        runName = runName == null ? experimentName : ConfigChecks.segment("run_name", runName);
        ConfigChecks.segment("dataset", dataset);
        seed = seed == null ? 42 : seed;
        stage = stage == null ? Stage.FIT : stage;
        representation = representation == null ? Representation.Snapshot.DEFAULT : representation;
        resources = resources == null ? ResourceConfig.defaults() : resources;
    }

    public ExperimentConfig withGitSha(String sha) {
        return new ExperimentConfig(experimentName, runName, dataset, seed, sha, planId, stage, representation,
                resources, config);
    }
}
