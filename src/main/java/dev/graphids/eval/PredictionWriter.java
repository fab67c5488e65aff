package dev.graphids.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.cache.Split;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one safetensors file of predictions per split (docs/predictions.md): {@code train.safetensors},
 * {@code val.safetensors} and {@code test/{folder}.safetensors} under a run's {@code predictions/} directory, each
 * written atomically.
 *
 * <p>Tensors, one row per window graph in {@link SplitReader} order: {@code window_index}, {@code start_row},
 * {@code source_index}, {@code y}, {@code attack_type} (I64), {@code score} (F64) and {@code decision} (U8,
 * {@code score >= threshold}; all 0 when the threshold is NaN). Metadata (strings): {@code format}, {@code
 * format_version}, {@code model}, {@code split} (train, val or the folder), {@code split_kind} (train, val, test),
 * {@code threshold}, {@code decision_rule}, {@code sources} (JSON list of capture files that {@code source_index}
 * points into), {@code count}, plus any extra entries given to the constructor.
 */
public final class PredictionWriter {
    public static final String FORMAT = "graphids-predictions";
    public static final String FORMAT_VERSION = "1";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String model;
    private final Map<String, String> extra;

    /**
     * @param predictionsDir the run's {@code predictions/} directory (created when missing)
     * @param model          the model type key recorded in every file (e.g. {@code rate})
     * @param extra          further metadata for every file (cache identity, run id, ...); may be empty
     */
    public PredictionWriter(Path predictionsDir, String model, Map<String, String> extra) {
        this.dir = predictionsDir;
        this.model = model;
        this.extra = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extra)); // fixed order: same bytes every run
    }

    public PredictionWriter(Path predictionsDir, String model) {
        this(predictionsDir, model, Map.of());
    }

    /** The file of a split relative to the predictions directory. */
    public static String relativePath(SplitRef split) {
        return split.split() == Split.TEST ? "test/" + split.folder() + ".safetensors"
                : split.split().key() + ".safetensors";
    }

    /** Writes the split's predictions and returns the file. */
    public Path write(ScoredSplit scored, double threshold) throws IOException {
        return write(scored, threshold, Map.of());
    }

    /**
     * Writes the split's predictions with further per-window F64 columns (e.g. a fuser's {@code alpha},
     * {@code gat_prob}, {@code anomaly}), listed in the metadata entry {@code extra_columns}.
     */
    public Path write(ScoredSplit scored, double threshold, Map<String, double[]> columns) throws IOException {
        SplitData d = scored.data();
        int n = d.size();
        long[] sourceIndex = new long[n];
        long[] y = new long[n];
        long[] attackType = new long[n];
        byte[] decision = new byte[n];
        for (int i = 0; i < n; i++) {
            sourceIndex[i] = d.sourceIndex()[i];
            y[i] = d.labels()[i];
            attackType[i] = d.attackTypes()[i];
            decision[i] = (byte) (scored.scores()[i] >= threshold ? 1 : 0); // false for a NaN threshold
        }
        List<Safetensors.Tensor> tensors = new java.util.ArrayList<>(List.of(
                Safetensors.Tensor.i64("window_index", d.windowIndex(), n),
                Safetensors.Tensor.i64("start_row", d.startRow(), n),
                Safetensors.Tensor.i64("source_index", sourceIndex, n),
                Safetensors.Tensor.i64("y", y, n),
                Safetensors.Tensor.i64("attack_type", attackType, n),
                Safetensors.Tensor.f64("score", scored.scores(), n),
                Safetensors.Tensor.u8("decision", decision, n)));
        for (Map.Entry<String, double[]> c : new java.util.TreeMap<>(columns).entrySet()) {
            if (tensors.stream().anyMatch(t -> t.name().equals(c.getKey())) || c.getValue().length != n) {
                throw new IllegalArgumentException("extra column " + c.getKey() + ": a reserved name or not " + n
                        + " values");
            }
            tensors.add(Safetensors.Tensor.f64(c.getKey(), c.getValue(), n));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("model", model);
        meta.put("split", d.split().name());
        meta.put("split_kind", d.split().split().key());
        meta.put("threshold", Double.toString(threshold));
        meta.put("decision_rule", "score >= threshold");
        meta.put("sources", json(d.sources()));
        meta.put("count", Integer.toString(n));
        if (!columns.isEmpty()) {
            meta.put("extra_columns", String.join(",", new java.util.TreeSet<>(columns.keySet())));
        }
        extra.forEach(meta::putIfAbsent);
        Path file = dir.resolve(relativePath(d.split()));
        Files.createDirectories(file.getParent());
        Safetensors.write(file, tensors, meta);
        return file;
    }

    private static String json(List<String> sources) {
        try {
            return JSON.writeValueAsString(sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
