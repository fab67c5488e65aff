package dev.graphids.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Safetensors;
import dev.graphids.model.Adam;
import dev.graphids.train.Checkpoint;
import dev.graphids.train.TrainerState;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fuser's checkpoint, in the bundle format of {@link Checkpoint} (models.md Decision 4): one safetensors file with
 * {@code model/…} weights and buffers and {@code optimizer/…} moments; metadata {@code format}, {@code model_type}
 * {@value FusionConfig#TYPE}, {@code hyper_parameters} (the {@link FusionConfig} as JSON, method included),
 * {@code trainer_state} and the caller's extras (states manifest, threshold); a {@code .sha256} sidecar verified on
 * load by {@link Checkpoint#open}.
 */
public final class FusionCheckpoint {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Metadata: the extract run's states directory the fuser was fit on, and that run's graph-cache identity. */
    public static final String STATES_DIR = "states_dir";
    public static final String STATES_IDENTITY = "states_cache_identity";

    private FusionCheckpoint() {
    }

    public static void save(Path path, FusionModel model, Adam optimizer, TrainerState state,
                            Map<String, String> extra) throws IOException {
        model.beforeSave();
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Safetensors.Tensor t : model.parameters().toTensors()) {
            tensors.add(new Safetensors.Tensor("model/" + t.name(), t.dtype(), t.shape(), t.data()));
        }
        if (optimizer != null) {
            optimizer.state().forEach((k, v) -> tensors.add(Safetensors.Tensor.f32("optimizer/" + k, v, v.length)));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", Checkpoint.FORMAT);
        meta.put("format_version", Checkpoint.FORMAT_VERSION);
        meta.put("model_type", FusionConfig.TYPE);
        meta.put("hyper_parameters", JSON.writeValueAsString(model.config()));
        meta.put("trainer_state", JSON.writeValueAsString(state));
        meta.put("parameter_count", Long.toString(model.parameterCount()));
        meta.putAll(extra);
        Safetensors.write(path, tensors, meta);
        AtomicFiles.writeSha256Sidecar(path);
    }

    /** A loaded fuser with its checkpoint's metadata. */
    public record Loaded(FusionModel model, Map<String, String> metadata) {
    }

    /** Verifies (sha256 sidecar, format, model type) and rebuilds the fuser with its stored weights and buffers. */
    public static Loaded load(Path path, NDManager parent) {
        Checkpoint ckpt = Checkpoint.open(path, List.of(FusionConfig.TYPE));
        FusionConfig config;
        try {
            config = JSON.readValue(ckpt.metadata().get("hyper_parameters"), FusionConfig.class);
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage(path + ": hyper_parameters are malformed: " + e.getOriginalMessage());
        }
        FusionModel model = FusionModels.create(config, parent, 0);
        try {
            Safetensors.MappedFile file = Safetensors.map(path);
            List<String> names = new ArrayList<>(model.parameters().parameters().keySet());
            names.addAll(model.parameters().buffers().keySet());
            for (String name : names) {
                NDArray a = model.parameters().get(name);
                String key = "model/" + name;
                if (!file.names().contains(key) || !Arrays.equals(file.shape(key), a.getShape().getShape())) {
                    throw GraphidsException.usage(path + ": weights " + name + " are missing or do not fit the "
                            + config.method() + " fuser (expected shape " + a.getShape() + ")");
                }
                a.set(FloatBuffer.wrap(file.floatArray(key)));
            }
        } catch (IOException e) {
            model.close();
            throw GraphidsException.environment("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        model.afterLoad();
        return new Loaded(model, ckpt.metadata());
    }
}
