package dev.graphids.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.cache.FeatureScaler;
import dev.graphids.error.GraphidsException;
import dev.graphids.fusion.FusionConfig;
import dev.graphids.fusion.FusionModel;
import dev.graphids.fusion.FusionModels;
import dev.graphids.fusion.state.UpstreamDescriptions;
import dev.graphids.graph.WindowSpec;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.io.Digests;
import dev.graphids.io.Safetensors;
import dev.graphids.model.DataDims;
import dev.graphids.model.GraphModel;
import dev.graphids.model.ModelConfig;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.ParameterStore;
import dev.graphids.model.rate.RateBaseline;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported model bundle laid out as a Hugging Face model repository (written by {@code export.BundleExporter}):
 * {@code model.safetensors} (parameters and calibration buffers under their own names, no prefix),
 * {@code config.json} (model type, hyper-parameters, data dims, representation, feature clip, threshold),
 * {@code vocab.json}, {@code scaler.json}, optional {@code metrics.json}, {@code README.md} (model card) and
 * {@code SHA256SUMS} over all of them. Reading verifies every digest first. A fuser's bundle ({@code model_type}
 * {@code fusion/<method>}) holds the fuser's weights in {@code model.safetensors} and its upstream GAT and VGAE in
 * {@code upstream_<key>.safetensors}, described under {@code upstream} in {@code config.json}.
 */
public final class ModelBundle {
    public static final String FORMAT = "graphids-bundle";
    public static final int FORMAT_VERSION = 1;
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String VOCAB = "vocab.json";
    public static final String SCALER = "scaler.json";
    public static final String METRICS = "metrics.json";
    public static final String CARD = "README.md";
    public static final String SUMS = "SHA256SUMS";
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private ModelBundle() {
    }

