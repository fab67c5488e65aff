package dev.graphids.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result views: the shipped {@code result_views.json} resource, with the views of {@code {lake}/result_views.json}
 * added or replacing shipped ones of the same name. Format: {@code {"view": {"filter": {"suffix": "value"},
 * "metrics": ["key", ...]}}}.
 */
public final class ResultViews {
    /** The lake file that adds or overrides views. */
    public static final String LAKE_FILE = "result_views.json";
    private static final String RESOURCE = "result_views.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ResultView> views;

    private ResultViews(Map<String, ResultView> views) {
        this.views = views;
    }

    /** The shipped views plus those of {@code {lake}/result_views.json} when that file exists. */
    public static ResultViews load(Lake lake) {
        Map<String, ResultView> all = new TreeMap<>(shipped());
        Path file = lake.root().resolve(LAKE_FILE);
        if (Files.isRegularFile(file)) {
            try {
                all.putAll(parse(JSON.readTree(file.toFile()), file.toString()));
            } catch (IOException e) {
                throw new BadInputException(file + ": not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return new ResultViews(all);
    }

    /** The views shipped with GraphIDS. */
    public static Map<String, ResultView> shipped() {
        try (InputStream in = ResultViews.class.getResourceAsStream(RESOURCE)) {
            return parse(JSON.readTree(in), RESOURCE);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("shipped resource " + RESOURCE + " is unreadable", e);
        }
    }

    /**
     * The view with this name.
     *
     * @throws GraphidsException (usage) naming the available views when there is none
     */
    public ResultView get(String name) {
        ResultView v = views.get(name);
        if (v == null) {
            throw GraphidsException.usage("unknown result view '" + name + "'; available: "
                    + String.join(", ", views.keySet()));
        }
        return v;
    }

    /** Every view, by name. */
    public Map<String, ResultView> all() {
        return views;
    }

    static Map<String, ResultView> parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": expected an object of views at the top level");
        }
        Map<String, ResultView> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = source + ": view '" + e.getKey() + "'";
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw new BadInputException(where + ": expected an object with 'filter' and 'metrics'");
            }
            for (Iterator<String> names = v.fieldNames(); names.hasNext();) {
                String field = names.next();
                if (!field.equals("filter") && !field.equals("metrics")) {
                    throw new BadInputException(where + ": unknown field '" + field
                            + "' (expected 'filter' and 'metrics')");
                }
            }
            Map<String, String> filter = new LinkedHashMap<>();
            JsonNode f = v.path("filter");
            if (!f.isMissingNode()) {
                if (!f.isObject()) {
                    throw new BadInputException(where + ": 'filter' must map tag suffixes to values");
                }
                f.fields().forEachRemaining(x -> {
                    if (!x.getValue().isValueNode() || x.getValue().isNull()) {
                        throw new BadInputException(where + ": filter '" + x.getKey() + "' must be a string");
                    }
                    filter.put(x.getKey(), x.getValue().asText());
                });
            }
            List<String> metrics = new ArrayList<>();
            JsonNode m = v.path("metrics");
            if (!m.isArray()) {
                throw new BadInputException(where + ": 'metrics' must be a list of metric keys");
            }
            m.forEach(x -> metrics.add(x.asText()));
            out.put(e.getKey(), new ResultView(e.getKey(), filter, metrics));
        }
        return out;
    }
}
