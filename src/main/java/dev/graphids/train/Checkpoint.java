package dev.graphids.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.cache.GraphCache;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Digests;
import dev.graphids.io.Safetensors;
import dev.graphids.model.Adam;
import dev.graphids.model.DataDims;
import dev.graphids.model.GraphModel;
import dev.graphids.model.ModelConfig;
import dev.graphids.model.ModelRegistry;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-describing checkpoint (models.md Decision 4): one safetensors file holding the model's parameters and
 * buffers under {@code model/…} and the optimizer moments under {@code optimizer/…}, with metadata naming the model
 * type (from the registry), its hyper-parameters (JSON), the data sizes it was built for, the trainer state needed
 * to resume and the decision threshold; plus a {@code .sha256} sidecar written after it. Loading verifies the
 * digest and refuses unknown model types. No Java serialization anywhere; Python reads it with safetensors.
 */
public final class Checkpoint {
    public static final String FORMAT = "graphids-checkpoint";
    public static final String FORMAT_VERSION = "1";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> metadata;
    private final Safetensors.MappedFile file;
    private final String sha256;

    private Checkpoint(Map<String, String> metadata, Safetensors.MappedFile file, String sha256) {
        this.metadata = metadata;
        this.file = file;
        this.sha256 = sha256;
    }

