package dev.graphids.cache;

import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.graph.build.CanIdVocabulary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code cache_metadata.json}: what was built from what (identity inputs), counts and balance per
 * split, size distributions, the vocabulary and scaler, and per file: frames, samples, bad rows, out-of-order rows,
 * rejection, duplicates and timing.
 */
final class CacheMetadata {
    static final int SCHEMA_VERSION = 1;

    private CacheMetadata() {
    }

    static Map<String, Object> of(DatasetEntry dataset, CacheSpec spec, Map<String, Object> identityInputs,
                                  String identity, CanIdVocabulary vocabulary, FeatureScaler scaler,
                                  List<SourceFile> sources, List<ShardResult> results, Map<String, Object> timing,
                                  Instant builtAt) {
        Map<String, SplitSummary> splits = new LinkedHashMap<>();
        splits.put("train", new SplitSummary());
        splits.put("val", new SplitSummary());
        splits.put("embargo", new SplitSummary());
        List<Map<String, Object>> files = new ArrayList<>();
        for (ShardResult r : results) {
            SourceFile s = r.source();
            if (s.train()) {
                splits.get("train").addFile(r.frames());
            } else {
                splits.computeIfAbsent(s.folder(), k -> new SplitSummary()).addFile(r.frames());
            }
            for (int i = 0; i < r.samples(); i++) {
                String key = switch (r.split()[i]) {
                    case 0 -> "train";
                    case 1 -> "val";
                    case 2 -> "embargo";
                    default -> s.folder();
                };
                splits.get(key).add(r.label()[i], r.attackType()[i], r.nodes()[i], r.edges()[i]);
            }
            files.add(fileEntry(r));
        }
        for (SourceFile s : sources) {
            if (s.duplicateOf() != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", s.name());
                f.put("folder", s.folder());
                f.put("sha256", s.sha256());
                f.put("duplicate_of", s.duplicateOf());
                f.put("used", false);
                files.add(f);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata_schema_version", SCHEMA_VERSION);
        out.put("dataset", dataset.name());
        out.put("built_at", builtAt.toString());
        out.put("identity", identity);
        out.put("identity_inputs", identityInputs);
        out.put("representation", GraphCacheBuilder.representationJson(spec));
        out.put("representation_digest", spec.representation().digest());
        out.put("sample_kind", switch (spec.representation().kind()) {
            case "snapshot_sequence" -> "sequence";
            case "temporal" -> "event";
            default -> "graph";
        });
        out.put("vocab", ordered("scope", spec.vocabScope().key(), "size", vocabulary.size(), "num_ids",
                vocabulary.numIds(), "digest", vocabulary.digest()));
        out.put("scaler", ordered("strategy", scaler.strategy(), "fitted_node_rows", scaler.fittedNodeRows(),
                "fitted_edge_rows", scaler.fittedEdgeRows(), "applied", false));
        Map<String, Object> splitJson = new LinkedHashMap<>();
        splits.forEach((k, v) -> {
            if (!k.equals("embargo") || v.samples() > 0) {
                splitJson.put(k, v.toJson());
            }
        });
        out.put("splits", splitJson);
        out.put("test_folders", dataset.testSubdirs().stream()
                .filter(splits::containsKey).toList());
        out.put("files", files);
        out.put("duplicate_files", sources.stream().filter(s -> s.duplicateOf() != null)
                .map(s -> ordered("file", s.name(), "duplicate_of", s.duplicateOf(), "sha256", s.sha256())).toList());
        out.put("rejected_files", results.stream().filter(r -> r.rejection() != null)
                .map(r -> ordered("file", r.source().name(), "reason", r.rejection())).toList());
        out.put("timing", timing);
        return out;
    }

    /** A JSON object with its keys in the given order (Map.of has none, and metadata is read by people). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> fileEntry(ShardResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", r.source().name());
        f.put("folder", r.source().folder());
        f.put("sha256", r.source().sha256());
        f.put("used", r.shard() != null);
        f.put("shard", r.shard());
        f.put("frames", r.frames());
        f.put("samples", r.samples());
        f.put("bad_rows", r.badRows());
        f.put("out_of_order", r.outOfOrder());
        f.put("rejection", r.rejection());
        f.put("seconds", r.seconds());
        return f;
    }
}
