package dev.graphids.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.error.GraphidsException;
import dev.graphids.model.dgi.DgiConfig;
import dev.graphids.model.dgi.DgiModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.gat.GatConfig;
import dev.graphids.model.vgae.VgaeConfig;
import dev.graphids.model.vgae.VgaeModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The model types by key (models.md Decision 4: a checkpoint names its type; an unknown type is refused). Configs
 * bind with unknown keys rejected.
 */
public final class ModelRegistry {
    private static final Map<String, Class<? extends ModelConfig>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(GatConfig.TYPE, GatConfig.class);
        TYPES.put(VgaeConfig.TYPE, VgaeConfig.class);
        TYPES.put(DgiConfig.TYPE, DgiConfig.class);
    }

    /** Strict binding: unknown keys, nulls for primitives and trailing tokens fail. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ModelRegistry() {
    }

    /** Registered type keys, in registration order. */
    public static Set<String> types() {
        return TYPES.keySet();
    }

    /** The config class of a type. */
    public static Class<? extends ModelConfig> configClass(String type) {
        Class<? extends ModelConfig> c = TYPES.get(type);
        if (c == null) {
            throw GraphidsException.usage("model type: expected one of " + String.join(", ", TYPES.keySet())
                    + ", found '" + type + "'");
        }
        return c;
    }

    /** Binds the hyper-parameters of {@code type} from a JSON/YAML object (without or with a matching type key). */
    public static ModelConfig parse(String type, JsonNode body) {
        Class<? extends ModelConfig> c = configClass(type);
        ObjectNode copy = body == null ? JSON.createObjectNode() : ((ObjectNode) body).deepCopy();
        JsonNode declared = copy.remove("type");
        if (declared != null && !declared.asText().equals(type)) {
            throw GraphidsException.usage("model type: '" + declared.asText() + "' does not match '" + type + "'");
        }
        copy.put("type", type);
        try {
            return JSON.treeToValue(copy, ModelConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof GraphidsException g ? g : e;
            throw GraphidsException.usage("model (" + type + "): " + cause.getMessage().split("\n")[0]);
        }
    }

    /** Binds a config whose {@code type} key names the model type. */
    public static ModelConfig parse(JsonNode withType) {
        JsonNode t = withType.get("type");
        if (t == null || !t.isTextual()) {
            throw GraphidsException.usage("model: missing type (one of " + String.join(", ", TYPES.keySet()) + ")");
        }
        return parse(t.asText(), withType);
    }

    /** The config as JSON including its {@code type} key (for checkpoints). */
    public static ObjectNode toJson(ModelConfig config) {
        ObjectNode node = JSON.valueToTree(config);
        node.put("type", config.type());
        return node;
    }

    /**
     * Builds a model with freshly initialised parameters.
     *
     * @param parent manager the model's parameters and steps hang off (the caller closes it after the model)
     * @param seed   initialisation seed
     */
    public static GraphModel create(ModelConfig config, DataDims dims, NDManager parent, long seed) {
        if (config instanceof GatConfig g) {
            return new GatClassifier(g, dims, parent, seed);
        } else if (config instanceof VgaeConfig v) {
            return new VgaeModel(v, dims, parent, seed);
        } else if (config instanceof DgiConfig d) {
            return new DgiModel(d, dims, parent, seed);
        }
        throw GraphidsException.usage("model type '" + config.type() + "' is not registered");
    }
}
