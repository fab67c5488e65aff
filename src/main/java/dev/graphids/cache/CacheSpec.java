package dev.graphids.cache;

import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.error.GraphidsException;
import dev.graphids.graph.Representation;
import dev.graphids.graph.feature.IdFeatures;

/**
 * Everything, besides the raw files themselves, that decides the bytes of a graph cache.
 *
 * @param representation snapshot, snapshot_sequence or temporal
 * @param vocabScope     {@code train}: vocabulary from the training folders; {@code all}: from every folder
 * @param valFraction    fraction of each training stream held out as its validation tail
 * @param idBuckets      hash buckets of the vehicle-independent ID feature
 * @param onBadRow       what the readers do with malformed rows
 */
public record CacheSpec(Representation representation, VocabScope vocabScope, double valFraction, int idBuckets,
                        BadRowPolicy onBadRow) {

    /** Bumped whenever the builder's output changes for the same inputs. */
    public static final String PREPROCESSING_VERSION = "1";

    /** Which folders the CAN-ID vocabulary comes from. */
    public enum VocabScope {
        TRAIN, ALL;

        public static VocabScope parse(String text) {
            for (VocabScope s : values()) {
                if (s.name().equalsIgnoreCase(text)) {
                    return s;
                }
            }
            throw GraphidsException.usage("vocab_scope: expected train or all, found '" + text + "'");
        }

        public String key() {
            return name().toLowerCase();
        }
    }

    public CacheSpec {
        if (representation == null) {
            representation = Representation.Snapshot.DEFAULT;
        }
        if (vocabScope == null) {
            vocabScope = VocabScope.TRAIN;
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw GraphidsException.usage("val_fraction: expected a number in [0, 1), found " + valFraction);
        }
        if (idBuckets < 1) {
            throw GraphidsException.usage("id_buckets: expected >= 1, found " + idBuckets);
        }
        if (onBadRow == null) {
            onBadRow = BadRowPolicy.SKIP;
        }
    }

    public static CacheSpec defaults() {
        return new CacheSpec(Representation.Snapshot.DEFAULT, VocabScope.TRAIN, 0.2, IdFeatures.DEFAULT_BUCKETS,
                BadRowPolicy.SKIP);
    }

    public CacheSpec withRepresentation(Representation r) {
        return new CacheSpec(r, vocabScope, valFraction, idBuckets, onBadRow);
    }

    /** The training/validation split of each training stream. */
    public BlockedSplit split() {
        return new BlockedSplit(valFraction, representation.embargoWindows());
    }
}
