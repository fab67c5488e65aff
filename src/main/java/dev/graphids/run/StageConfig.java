package dev.graphids.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.graph.Representation;

/** The typed {@code config} section of a run; its class depends on the stage. */
public sealed interface StageConfig permits CacheRunConfig, FitRunConfig, ExtractRunConfig, FusionRunConfig,
        AnalyzeRunConfig, HfPushRunConfig {

    /** The representation under {@code config.data.source}, or null when the config has none. */
    Representation nestedRepresentation();

}
