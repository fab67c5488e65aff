package dev.graphids.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags and params a run is tracked with (runtime.md §1.8, §4.3), from its resolved config. */
final class TrackingFields {
    static final int MAX_PARAM_VALUE = 8000;

    private TrackingFields() {
    }

    /** Experiment name: {@code graphids/{dataset}/{stage}}. */
    static String experimentName(ExperimentConfig c) {
        return "graphids/" + c.dataset() + "/" + c.stage().key();
    }

    static Map<String, String> tags(ExperimentConfig c, RunPaths paths) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("graphids.stage", c.stage().key());
        t.put("graphids.run_dir", paths.runDir().toString());
        t.put("graphids.git_sha", c.gitSha());
        t.put("graphids.dataset", c.dataset());
        t.put("graphids.seed", Integer.toString(c.seed()));
        if (c.planId() != null) {
            t.put("graphids.plan_id", c.planId());
        }
        t.put("graphids.representation", c.representation().kind());
        t.put("graphids.experiment", c.experimentName());
        // The result views filter on these (the original's views looked for tags its runtime never set).
        t.put("graphids.phase", c.stage().key());
        t.put("graphids.group", c.stage().key());
        t.put("graphids.variant", c.runName());
        return t;
    }

    /** Params: the resolved config flattened with {@code /} under {@code graphids.}, values stringified. */
    static Map<String, String> params(RunSpec spec, String effectiveBackend) {
        ExperimentConfig c = spec.config();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("graphids.stage", c.stage().key());
        p.put("graphids.dataset", c.dataset());
        p.put("graphids.seed", Integer.toString(c.seed()));
        p.put("graphids.plan_id", c.planId() == null ? "" : c.planId());
        p.put("graphids.git_sha", c.gitSha());
        p.put("graphids.backend", effectiveBackend);
        p.put("graphids.representation", c.representation().kind());
        JsonNode resolved = ConfigLoader.YAML.valueToTree(ConfigLoader.resolved(spec));
        flatten("graphids.representation_cfg", resolved.get("representation_cfg"), p);
        flatten("graphids.payload", resolved.get("config"), p);
        JsonNode resources = resolved.get("resources");
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            p.put("graphids.resource." + e.getKey(), text(e.getValue()));
        }
        return p;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix + "/" + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, text(node));
        }
    }

    private static String text(JsonNode v) {
        String s = v == null || v.isNull() ? "None" : v.isValueNode() ? v.asText() : v.toString();
        return s.length() > MAX_PARAM_VALUE ? s.substring(0, MAX_PARAM_VALUE) : s;
    }
}
