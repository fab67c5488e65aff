package dev.graphids.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.fusion.FusionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Loads an experiment config (YAML, JSON, or jsonnet rendered with top-level arguments), applies {@code --set}
 * overrides and validates it strictly. Every error names the file, the line and the key path, and says what was
 * expected: {@code exp.yaml:12: config.data.source.val_fraction: expected a number in [0, 1), found 1.5}.
 */
public final class ConfigLoader {
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final GitInfo git;

    public ConfigLoader(GitInfo git) {
        this.git = git;
    }

    /**
     * @param file      {@code .yaml}, {@code .yml}, {@code .json} or {@code .jsonnet}
     * @param overrides {@code key.path=value}, the value read as YAML (so {@code 3} is a number)
     * @param tlas      jsonnet top-level arguments {@code name=value} (strings), only for {@code .jsonnet}
     */
    public RunSpec load(Path file, List<String> overrides, List<String> tlas) {
        String text = read(file, tlas);
        YamlLocations locations = YamlLocations.index(text);
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw GraphidsException.usage(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw GraphidsException.usage(file + ": expected a mapping of experiment keys (experiment_name, dataset,"
                    + " stage, ...), found " + (tree == null ? "an empty document" : tree.getNodeType()));
        }
        // Validate the file as written first, so that its errors carry its line numbers.
        bind(file, locations, tree, List.of());
        ObjectNode merged = tree.deepCopy();
        for (String o : overrides) {
            apply(merged, o);
        }
        return bind(file, locations, merged, overrides);
    }

    private RunSpec bind(Path file, YamlLocations locations, JsonNode tree, List<String> overrides) {
        ExperimentConfig config = convert(file, locations, tree, ExperimentConfig.class, "", overrides);
        if (config.gitSha() == null) {
            config = config.withGitSha(git.sha());
        }
        JsonNode raw = tree.get("config");
        StageConfig stage = switch (config.stage()) {
            case CACHE -> convert(file, locations, orEmpty(raw), CacheRunConfig.class, "config", overrides);
            case EXTRACT -> convert(file, locations, orEmpty(raw), ExtractRunConfig.class, "config", overrides);
            case FIT, TEST -> {
                if (orEmpty(raw).path("model").path("type").asText("").equals(FusionConfig.TYPE)) {
                    yield convert(file, locations, raw, FusionRunConfig.class, "config", overrides);
                }
                FitRunConfig fit = convert(file, locations, orEmpty(raw), FitRunConfig.class, "config", overrides);
                validateModel(file, locations, fit.model(), overrides);
                yield fit;
            }
            case ANALYZE -> convert(file, locations, orEmpty(raw), AnalyzeRunConfig.class, "config", overrides);
            case HF_PUSH -> convert(file, locations, orEmpty(raw), HfPushRunConfig.class, "config", overrides);
        };
        if (stage.nestedRepresentation() != null && !stage.nestedRepresentation().equals(config.representation())) {
            String path = "config.data.source.representation_cfg";
            throw GraphidsException.usage(where(file, locations, path, overrides) + path + ": must match the "
                    + "top-level representation_cfg " + config.representation() + " so that run metadata and the "
                    + "cached data cannot drift, found " + stage.nestedRepresentation());
        }
        return new RunSpec(file, config, stage, List.copyOf(overrides));
    }

    private static JsonNode orEmpty(JsonNode raw) {
        return raw == null || raw.isNull() ? JsonNodeFactory.instance.objectNode() : raw;
    }

    /** Binds {@code config.model} to its type's hyper-parameter record, so its errors carry lines too. */
    private static void validateModel(Path file, YamlLocations locations, JsonNode model, List<String> overrides) {
        String type = model.path("type").asText("");
        if (!ModelChoice.types().contains(type)) {
            String path = "config.model.type";
            throw GraphidsException.usage(where(file, locations, path, overrides) + path + ": expected one of "
                    + String.join(", ", ModelChoice.types()) + ", " + FusionConfig.TYPE + ", found '" + type + "'");
        }
        if (type.equals(dev.graphids.model.rate.RateBaseline.MODEL)) {
            ObjectNode body = model.deepCopy();
            body.remove("type");
            if (body.size() > 0) {
                String path = "config.model." + body.fieldNames().next();
                throw GraphidsException.usage(where(file, locations, path, overrides) + path
                        + ": unknown key (the rate baseline takes no parameters)");
            }
            return;
        }
        convert(file, locations, model, dev.graphids.model.ModelConfig.class, "config.model", overrides);
    }

