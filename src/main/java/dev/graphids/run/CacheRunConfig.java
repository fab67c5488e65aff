package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.graph.Representation;

/**
 * The {@code config} of a {@code cache} run: which graph cache to build.
 *
 * <pre>
 * config:
 *   data:
 *     type: graph_dm              # optional; the only kind of data module
 *     require_cache: false        # fail instead of building
 *     source:
 *       type: can_bus             # optional; the only kind of source
 *       representation_cfg: {kind: snapshot, window_size: 100, stride: 100}   # must match the top level
 *       vocab_scope: train        # train | all
 *       val_fraction: 0.2
 *       on_bad_row: skip          # skip | fail
 *   seed_everything: 42
 * </pre>
 */
public record CacheRunConfig(@JsonProperty("data") DataConfig data,
                             @JsonProperty("seed_everything") Integer seedEverything) implements StageConfig {

    public CacheRunConfig {
        data = data == null ? DataConfig.defaults() : data;
    }

    @Override
    public Representation nestedRepresentation() {
        return data.source().representation();
    }
}