    /** Whether {@code dir} looks like a bundle (holds a {@code config.json}). */
    public static boolean isBundle(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(CONFIG));
    }

    /**
     * The weights file of a fuser's upstream model {@code key} ({@code gat}, {@code vgae}), member {@code k} of an
     * ensemble (0 for a single model).
     */
    public static String upstreamWeights(String key, int k) {
        return "upstream_" + key + (k == 0 ? "" : "_" + k) + ".safetensors";
    }

    /** Reads a bundle: digests, config, vocabulary, scaler and a loader of the weights. */
    public static DetectorSpec read(Path dir) {
        try {
            Map<String, String> sums = verify(dir);
            JsonNode config = JSON.readTree(dir.resolve(CONFIG).toFile());
            if (!FORMAT.equals(config.path("format").asText())) {
                throw bad(dir, CONFIG, "format", FORMAT, config.path("format").toString());
            }
            String type = text(dir, config, "model_type");
            JsonNode repr = config.path("representation");
            if (!"snapshot".equals(repr.path("kind").asText())) {
                throw bad(dir, CONFIG, "representation.kind", "snapshot", repr.path("kind").toString());
            }
            WindowSpec window = new WindowSpec(number(dir, repr, "window_size").intValue(),
                    number(dir, repr, "stride").intValue());
            double clip = number(dir, config, "feature_clip").doubleValue();
            double threshold = number(dir, config, "threshold").doubleValue();
            int buckets = number(dir, config, "id_buckets").intValue();
            CanIdVocabulary vocab = CanIdVocabulary.read(dir.resolve(VOCAB));
            FeatureScaler scaler = JSON.readValue(dir.resolve(SCALER).toFile(), FeatureScaler.class);
            DetectorSpec.ModelLoader loader = null;
            DetectorSpec.FusionParts fusion = null;
            if (type.startsWith(FusionConfig.TYPE + "/")) {
                fusion = fusionParts(dir, config, sums);
            } else if (!type.equals(RateBaseline.MODEL)) {
                if (!sums.containsKey(WEIGHTS)) {
                    throw GraphidsException.usage(dir + ": bundle of a " + type + " model has no " + WEIGHTS);
                }
                ModelConfig hyper = ModelRegistry.parse(type, config.path("hyper_parameters"));
                DataDims dims = JSON.treeToValue(config.path("data_dims"), DataDims.class);
                Path weights = dir.resolve(WEIGHTS);
                loader = parent -> loadWeights(weights, ModelRegistry.create(hyper, dims, parent, 0));
            }
            return new DetectorSpec(type, window, vocab, scaler, buckets, clip, threshold, loader, dir, null, fusion);
        } catch (IOException e) {
            throw GraphidsException.environment(dir + ": cannot read model bundle: " + e.getMessage(), e);
        }
    }

    /** The upstream models and the fuser of a fusion bundle, each loaded from its own weights file. */
    private static DetectorSpec.FusionParts fusionParts(Path dir, JsonNode config, Map<String, String> sums)
            throws IOException {
        Map<String, List<DetectorSpec.ModelLoader>> upstream = new LinkedHashMap<>();
        for (String key : List.of("gat", "vgae")) {
            JsonNode node = config.path("upstream").path(key);
            List<DetectorSpec.ModelLoader> members = new ArrayList<>();
            for (JsonNode up : UpstreamDescriptions.members(node)) {
                String name = up.path("weights").asText(upstreamWeights(key, 0));
                if (!sums.containsKey(name) || up.isMissingNode()) {
                    throw GraphidsException.usage(dir + ": fusion bundle without its upstream " + key + " (" + name
                            + " and config.json upstream." + key + ")");
                }
                ModelConfig hyper = ModelRegistry.parse(key, up.path("hyper_parameters"));
                DataDims dims = JSON.treeToValue(up.path("data_dims"), DataDims.class);
                Path weights = dir.resolve(name);
                members.add(parent -> loadWeights(weights, ModelRegistry.create(hyper, dims, parent, 0)));
            }
            upstream.put(key, members);
        }
        if (!sums.containsKey(WEIGHTS)) {
            throw GraphidsException.usage(dir + ": fusion bundle has no " + WEIGHTS + " (the fuser)");
        }
        FusionConfig fuser = JSON.treeToValue(config.path("hyper_parameters"), FusionConfig.class);
        Path weights = dir.resolve(WEIGHTS);
        return new DetectorSpec.FusionParts(upstream, parent -> loadFuser(weights, FusionModels.create(fuser, parent,
                0)), null);
    }

    private static FusionModel loadFuser(Path file, FusionModel fuser) {
        try {
            setAll(file, fuser.parameters());
            fuser.afterLoad();
            return fuser;
        } catch (IOException | RuntimeException e) {
            fuser.close();
            throw loadFailure(file, e);
        }
    }

    /** Sets every parameter and buffer of {@code model} from the bundle's weights file (closing the model on error). */
    static GraphModel loadWeights(Path file, GraphModel model) {
        try {
            setAll(file, model.parameters());
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw loadFailure(file, e);
        }
    }

    /** Every parameter and buffer of {@code params} from the same-named F32 tensor of {@code file}. */
    private static void setAll(Path file, ParameterStore params) throws IOException {
        Safetensors.MappedFile f = Safetensors.map(file);
        Map<String, ai.djl.ndarray.NDArray> all = new LinkedHashMap<>(params.parameters());
        all.putAll(params.buffers());
        String bundleFile = file.getFileName().toString();
        for (Map.Entry<String, ai.djl.ndarray.NDArray> e : all.entrySet()) {
            String name = e.getKey();
            long[] want = e.getValue().getShape().getShape();
            if (!f.names().contains(name)) {
                throw bad(file.getParent(), bundleFile, name, "a tensor of shape " + Arrays.toString(want), "nothing");
            }
            if (!Arrays.equals(f.shape(name), want) || !"F32".equals(f.dtype(name))) {
                throw bad(file.getParent(), bundleFile, name, "F32 " + Arrays.toString(want), f.dtype(name) + " "
                        + Arrays.toString(f.shape(name)));
            }
            e.getValue().set(FloatBuffer.wrap(f.floatArray(name)));
        }
    }

    private static GraphidsException loadFailure(Path file, Exception e) {
        return e instanceof GraphidsException g ? g
                : GraphidsException.environment(file + ": cannot read weights: " + e.getMessage(), e);
    }

    /** Checks {@code SHA256SUMS} ("hex  name" lines) against the files; returns name → digest. */
    static Map<String, String> verify(Path dir) throws IOException {
        Path sums = dir.resolve(SUMS);
        if (!Files.isRegularFile(sums)) {
            throw GraphidsException.environment(dir + ": model bundle has no " + SUMS
                    + "; refusing to load an unverified bundle");
        }
        Map<String, String> out = new LinkedHashMap<>();
        int line = 0;
        for (String l : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            String[] parts = l.strip().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || parts[1].contains("/")) {
                throw GraphidsException.usage(sums + ":" + line + ": expected '<sha256 hex>  <file name>', found '"
                        + l + "'");
            }
            Path f = dir.resolve(parts[1]);
            if (!Files.isRegularFile(f)) {
                throw GraphidsException.environment(dir + ": " + parts[1] + " is listed in " + SUMS + " but missing");
            }
            String actual = Digests.sha256(f);
            if (!actual.equals(parts[0])) {
                throw GraphidsException.environment(dir + ": " + parts[1] + " is corrupt: sha256 "
                        + actual.substring(0, 16) + "… does not match " + SUMS + " (" + parts[0].substring(0, 16)
                        + "…)");
            }
            out.put(parts[1], parts[0]);
        }
        for (String required : new String[] {CONFIG, VOCAB, SCALER}) {
            if (!out.containsKey(required)) {
                throw GraphidsException.usage(dir + ": " + SUMS + " does not list " + required);
            }
        }
        return out;
    }

    private static String text(Path dir, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw bad(dir, CONFIG, field, "a string", v.isMissingNode() ? "nothing" : v.toString());
        }
        return v.asText();
    }

    private static Number number(Path dir, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw bad(dir, CONFIG, field, "a number", v.isMissingNode() ? "nothing" : v.toString());
        }
        return v.numberValue();
    }

    private static GraphidsException bad(Path dir, String file, String field, String expected, String found) {
        return GraphidsException.usage(dir.resolve(file) + ": " + field + ": expected " + expected + ", found "
                + found);
    }
}