    private static <T> T convert(Path file, YamlLocations locations, JsonNode node, Class<T> type, String prefix,
                                 List<String> overrides) {
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String path = join(prefix, YamlLocations.pathOf(e));
            String message = describe(e);
            Throwable root = rootCause(e);
            if (root instanceof ConfigException ce) {
                path = ce.path();
                message = ce.getMessage();
            } else if (root instanceof GraphidsException ge) {
                // Records outside this package say "representation_cfg.window_size: ..."; the path Jackson knows
                // ends at representation_cfg, so the field is appended to it.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-z_]+)\\.([a-z_]+): (.*)$",
                        java.util.regex.Pattern.DOTALL).matcher(ge.getMessage());
                if (m.matches() && (path.equals(m.group(1)) || path.endsWith("." + m.group(1)))) {
                    path = path + "." + m.group(2);
                    message = m.group(3);
                } else {
                    message = ge.getMessage();
                }
            }
            throw GraphidsException.usage(where(file, locations, path, overrides) + path + ": " + message);
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage(file + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw GraphidsException.usage(file + ": " + prefix + ": " + e.getMessage());
        }
    }

    private static String where(Path file, YamlLocations locations, String path, List<String> overrides) {
        for (String o : overrides) {
            String key = o.substring(0, o.indexOf('='));
            if (path.equals(key) || path.startsWith(key + ".")) {
                return file + " (--set " + o + "): ";
            }
        }
        int line = locations.lineOf(path);
        return file + (line > 0 ? ":" + line : "") + ": ";
    }


    private static String join(String prefix, String path) {
        return prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Objects::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : "; expected one of: " + known);
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null ? "missing 'kind' (expected snapshot, snapshot_sequence or temporal)"
                    : "unknown kind '" + t.getTypeId() + "' (expected snapshot, snapshot_sequence or temporal)";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        String m = e.getOriginalMessage();
        if (m.contains("Cannot deserialize value of type `java.lang.Integer`") || m.contains("`int`")) {
            return "expected an integer, " + foundText(m);
        }
        if (m.contains("`java.lang.Double`") || m.contains("`double`")) {
            return "expected a number, " + foundText(m);
        }
        if (m.contains("`java.lang.Boolean`")) {
            return "expected true or false, " + foundText(m);
        }
        if (m.contains("from Object value") || m.contains("from Array value")) {
            return "expected a single value, found a " + (m.contains("Object") ? "mapping" : "list");
        }
        if (m.contains("`java.lang.String`")) {
            return "expected a string, found a " + (m.contains("Object") ? "mapping" : "list");
        }
        return m.lines().findFirst().orElse(m);
    }

    private static String foundText(String message) {
        int q = message.indexOf("from String \"");
        if (q >= 0) {
            int end = message.indexOf('"', q + 13);
            return "found '" + message.substring(q + 13, end < 0 ? message.length() : end) + "'";
        }
        return "found " + message.replaceAll(".*from ([A-Za-z ]+) value.*", "a $1").toLowerCase();
    }

    /** Applies {@code a.b.c=value}: creates intermediate mappings, reads the value as YAML. */
    static void apply(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw GraphidsException.usage("--set " + override + ": expected key.path=value");
        }
        String[] keys = override.substring(0, eq).split("\\.");
        JsonNode value;
        try {
            value = YAML.readTree(override.substring(eq + 1));
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage("--set " + override + ": value is not valid YAML: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            value = JsonNodeFactory.instance.nullNode();
        }
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(keys[i]);
            } else if (!child.isObject()) {
                throw GraphidsException.usage("--set " + override + ": " + String.join(".", List.of(keys).subList(0,
                        i + 1)) + " is not a mapping");
            }
            node = (ObjectNode) child;
        }
        node.set(keys[keys.length - 1], value);
    }

    private String read(Path file, List<String> tlas) {
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonnet") || name.endsWith(".libsonnet")) {
            return Jsonnet.render(file, tlas);
        }
        if (!tlas.isEmpty()) {
            throw GraphidsException.usage("--tla applies to .jsonnet configs only; " + file + " is not one");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw GraphidsException.environment(file + ": no such config file");
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Where a config's run would go, read leniently from a config that may not validate. */
    public record Identity(String experimentName, String runName, String dataset, String stage) {
    }

    /**
     * The run identity of a config file that failed validation, when its names can still be read (so that the
     * failure can be journaled in the run directory); empty otherwise.
     */
    public static java.util.Optional<Identity> identityOf(Path file) {
        try {
            JsonNode tree = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            String experiment = tree.path("experiment_name").asText(null);
            String dataset = tree.path("dataset").asText(null);
            String run = tree.path("run_name").asText(experiment);
            String stage = tree.path("stage").asText("fit");
            ConfigChecks.segment("experiment_name", experiment);
            ConfigChecks.segment("dataset", dataset);
            ConfigChecks.segment("run_name", run);
            Stage.parse(stage);
            return java.util.Optional.of(new Identity(experiment, run, dataset, stage));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The config as JSON-ready maps: what {@code resolved.json} holds. */
    public static Map<String, Object> resolved(RunSpec spec) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = YAML.convertValue(spec.config(), Map.class);
        out.put("config", YAML.convertValue(spec.stage(), Map.class));
        return out;
    }

    /** The overrides as a {@code key -> value} list for {@code overrides.json}. */
    public static List<Map<String, String>> overrides(RunSpec spec) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String o : spec.overrides()) {
            int eq = o.indexOf('=');
            out.add(Map.of("key", o.substring(0, eq), "value", o.substring(eq + 1)));
        }
        return out;
    }
}
