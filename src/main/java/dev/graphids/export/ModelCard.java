package dev.graphids.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The bundle's {@code README.md}: a Hugging Face model card (YAML front matter, then what the model is and does). */
final class ModelCard {
    private ModelCard() {
    }

    static String render(JsonNode config, JsonNode metrics, boolean weights) {
        String type = config.path("model_type").asText();
        JsonNode src = config.path("source");
        JsonNode repr = config.path("representation");
        StringBuilder s = new StringBuilder();
        s.append("---\n")
                .append("library_name: graphids\n")
                .append("tags:\n  - can-bus\n  - intrusion-detection\n  - graph-neural-network\n  - graphids\n")
                .append("  - ").append(type).append('\n')
                .append("datasets:\n  - ").append(src.path("dataset").asText()).append('\n')
                .append("pipeline_tag: graph-ml\n");
        if (metrics != null && metrics.path("tests").isObject()) {
            s.append("model-index:\n  - name: ").append(src.path("experiment").asText()).append('-')
                    .append(src.path("run").asText()).append("\n    results:\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("tests").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                s.append("      - task: {type: anomaly-detection}\n")
                        .append("        dataset: {name: ").append(src.path("dataset").asText()).append(", type: ")
                        .append(src.path("dataset").asText()).append(", split: ").append(e.getKey()).append("}\n")
                        .append("        metrics:\n")
                        .append("          - {type: roc_auc, value: ").append(e.getValue().path("auroc").asDouble())
                        .append("}\n")
                        .append("          - {type: f1, value: ").append(e.getValue().path("f1").asDouble())
                        .append("}\n");
            }
        }
        s.append("---\n\n");
        s.append("# GraphIDS ").append(type).append(" — ").append(src.path("dataset").asText()).append("\n\n");
        s.append("A CAN-bus intrusion detector exported by GraphIDS from run `").append(src.path("dataset").asText())
                .append('/').append(src.path("experiment").asText()).append('/').append(src.path("run").asText())
                .append("` (checkpoint `").append(src.path("checkpoint").asText()).append("`, sha256 `")
                .append(src.path("checkpoint_sha256").asText()).append("`).\n\n");
        s.append("- Input: snapshot windows of ").append(repr.path("window_size").asInt()).append(" frames every ")
                .append(repr.path("stride").asInt()).append(" frames; a graph per window (nodes = CAN IDs from ")
                .append("`vocab.json`, edges = consecutive messages, 35 node and 11 edge features z-scored with ")
                .append("`scaler.json` and clipped to ±").append(config.path("feature_clip").asDouble())
                .append(").\n");
        s.append("- Score: ").append(config.path("score").asText()).append("; alarm when score ≥ threshold ")
                .append(config.path("threshold").asDouble()).append(" (chosen on validation, best F1).\n");
        s.append("- Files: ").append(weights ? "`model.safetensors` (weights and calibration buffers), " : "")
                .append("`config.json`, `vocab.json`, `scaler.json`")
                .append(metrics != null ? ", `metrics.json`" : "").append(", `SHA256SUMS`.\n\n");
        s.append("## Use\n\n```sh\ngraphids detect --model . capture.log          # or: candump -L can0 | graphids "
                + "detect --model . -\n```\n\n");
        if (weights) {
            s.append("```python\nfrom safetensors.numpy import load_file\nweights = load_file(\"model.safetensors\")"
                    + "\n```\n\n");
        }
        if (metrics != null && metrics.path("tests").isObject()) {
            s.append("## Test results\n\n| folder | AUROC | F1 | windows |\n|---|---:|---:|---:|\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("tests").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                s.append("| ").append(e.getKey()).append(" | ")
                        .append(String.format("%.4f", e.getValue().path("auroc").asDouble())).append(" | ")
                        .append(String.format("%.4f", e.getValue().path("f1").asDouble())).append(" | ")
                        .append(e.getValue().path("samples").asLong()).append(" |\n");
            }
            s.append('\n');
        } else {
            s.append("No test run of this checkpoint was found; see the training run for validation figures.\n\n");
        }
        return s.toString();
    }
}
