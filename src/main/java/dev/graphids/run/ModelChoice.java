package dev.graphids.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.error.GraphidsException;
import dev.graphids.model.ModelConfig;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.rate.RateBaseline;
import java.util.ArrayList;
import java.util.List;

/**
 * The model a fit or test run uses ({@code config.model}, selected by {@code type}): a graph model of the registry
 * ({@code gat}, {@code vgae}, {@code dgi}) with its hyper-parameters, or the {@code rate} baseline (no parameters).
 */
public record ModelChoice(String type, ModelConfig graphModel) {

    public static ModelChoice of(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw GraphidsException.usage("config.model.type: expected one of " + String.join(", ", types())
                    + ", found nothing");
        }
        String type = node.get("type").asText();
        if (type.equals(RateBaseline.MODEL)) {
            if (node.size() > 1) {
                throw GraphidsException.usage("config.model: the rate baseline takes no parameters besides type");
            }
            return new ModelChoice(type, null);
        }
        return new ModelChoice(type, ModelRegistry.parse(type, node));
    }

    /** Every model type a run can name. */
    public static List<String> types() {
        List<String> out = new ArrayList<>(ModelRegistry.types());
        out.add(RateBaseline.MODEL);
        return out;
    }

    public boolean isRate() {
        return graphModel == null;
    }
}
