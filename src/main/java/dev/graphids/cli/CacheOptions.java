package dev.graphids.cli;

import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.cache.CacheSpec;
import dev.graphids.error.GraphidsException;
import dev.graphids.graph.Representation;
import dev.graphids.graph.feature.IdFeatures;
import picocli.CommandLine.Option;

/** The options that pick a graph cache: representation, vocabulary scope, split and bad-row policy. */
public final class CacheOptions {
    @Option(names = "--repr", defaultValue = "snapshot", paramLabel = "KIND",
            description = "snapshot, snapshot_sequence or temporal (default: ${DEFAULT-VALUE}).")
    String kind;
    @Option(names = "--window-size", paramLabel = "W", description = "Frames per window (default 100).")
    Integer windowSize;
    @Option(names = "--stride", paramLabel = "S", description = "Frames between window starts (default 100).")
    Integer stride;
    @Option(names = "--sequence-length", paramLabel = "L", description = "Windows per sequence (default 4).")
    Integer sequenceLength;
    @Option(names = "--sequence-stride", paramLabel = "T", description = "Windows between sequences (default 1).")
    Integer sequenceStride;
    @Option(names = "--vocab-scope", defaultValue = "train", paramLabel = "SCOPE",
            description = "train or all: the folders the CAN-ID vocabulary comes from (default: ${DEFAULT-VALUE}).")
    String vocabScope;
    @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Validation tail of each training file (default: ${DEFAULT-VALUE}).")
    double valFraction;
    @Option(names = "--on-bad-row", defaultValue = "skip", paramLabel = "POLICY",
            description = "skip or fail (default: ${DEFAULT-VALUE}).")
    String onBadRow;

    CacheSpec toSpec() {
        Representation r = switch (kind) {
            case "snapshot" -> {
                refuse(sequenceLength, "--sequence-length");
                refuse(sequenceStride, "--sequence-stride");
                yield new Representation.Snapshot(windowSize, stride);
            }
            case "snapshot_sequence" -> new Representation.SnapshotSequence(windowSize, stride, sequenceLength,
                    sequenceStride);
            case "temporal" -> {
                refuse(windowSize, "--window-size");
                refuse(stride, "--stride");
                yield new Representation.Temporal();
            }
            default -> throw GraphidsException.usage("--repr: expected snapshot, snapshot_sequence or temporal, "
                    + "found '" + kind + "'");
        };
        return new CacheSpec(r, CacheSpec.VocabScope.parse(vocabScope), valFraction, IdFeatures.DEFAULT_BUCKETS,
                BadRowPolicy.parse(onBadRow));
    }

    private void refuse(Integer value, String option) {
        if (value != null) {
            throw GraphidsException.usage(option + " does not apply to --repr " + kind);
        }
    }
}
