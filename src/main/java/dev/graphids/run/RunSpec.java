package dev.graphids.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment: the config, its stage's typed config, the overrides applied and the file it came from.
 *
 * @param source    the config file
 * @param config    the experiment config with overrides applied and {@code git_sha} filled
 * @param stage     the typed {@code config} section
 * @param overrides {@code key.path=value} strings applied on top of the file
 */
public record RunSpec(Path source, ExperimentConfig config, StageConfig stage, List<String> overrides) {
}
