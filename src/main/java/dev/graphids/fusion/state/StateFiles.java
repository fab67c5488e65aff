package dev.graphids.fusion.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of an extract run's {@code states/} directory (docs/fusion.md): {@code fusion_train.safetensors},
 * {@code fusion_val.safetensors} and {@code test/{folder}.safetensors}, one row per window graph with F32 feature
 * tensors named {@code model/key} and I64 {@code labels}, {@code attack_type}, {@code window_id},
 * {@code window_index}, {@code start_row}, {@code source_index}; and {@code states_manifest.json}, written last, so
 * that a directory without a manifest is an unfinished extraction.
 */
public final class StateFiles {
    public static final String FORMAT = "graphids-fusion-states";
    public static final String FORMAT_VERSION = "1";
    public static final String MANIFEST = "states_manifest.json";
    public static final String FUSION_TRAIN = "fusion_train";
    public static final String FUSION_VAL = "fusion_val";
    static final ObjectMapper JSON = new ObjectMapper();

    private StateFiles() {
    }

    /** The file of a split relative to the states directory. */
    public static String relativePath(String split) {
        return split.equals(FUSION_TRAIN) || split.equals(FUSION_VAL) ? split + ".safetensors"
                : "test/" + split + ".safetensors";
    }

    /** Writes one split atomically and returns the file. */
    public static Path write(Path dir, FusionStates s) throws IOException {
        int n = s.size();
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, float[]> e : s.features().entrySet()) {
            int dims = StateLayout.WIDTHS.get(e.getKey());
            tensors.add(Safetensors.Tensor.f32(e.getKey(), e.getValue(), n, dims));
        }
        tensors.add(Safetensors.Tensor.i64("labels", toLong(s.labels()), n));
        tensors.add(Safetensors.Tensor.i64("attack_type", toLong(s.attackTypes()), n));
        tensors.add(Safetensors.Tensor.i64("window_id", s.windowId(), n));
        tensors.add(Safetensors.Tensor.i64("window_index", s.windowIndex(), n));
        tensors.add(Safetensors.Tensor.i64("start_row", s.startRow(), n));
        tensors.add(Safetensors.Tensor.i64("source_index", toLong(s.sourceIndex()), n));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("split", s.name());
        meta.put("count", Integer.toString(n));
        meta.put("sources", JSON.writeValueAsString(s.sources()));
        Path file = dir.resolve(relativePath(s.name()));
        Files.createDirectories(file.getParent());
        Safetensors.write(file, tensors, meta);
        return file;
    }

    /** Writes the manifest (last, atomically). */
    public static void writeManifest(Path dir, ObjectNode manifest) throws IOException {
        AtomicFiles.writeString(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(manifest) + "\n");
    }

    /**
     * The states directory named by a fusion config: an extract run directory (its {@code states/}) or the states
     * directory itself; it must hold a manifest.
     */
    public static Path resolveDir(Path given) {
        Path dir = Files.isRegularFile(given.resolve(MANIFEST)) ? given : given.resolve("states");
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw GraphidsException.usage("config.states: " + given + " holds no " + MANIFEST + " (expected the run "
                    + "directory of a finished extract run, or its states/ directory)");
        }
        return dir;
    }

    public static JsonNode readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        try {
            JsonNode m = JSON.readTree(file.toFile());
            if (!FORMAT.equals(m.path("format").asText())) {
                throw GraphidsException.usage(file + ": format: expected " + FORMAT + ", found '"
                        + m.path("format").asText() + "'");
            }
            if (!FORMAT_VERSION.equals(m.path("format_version").asText())) {
                throw GraphidsException.usage(file + ": format_version: expected " + FORMAT_VERSION + ", found '"
                        + m.path("format_version").asText() + "' (re-run the extract stage)");
            }
            return m;
        } catch (IOException e) {
            throw GraphidsException.usage(file + ": not a readable states manifest: " + e.getMessage());
        }
    }

    /** The test folders a manifest lists, in order. */
    public static List<String> testSplits(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        manifest.path("tests").forEach(t -> out.add(t.asText()));
        return out;
    }

    /** Reads one split; every feature key of the 18-dim state must be present with its width. */
    public static FusionStates read(Path dir, String split) {
        Path file = dir.resolve(relativePath(split));
        try {
            Safetensors.MappedFile f = Safetensors.map(file);
            int n = Integer.parseInt(f.metadata().getOrDefault("count", "-1"));
            Map<String, float[]> features = new LinkedHashMap<>();
            for (String name : f.names()) {
                if (!StateLayout.WIDTHS.containsKey(name)) {
                    continue;
                }
                long[] shape = f.shape(name);
                int dims = StateLayout.WIDTHS.get(name);
                if (shape.length != 2 || shape[0] != n || shape[1] != dims || !f.dtype(name).equals("F32")) {
                    throw GraphidsException.usage(file + ": tensor " + name + ": expected F32 [" + n + ", " + dims
                            + "], found " + f.dtype(name) + " " + java.util.Arrays.toString(shape));
                }
                features.put(name, f.floatArray(name));
            }
            for (StateLayout.Block b : StateLayout.BLOCKS) {
                if (!features.containsKey(b.key())) {
                    throw GraphidsException.usage(file + ": tensor " + b.key() + ": expected F32 [" + n + ", "
                            + b.dims() + "], found none (the fusion state needs the gat and vgae features)");
                }
            }
            List<String> sources = new ArrayList<>();
            JSON.readTree(f.metadata().getOrDefault("sources", "[]")).forEach(x -> sources.add(x.asText()));
            return new FusionStates(split, features, toInt(longs(f, file, "labels", n)),
                    toInt(longs(f, file, "attack_type", n)), longs(f, file, "window_id", n),
                    longs(f, file, "window_index", n), longs(f, file, "start_row", n),
                    toInt(longs(f, file, "source_index", n)), sources);
        } catch (java.nio.file.NoSuchFileException e) {
            throw GraphidsException.usage(file + ": missing state file of split " + split + " (re-run extract)");
        } catch (IOException e) {
            throw GraphidsException.usage(file + ": not a readable state file: " + e.getMessage());
        }
    }

    private static long[] longs(Safetensors.MappedFile f, Path file, String name, int n) {
        if (!f.names().contains(name) || !f.dtype(name).equals("I64") || f.shape(name)[0] != n) {
            throw GraphidsException.usage(file + ": tensor " + name + ": expected I64 [" + n + "], found "
                    + (f.names().contains(name) ? f.dtype(name) + " " + java.util.Arrays.toString(f.shape(name))
                    : "none"));
        }
        return f.longArray(name);
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static int[] toInt(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.toIntExact(a[i]);
        }
        return out;
    }
}
