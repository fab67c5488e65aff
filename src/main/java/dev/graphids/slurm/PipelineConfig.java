package dev.graphids.slurm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.run.YamlLocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline YAML: stages submitted as a SLURM dependency chain ({@code afterok}).
 *
 * <pre>
 * pipeline_name: sim_chain
 * stages:
 *   - name: cache                      # letters, digits, '_', '.', '-'; unique
 *     config: cache.yaml               # experiment config, relative to this file
 *     set: [run_name=cache_a]          # --set overrides (optional)
 *   - name: fit_vgae
 *     config: vgae.yaml
 *     set: ["config.init_from=${runs.cache.checkpoint_dir}"]
 *     after: [cache]                   # default: the previous stage; [] for none
 * </pre>
 *
 * <p>{@code ${runs.<stage>.run_dir|checkpoint_dir|artifact_dir|predictions_dir}} in a {@code set} value is replaced
 * by that earlier stage's path. Unknown keys are rejected with their line.
 *
 * @param pipelineName names the pipeline (plan id of its runs unless a stage sets one)
 * @param stages       in submission order
 */
public record PipelineConfig(@JsonProperty("pipeline_name") String pipelineName,
                             @JsonProperty("stages") List<StageEntry> stages) {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{runs\\.([^.}]+)\\.([^}]+)}");
    static final Set<String> FIELDS = Set.of("run_dir", "checkpoint_dir", "artifact_dir", "predictions_dir");

    /**
     * @param name   the stage's name, referenced by {@code after} and placeholders
     * @param config the experiment config path (relative to the pipeline file)
     * @param set    {@code key.path=value} overrides
     * @param after  stages this one runs after; null means the previous stage
     */
    public record StageEntry(@JsonProperty("name") String name, @JsonProperty("config") String config,
                             @JsonProperty("set") List<String> set, @JsonProperty("after") List<String> after) {
    }

    /** A loaded pipeline: the config, its file and its line index (for errors found later). */
    public record Loaded(Path file, PipelineConfig config, YamlLocations lines) {
        public GraphidsException error(String path, String message) {
            int line = lines.lineOf(path);
            return GraphidsException.usage(file + (line > 0 ? ":" + line : "") + ": " + path + ": " + message);
        }

        /** A stage's experiment config file, relative to the pipeline file. */
        public Path configFile(StageEntry stage) {
            Path base = file.toAbsolutePath().getParent();
            return base.resolve(stage.config()).normalize();
        }
    }

    public static Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw GraphidsException.environment(file + ": no such pipeline file");
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
        }
        Loaded loaded = new Loaded(file, null, YamlLocations.index(text));
        PipelineConfig config;
        try {
            config = YAML.readValue(text, PipelineConfig.class);
        } catch (JsonMappingException e) {
            String path = YamlLocations.pathOf(e);
            String message = e instanceof UnrecognizedPropertyException u ? "unknown key '" + u.getPropertyName()
                    + "'; expected one of: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("")
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid");
            throw loaded.error(path, message);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw GraphidsException.usage(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (config == null) {
            throw GraphidsException.usage(file + ": expected a mapping with pipeline_name and stages");
        }
        loaded = new Loaded(file, config, loaded.lines());
        validate(loaded);
        return loaded;
    }

    private static void validate(Loaded l) {
        PipelineConfig c = l.config();
        try {
            Lake.checkSegment("pipeline", c.pipelineName());
        } catch (GraphidsException e) {
            throw l.error("pipeline_name", c.pipelineName() == null ? "is required" : e.getMessage());
        }
        if (c.stages() == null || c.stages().isEmpty()) {
            throw l.error("stages", "expected at least one stage");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.stages().size(); i++) {
            StageEntry s = c.stages().get(i);
            String p = "stages[" + i + "]";
            if (s == null) {
                throw l.error(p, "expected a mapping with name and config");
            }
            try {
                Lake.checkSegment("stage", s.name());
            } catch (GraphidsException e) {
                throw l.error(p + ".name", s.name() == null ? "is required" : e.getMessage());
            }
            if (!seen.add(s.name())) {
                throw l.error(p + ".name", "stage '" + s.name() + "' is defined twice");
            }
            if (s.config() == null || s.config().isBlank()) {
                throw l.error(p + ".config", "is required: the stage's experiment config file");
            }
            if (!Files.isRegularFile(l.configFile(s))) {
                throw l.error(p + ".config", "no such config file " + l.configFile(s));
            }
            List<String> set = s.set() == null ? List.of() : s.set();
            for (int j = 0; j < set.size(); j++) {
                String o = set.get(j);
                if (o == null || o.indexOf('=') <= 0) {
                    throw l.error(p + ".set[" + j + "]", "expected key.path=value, found '" + o + "'");
                }
                Matcher m = PLACEHOLDER.matcher(o);
                while (m.find()) {
                    if (!seen.contains(m.group(1)) || m.group(1).equals(s.name())) {
                        throw l.error(p + ".set[" + j + "]", "${runs." + m.group(1) + "...} must name an earlier "
                                + "stage");
                    }
                    if (!FIELDS.contains(m.group(2))) {
                        throw l.error(p + ".set[" + j + "]", "unknown field '" + m.group(2) + "' of runs."
                                + m.group(1) + "; expected one of: " + String.join(", ", FIELDS.stream().sorted()
                                .toList()));
                    }
                }
            }
            if (s.after() != null) {
                for (int j = 0; j < s.after().size(); j++) {
                    String a = s.after().get(j);
                    if (a == null || !seen.contains(a) || a.equals(s.name())) {
                        throw l.error(p + ".after[" + j + "]", "'" + a + "' is not an earlier stage");
                    }
                }
            }
        }
    }

}
