package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.cache.CacheSpec;
import dev.graphids.graph.Representation;
import dev.graphids.graph.feature.IdFeatures;

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
        data = data == null ? new DataConfig(null, null, null) : data;
    }

    /** The data module block. */
    public record DataConfig(@JsonProperty("type") String type, @JsonProperty("source") SourceConfig source,
                             @JsonProperty("require_cache") Boolean requireCache) {
        public DataConfig {
            if (type != null && !type.equals("graph_dm")) {
                throw new ConfigException("config.data.type", "expected graph_dm, found '" + type + "'");
            }
            source = source == null ? new SourceConfig(null, null, null, null, null) : source;
            requireCache = requireCache != null && requireCache;
        }
    }

    /** The CAN bus source block. */
    public record SourceConfig(@JsonProperty("type") String type,
                               @JsonProperty("representation_cfg") Representation representation,
                               @JsonProperty("vocab_scope") String vocabScope,
                               @JsonProperty("val_fraction") Double valFraction,
                               @JsonProperty("on_bad_row") String onBadRow) {
        public SourceConfig {
            if (type != null && !type.equals("can_bus")) {
                throw new ConfigException("config.data.source.type", "expected can_bus, found '" + type + "'");
            }
            vocabScope = vocabScope == null ? "train" : vocabScope;
            if (!vocabScope.equals("train") && !vocabScope.equals("all")) {
                throw new ConfigException("config.data.source.vocab_scope", "expected train or all, found '"
                        + vocabScope + "'");
            }
            valFraction = valFraction == null ? 0.2 : valFraction;
            if (!(valFraction >= 0 && valFraction < 1)) {
                throw new ConfigException("config.data.source.val_fraction", "expected a number in [0, 1), found "
                        + valFraction);
            }
            onBadRow = onBadRow == null ? "skip" : onBadRow;
            if (!onBadRow.equals("skip") && !onBadRow.equals("fail")) {
                throw new ConfigException("config.data.source.on_bad_row", "expected skip or fail, found '"
                        + onBadRow + "'");
            }
        }
    }

    /** The cache this config asks for, with the run's (top-level) representation. */
    public CacheSpec toSpec(Representation representation) {
        SourceConfig s = data.source();
        return new CacheSpec(representation, CacheSpec.VocabScope.parse(s.vocabScope()), s.valFraction(),
                IdFeatures.DEFAULT_BUCKETS, BadRowPolicy.parse(s.onBadRow()));
    }

    @Override
    public Representation nestedRepresentation() {
        return data.source().representation();
    }
}
