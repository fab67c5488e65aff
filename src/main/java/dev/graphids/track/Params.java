package dev.graphids.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Turns a nested configuration into MLflow params (runtime.md §4.3). */
public final class Params {
    private Params() {
    }

    /**
     * Flattens nested maps with {@code /} between keys ({@code payload/model/type}); empty maps give no param; null
     * becomes {@code "None"} (as the original wrote it); lists and arrays become compact JSON; anything else its
     * {@code toString()}. Values are kept whole: the store cuts them only at its column's length (8000).
     */
    public static Map<String, String> flatten(Map<String, ?> nested) {
        Map<String, String> out = new TreeMap<>();
        flatten("", nested, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                flatten(key + "/", m, out);
            } else if (v == null) {
                out.put(key, "None");
            } else if (v instanceof Collection<?> || v.getClass().isArray()) {
                try {
                    out.put(key, OfflineRunPayload.JSON.writer().without(
                            com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(v));
                } catch (JsonProcessingException ex) {
                    out.put(key, String.valueOf(v));
                }
            } else {
                out.put(key, String.valueOf(v));
            }
        }
    }
}
