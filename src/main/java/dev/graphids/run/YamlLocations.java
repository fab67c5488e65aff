package dev.graphids.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The line of every key path in a YAML (or JSON) document, so that validation errors can name it. */
public final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLocations() {
    }

    /** One open mapping or list: its key path and, for a list, the index of its next element. */
    private static final class Frame {
        final String path;
        final boolean array;
        int next;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        /** The path of the next value in this container (a list element), advancing the index. */
        String element() {
            return array ? path + "[" + next++ + "]" : path;
        }
    }

    public static YamlLocations index(String text) {
        YamlLocations out = new YamlLocations();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            Deque<Frame> stack = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String here = stack.isEmpty() ? "" : stack.peek().element();
                switch (t) {
                    case START_OBJECT -> stack.push(new Frame(here, false));
                    case START_ARRAY -> stack.push(new Frame(here, true));
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    case FIELD_NAME -> {
                        String parent = stack.peek().path;
                        String key = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                        out.lines.put(key, p.currentTokenLocation().getLineNr());
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                            stack.push(new Frame(key, v == JsonToken.START_ARRAY));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // A document that does not parse is reported by the loader; no locations then.
        }
        return out;
    }

    /** The key path ({@code a.b[2].c}) a Jackson binding error points at. */
    public static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The line of the path, or of its nearest ancestor; 0 when unknown. */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return 0;
    }
}
