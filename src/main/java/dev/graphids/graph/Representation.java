package dev.graphids.graph;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.graphids.error.GraphidsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a capture stream becomes model inputs (runtime.md §1.4), selected by {@code kind}:
 * <ul>
 *   <li>{@code snapshot}: one graph per window of {@code window_size} frames, windows {@code stride} apart;</li>
 *   <li>{@code snapshot_sequence}: {@code sequence_length} consecutive snapshot graphs, sequences
 *       {@code sequence_stride} windows apart, labelled by their last step;</li>
 *   <li>{@code temporal}: one event per message (previous ID → this ID) with per-message features.</li>
 * </ul>
 * The digest is the original's: the first 12 hex digits of SHA-1 over the compact JSON of the fields with sorted keys,
 * {@code kind} included (the default snapshot gives {@code e202a36c8533}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Representation.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = Representation.SnapshotSequence.class, name = "snapshot_sequence"),
    @JsonSubTypes.Type(value = Representation.Temporal.class, name = "temporal")})
public sealed interface Representation {

    /** The {@code kind} discriminator. */
    @JsonIgnore
    String kind();

    /** The fields other than kind, by name, for the digest. */
    @JsonIgnore
    Map<String, Object> fields();

    /** First 12 hex digits of SHA-1 over {@code {"kind":...,field:value}} with sorted keys and no spaces. */
    @JsonIgnore
    default String digest() {
        Map<String, Object> all = new TreeMap<>(fields());
        all.put("kind", kind());
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            json.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v == null ? "null" : v));
        }
        json.append('}');
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /** The snapshot windows this representation is built from, or null for {@code temporal}. */
    @JsonIgnore
    WindowSpec windowSpec();

    /** Windows to drop between training and validation so that they share no frame. */
    @JsonIgnore
    int embargoWindows();

    private static int positive(String field, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v <= 0) {
            throw GraphidsException.usage("representation_cfg." + field + ": expected a positive integer, found " + v);
        }
        return v;
    }

    @JsonPropertyOrder({"window_size", "stride"})
    record Snapshot(@JsonProperty("window_size") Integer windowSize, @JsonProperty("stride") Integer stride)
            implements Representation {
        public static final Snapshot DEFAULT = new Snapshot(100, 100);

        public Snapshot {
            windowSize = positive("window_size", windowSize, 100);
            stride = positive("stride", stride, 100);
            if (windowSize < 2) {
                throw GraphidsException.usage("representation_cfg.window_size: expected >= 2, found " + windowSize);
            }
        }

        @Override
        public String kind() {
            return "snapshot";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("window_size", windowSize, "stride", stride);
        }

        @Override
        public WindowSpec windowSpec() {
            return new WindowSpec(windowSize, stride);
        }

        @Override
        public int embargoWindows() {
            return stride >= windowSize ? 0 : (windowSize + stride - 1) / stride - 1;
        }
    }

    @JsonPropertyOrder({"window_size", "stride", "sequence_length", "sequence_stride"})
    record SnapshotSequence(@JsonProperty("window_size") Integer windowSize, @JsonProperty("stride") Integer stride,
                            @JsonProperty("sequence_length") Integer sequenceLength,
                            @JsonProperty("sequence_stride") Integer sequenceStride) implements Representation {
        public SnapshotSequence {
            windowSize = positive("window_size", windowSize, 100);
            stride = positive("stride", stride, 100);
            sequenceLength = positive("sequence_length", sequenceLength, 4);
            sequenceStride = positive("sequence_stride", sequenceStride, 1);
            if (windowSize < 2) {
                throw GraphidsException.usage("representation_cfg.window_size: expected >= 2, found " + windowSize);
            }
        }

        @Override
        public String kind() {
            return "snapshot_sequence";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("window_size", windowSize, "stride", stride, "sequence_length", sequenceLength,
                    "sequence_stride", sequenceStride);
        }

        @Override
        public WindowSpec windowSpec() {
            return new WindowSpec(windowSize, stride);
        }

        @Override
        public int embargoWindows() {
            return new Snapshot(windowSize, stride).embargoWindows() + (sequenceLength - 1) * sequenceStride;
        }
    }

    /** The per-message event stream of the original's last version (data.md §3.12); it has no fields. */
    record Temporal() implements Representation {
        @Override
        public String kind() {
            return "temporal";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of();
        }

        @Override
        public WindowSpec windowSpec() {
            return null;
        }

        @Override
        public int embargoWindows() {
            return 0;
        }
    }
}
