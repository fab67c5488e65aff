package dev.graphids.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.graph.Representation;

/** The typed {@code config} section of a run; its class depends on the stage. */
public sealed interface StageConfig permits CacheRunConfig, FitRunConfig, ExtractRunConfig,
        FusionRunConfig, StageConfig.NotAvailable {

    /** The representation under {@code config.data.source}, or null when the config has none. */
    Representation nestedRepresentation();

    /** The config of a stage this build cannot run yet, kept as written. */
    record NotAvailable(Stage stage, JsonNode raw) implements StageConfig {
        @Override
        public Representation nestedRepresentation() {
            return null;
        }
    }
}