    /** Writes a checkpoint of {@code model} (and {@code optimizer} when not null) atomically, then its sidecar. */
    public static void save(Path path, GraphModel model, Adam optimizer, TrainerState state,
                            Map<String, String> extra) throws IOException {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Safetensors.Tensor t : model.parameters().toTensors()) {
            tensors.add(new Safetensors.Tensor("model/" + t.name(), t.dtype(), t.shape(), t.data()));
        }
        if (optimizer != null) {
            optimizer.state().forEach((k, v) -> tensors.add(Safetensors.Tensor.f32("optimizer/" + k, v, v.length)));
        }
        Map<String, String> meta = baseMetadata(model.type(), ModelRegistry.toJson(model.config()).toString(), state,
                extra);
        meta.put("data_dims", JSON.writeValueAsString(model.dims()));
        write(path, tensors, meta);
    }

    /** A checkpoint of a model without weights (the rate baseline: a threshold is all it learns). */
    public static void saveWithoutWeights(Path path, String modelType, String hyperParametersJson,
                                          TrainerState state, Map<String, String> extra) throws IOException {
        write(path, List.of(), baseMetadata(modelType, hyperParametersJson, state, extra));
    }

    private static Map<String, String> baseMetadata(String type, String hyper, TrainerState state,
                                                    Map<String, String> extra) throws JsonProcessingException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("model_type", type);
        meta.put("hyper_parameters", hyper);
        meta.put("trainer_state", JSON.writeValueAsString(state));
        meta.putAll(extra);
        return meta;
    }

    private static void write(Path path, List<Safetensors.Tensor> tensors, Map<String, String> meta)
            throws IOException {
        Safetensors.write(path, tensors, meta);
        AtomicFiles.writeSha256Sidecar(path);
    }

    /**
     * Opens a checkpoint: the sidecar must exist and match, the format and model type must be known.
     *
     * @param allowedTypes model types the caller can rebuild (the registry's, plus {@code rate})
     */
    public static Checkpoint open(Path path, java.util.Collection<String> allowedTypes) {
        if (!Files.isRegularFile(path)) {
            throw GraphidsException.environment("checkpoint " + path + " does not exist");
        }
        Path sidecar = path.resolveSibling(path.getFileName() + ".sha256");
        try {
            if (!Files.isRegularFile(sidecar)) {
                throw GraphidsException.environment("checkpoint " + path + " has no sha256 sidecar " + sidecar
                        + "; refusing to load an unverified checkpoint");
            }
            String expected = Files.readString(sidecar, StandardCharsets.UTF_8).strip();
            String actual = Digests.sha256(path);
            if (!actual.equals(expected)) {
                throw GraphidsException.environment("checkpoint " + path + " is corrupt: sha256 " + actual.substring(0,
                        16) + "… does not match its sidecar " + expected.substring(0, Math.min(16, expected.length()))
                        + "…");
            }
            Safetensors.MappedFile f = Safetensors.map(path);
            Map<String, String> meta = f.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                throw GraphidsException.usage(path + ": not a GraphIDS checkpoint (format " + meta.get("format") + ")");
            }
            String type = meta.get("model_type");
            if (!allowedTypes.contains(type)) {
                throw GraphidsException.usage(path + ": unknown model type '" + type + "' (known: "
                        + String.join(", ", allowedTypes) + ")");
            }
            return new Checkpoint(meta, f, actual);
        } catch (IOException e) {
            throw GraphidsException.environment("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file's sha256, computed and checked against the sidecar when it was opened. */
    public String sha256() {
        return sha256;
    }

    public String modelType() {
        return metadata.get("model_type");
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public TrainerState trainerState() {
        try {
            return JSON.readValue(metadata.get("trainer_state"), TrainerState.class);
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage("checkpoint trainer_state is malformed: " + e.getOriginalMessage());
        }
    }

    public ModelConfig modelConfig() {
        try {
            JsonNode hyper = JSON.readTree(metadata.get("hyper_parameters"));
            return ModelRegistry.parse(modelType(), hyper);
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage("checkpoint hyper_parameters are malformed: " + e.getOriginalMessage());
        }
    }

    public DataDims dataDims() {
        try {
            return JSON.readValue(metadata.get("data_dims"), DataDims.class);
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage("checkpoint data_dims are malformed: " + e.getOriginalMessage());
        }
    }

    /** Rebuilds the model with the stored weights (and calibration buffers). */
    public GraphModel model(NDManager parent) {
        GraphModel model = ModelRegistry.create(modelConfig(), dataDims(), parent, 0);
        List<String> names = new ArrayList<>(model.parameters().parameters().keySet());
        names.addAll(model.parameters().buffers().keySet());
        for (String name : names) {
            NDArray a = model.parameters().get(name);
            String key = "model/" + name;
            if (!file.names().contains(key)) {
                model.close();
                throw GraphidsException.usage("checkpoint lacks weights for " + name);
            }
            if (!Arrays.equals(file.shape(key), a.getShape().getShape()) || a.getDataType() != DataType.FLOAT32) {
                model.close();
                throw GraphidsException.usage("checkpoint weights " + name + " have shape "
                        + Arrays.toString(file.shape(key)) + ", the model expects " + a.getShape());
            }
            a.set(FloatBuffer.wrap(file.floatArray(key)));
        }
        return model;
    }

    /** The optimizer moments, for {@link Adam#loadState}. */
    public Map<String, float[]> optimizerState() {
        Map<String, float[]> out = new HashMap<>();
        for (String name : file.names()) {
            if (name.startsWith("optimizer/")) {
                out.put(name.substring("optimizer/".length()), file.floatArray(name));
            }
        }
        return out;
    }

    /** Metadata key of the identity of the graph cache the model was trained on. */
    public static final String CACHE_IDENTITY = "cache_identity";

    /**
     * Refuses a checkpoint trained on another graph cache than {@code cache} (different data, representation,
     * vocabulary or split); checkpoints without a recorded identity pass.
     *
     * @param key the config key that named the checkpoint, for the message
     */
    public void requireTrainedOn(GraphCache cache, String key) {
        String trained = metadata.get(CACHE_IDENTITY);
        String now = cache.metadata().path("identity").asText();
        if (trained != null && !trained.equals(now)) {
            throw GraphidsException.usage(key + ": the checkpoint was trained on graph cache " + trained + " but this "
                    + "run's data gives cache " + now + " (different data, representation, vocabulary or split); use "
                    + "the same config.data as the fit run");
        }
    }

    /** The decision threshold chosen on validation, or NaN. */
    public double threshold() {
        String t = metadata.get("threshold");
        return t == null ? Double.NaN : Double.parseDouble(t);
    }
}
