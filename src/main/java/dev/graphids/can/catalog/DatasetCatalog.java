package dev.graphids.can.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets GraphIDS knows: the built-in catalog of the original system (hcrl_ch, hcrl_sa, set_01..set_04) and
 * user datasets declared in {@code {lake}/datasets.json}, an object keyed by dataset name in the original's shape:
 *
 * <pre>
 * { "my_car": { "train_subdir": "train_01_attack_free", "train_attack_subdir": "train_02_with_attacks",
 *               "test_subdirs": ["test_01_known_vehicle_known_attack"], "attack_types": ["dos"], "notes": "..." } }
 * </pre>
 *
 * Keys starting with {@code _} are comments. Names and folders must be safe path segments; unknown fields are errors.
 */
public final class DatasetCatalog {
    public static final String TRAIN = "train_01_attack_free";
    public static final String TRAIN_ATTACK = "train_02_with_attacks";
    private static final List<String> SCENARIO_TESTS = List.of("test_01_known_vehicle_known_attack",
            "test_02_unknown_vehicle_known_attack", "test_03_known_vehicle_unknown_attack",
            "test_04_unknown_vehicle_unknown_attack");

    private final Map<String, DatasetEntry> entries;

    private DatasetCatalog(Map<String, DatasetEntry> entries) {
        this.entries = entries;
    }

    /** The built-in catalog (data.md §1.1). */
    public static List<DatasetEntry> builtIn() {
        List<DatasetEntry> out = new ArrayList<>();
        out.add(new DatasetEntry("hcrl_ch", TRAIN, TRAIN_ATTACK,
                List.of("test_01_DoS", "test_02_fuzzing", "test_03_gear_spoofing", "test_04_rpm_spoofing"),
                List.of("dos", "fuzzing", "gear_spoofing", "rpm_spoofing"),
                "HCRL CAN — Challenge variant; per-attack labelled test splits.", true));
        out.add(new DatasetEntry("hcrl_sa", TRAIN, TRAIN_ATTACK, SCENARIO_TESTS, List.of("mixed"),
                "Scenario Anomaly; mixed-attack test splits.", true));
        for (int i = 1; i <= 4; i++) {
            List<String> tests = new ArrayList<>(SCENARIO_TESTS);
            tests.add("test_05_suppress");
            tests.add("test_06_masquerade");
            out.add(new DatasetEntry("set_0" + i, TRAIN, TRAIN_ATTACK, tests,
                    List.of("mixed", "suppress", "masquerade"), "Automotive CAN Set 0" + i, true));
        }
        return out;
    }

    /** The built-in catalog plus the lake's {@code datasets.json} when present. */
    public static DatasetCatalog load(Lake lake) {
        Map<String, DatasetEntry> entries = new LinkedHashMap<>();
        for (DatasetEntry e : builtIn()) {
            entries.put(e.name(), e);
        }
        Path file = lake.catalogFile();
        if (Files.exists(file)) {
            for (DatasetEntry e : readUserCatalog(file)) {
                if (entries.containsKey(e.name()) && entries.get(e.name()).builtIn()) {
                    throw GraphidsException.usage(file + ": dataset '" + e.name()
                            + "' is built in; declare your data under another name");
                }
                entries.put(e.name(), e);
            }
        }
        return new DatasetCatalog(entries);
    }

    public List<DatasetEntry> datasets() {
        return List.copyOf(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The named dataset, or an error listing the known names. */
    public DatasetEntry require(String name) {
        DatasetEntry e = entries.get(name);
        if (e == null) {
            throw GraphidsException.usage("unknown dataset '" + name + "': expected one of "
                    + String.join(", ", entries.keySet()) + " (user datasets are declared in datasets.json in the lake)");
        }
        return e;
    }

    /** The fields of a user catalog entry, as written in the file. */
    record UserEntry(@JsonProperty("train_subdir") String trainSubdir,
                     @JsonProperty("train_attack_subdir") String trainAttackSubdir,
                     @JsonProperty("test_subdirs") List<String> testSubdirs,
                     @JsonProperty("attack_types") List<String> attackTypes,
                     @JsonProperty("notes") String notes) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads and validates a user catalog file; errors name the file, line and field. */
    public static List<DatasetEntry> readUserCatalog(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage(where(file, e.getLocation()) + e.getOriginalMessage());
        } catch (IOException e) {
            throw GraphidsException.environment(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw GraphidsException.usage(file + ": expected a JSON object keyed by dataset name");
        }
        List<DatasetEntry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.startsWith("_")) {
                continue;
            }
            out.add(toEntry(file, name, field.getValue()));
        }
        return out;
    }

    private static DatasetEntry toEntry(Path file, String name, JsonNode node) {
        String at = file + ": dataset '" + name + "': ";
        try {
            Lake.checkSegment("dataset", name);
        } catch (GraphidsException e) {
            throw GraphidsException.usage(file + ": " + e.getMessage());
        }
        UserEntry u;
        try {
            u = JSON.treeToValue(node, UserEntry.class);
        } catch (UnrecognizedPropertyException e) {
            throw GraphidsException.usage(at + "unknown field '" + e.getPropertyName()
                    + "': expected train_subdir, train_attack_subdir, test_subdirs, attack_types, notes");
        } catch (JsonProcessingException e) {
            throw GraphidsException.usage(at + e.getOriginalMessage());
        }
        if (u.trainSubdir() == null) {
            throw GraphidsException.usage(at + "train_subdir: expected a folder name, found nothing");
        }
        List<String> tests = u.testSubdirs() == null ? List.of() : u.testSubdirs();
        List<String> all = new ArrayList<>(tests);
        all.add(u.trainSubdir());
        if (u.trainAttackSubdir() != null) {
            all.add(u.trainAttackSubdir());
        }
        for (String folder : all) {
            try {
                Lake.checkSegment("folder", folder);
            } catch (GraphidsException e) {
                throw GraphidsException.usage(at + e.getMessage());
            }
        }
        return new DatasetEntry(name, u.trainSubdir(), u.trainAttackSubdir(), tests,
                u.attackTypes() == null ? List.of() : u.attackTypes(), u.notes() == null ? "" : u.notes(), false);
    }

    private static String where(Path file, JsonLocation loc) {
        return loc == null ? file + ": " : file + ":" + loc.getLineNr() + ": ";
    }

    /**
     * Adds or replaces a user dataset in the lake's catalog file (atomically), keeping the other entries.
     */
    public static void register(Lake lake, DatasetEntry entry) throws IOException {
        lake.requireWritable("register dataset " + entry.name());
        Map<String, Object> out = new LinkedHashMap<>();
        Path file = lake.catalogFile();
        if (Files.exists(file)) {
            for (DatasetEntry e : readUserCatalog(file)) {
                out.put(e.name(), toJson(e));
            }
        }
        out.put(entry.name(), toJson(entry));
        dev.graphids.io.AtomicFiles.writeString(file,
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
    }

    private static UserEntry toJson(DatasetEntry e) {
        return new UserEntry(e.trainSubdir(), e.trainAttackSubdir(), e.testSubdirs(), e.attackTypes(), e.notes());
    }
}
