package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.cache.CacheSpec;
import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.graph.Representation;
import dev.graphids.graph.feature.IdFeatures;

/**
 * The {@code config.data} block of the cache, fit and test stages: which graph cache the stage reads.
 *
 * @param type         optional; {@code graph_dm}, the only kind of data module
 * @param source       the CAN bus source
 * @param requireCache fail, naming the cache, instead of building it
 * @param featureClip  bound on the scaled node and edge features fed to models (0 = none). A feature that never
 *                     varies on benign training graphs has std clamped to 1e-12, so wherever it does vary (attacks,
 *                     other vehicles) it scales to about ±1e12; clipping keeps model inputs finite. Default 10.
 */
public record DataConfig(@JsonProperty("type") String type, @JsonProperty("source") SourceConfig source,
                         @JsonProperty("require_cache") Boolean requireCache,
                         @JsonProperty("feature_clip") Double featureClip) {
    public DataConfig {
        featureClip = featureClip == null ? 10.0 : featureClip;
        if (!(featureClip >= 0)) {
            throw new ConfigException("config.data.feature_clip", "expected >= 0, found " + featureClip);
        }
        if (type != null && !type.equals("graph_dm")) {
            throw new ConfigException("config.data.type", "expected graph_dm, found '" + type + "'");
        }
        source = source == null ? new SourceConfig(null, null, null, null, null) : source;
        requireCache = requireCache != null && requireCache;
    }

    public static DataConfig defaults() {
        return new DataConfig(null, null, null, null);
    }

    /**
     * The CAN bus source block.
     *
     * @param representation must equal the top-level {@code representation_cfg} when given
     * @param vocabScope     {@code train} or {@code all}
     * @param valFraction    validation tail of each training file, in [0, 1)
     * @param onBadRow       {@code skip} or {@code fail}
     */
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

    /** The cache this block asks for, with the run's (top-level) representation. */
    public CacheSpec toSpec(Representation representation) {
        return new CacheSpec(representation, CacheSpec.VocabScope.parse(source.vocabScope()), source.valFraction(),
                IdFeatures.DEFAULT_BUCKETS, BadRowPolicy.parse(source.onBadRow()));
    }
}
