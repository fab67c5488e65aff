package dev.graphids.fusion.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a fuser's upstream models are described in JSON (the extract manifest's {@code checkpoints}, an exported
 * bundle's {@code upstream}): one object per state key; for an ensemble that object is the first member's, with every
 * member listed under {@code ensemble}, so that a reader expecting one model still finds one.
 */
public final class UpstreamDescriptions {
    static final String ENSEMBLE = "ensemble";

    private UpstreamDescriptions() {
    }

    /** Writes the descriptions of {@code key}'s models, in order, under {@code parent.key}. */
    public static void put(ObjectNode parent, String key, List<ObjectNode> members) {
        ObjectNode d = parent.putObject(key);
        d.setAll(members.get(0));
        if (members.size() > 1) {
            d.putArray(ENSEMBLE).addAll(members);
        }
    }

    /** The member descriptions of one key as {@link #put} wrote them: the ensemble's, or the one model's. */
    public static List<JsonNode> members(JsonNode description) {
        List<JsonNode> out = new ArrayList<>();
        (description.has(ENSEMBLE) ? description.path(ENSEMBLE) : List.of(description)).forEach(out::add);
        return out;
    }
}
