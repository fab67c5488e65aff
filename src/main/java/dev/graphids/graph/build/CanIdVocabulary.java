package dev.graphids.graph.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.error.BadInputException;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;

/**
 * The CAN ID vocabulary (spec §2.2, Decision 3): the distinct integer arbitration IDs of the training frames in
 * numeric order, real IDs at indices 1..V and index 0 for every unknown ID. Standard and extended frames with the
 * same numeric ID share an entry.
 *
 * <p>Persisted as JSON with sorted keys, {@code {"digest": sha256, "entries": {"<decimal id>": index}, "unk_index":
 * 0}}; the golden fixture's form without {@code digest} is read as well. The digest is the SHA-256 (lower-case hex)
 * of the canonical form, the original's {@code json.dumps} of the {@code [id, index]} pairs in index order:
 * {@code [["0", 1], ["1", 2], ...]}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CanIdVocabulary {

    /** Index of every unknown ID. */
    public static final int UNKNOWN = 0;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** IDs in ascending order; ID {@code ids[i]} has index i + 1. */
    private final int[] ids;
    /** Index per standard ID 0..0x7FF, for the common case without a binary search. */
    private final int[] standard = new int[CanFrame.MAX_STANDARD_ID + 1];

    private CanIdVocabulary(int[] sortedDistinct) {
        this.ids = sortedDistinct;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] <= CanFrame.MAX_STANDARD_ID) {
                standard[ids[i]] = i + 1;
            }
        }
    }

    /** A vocabulary of the given IDs (any order, repeats allowed; each 0..0x1FFFFFFF). */
    public static CanIdVocabulary of(int... canIds) {
        Builder b = builder();
        for (int id : canIds) {
            b.add(id);
        }
        return b.build();
    }

    /**
     * The vocabulary of every frame of the given capture files (the training folders' files, spec §2.2), read with
     * {@link FrameReaders} under {@code options}; files listed twice or with identical content add nothing new.
     *
     * @throws dev.graphids.error.GraphidsException when a file cannot be read or is rejected by the reader
     */
    public static CanIdVocabulary fromCaptures(Iterable<Path> files, ReadOptions options) {
        Builder b = builder();
        for (Path file : files) {
            try (FrameReader reader = FrameReaders.open(file, options)) {
                for (CanFrame f = reader.next(); f != null; f = reader.next()) {
                    b.add(f.id());
                }
            }
        }
        return b.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Index of {@code canId}: 1..V when known, {@link #UNKNOWN} otherwise. */
    public int indexOf(int canId) {
        if (canId >= 0 && canId <= CanFrame.MAX_STANDARD_ID) {
            return standard[canId];
        }
        int i = Arrays.binarySearch(ids, canId);
        return i < 0 ? UNKNOWN : i + 1;
    }

    /** Number of real IDs V. */
    public int size() {
        return ids.length;
    }

    /** V + 1: the number of indices including the unknown one (an embedding's row count). */
    public int numIds() {
        return ids.length + 1;
    }

    /** The ID at index 1..V. */
    public int canIdAt(int index) {
        if (index < 1 || index > ids.length) {
            throw new IndexOutOfBoundsException("vocabulary index: expected 1.." + ids.length + ", found " + index);
        }
        return ids[index - 1];
    }

    /** The IDs in index order (a copy). */
    public int[] canIds() {
        return ids.clone();
    }

    /** The canonical form the digest covers: {@code [["<id>", index], ...]} in index order. */
    public String canonicalForm() {
        StringBuilder s = new StringBuilder(ids.length * 14 + 2).append('[');
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append("[\"").append(ids[i]).append("\", ").append(i + 1).append(']');
        }
        return s.append(']').toString();
    }

    /** SHA-256 of {@link #canonicalForm()}, lower-case hex. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalForm().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The persisted JSON text: keys sorted as strings, indent 2, trailing newline. */
    public String toJson() {
        String[] keys = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = Integer.toString(ids[i]);
        }
        Arrays.sort(keys);
        StringBuilder s = new StringBuilder(ids.length * 16 + 128);
        s.append("{\n  \"digest\": \"").append(digest()).append("\",\n  \"entries\": {");
        for (int i = 0; i < keys.length; i++) {
            s.append(i == 0 ? "\n" : ",\n").append("    \"").append(keys[i]).append("\": ")
                    .append(indexOf(Integer.parseInt(keys[i])));
        }
        s.append(keys.length == 0 ? "},\n" : "\n  },\n");
        return s.append("  \"unk_index\": ").append(UNKNOWN).append("\n}\n").toString();
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /**
     * Reads a persisted vocabulary.
     *
     * @throws BadInputException when the file is not a vocabulary: not JSON, {@code unk_index} not 0, an entry key
     *                           not a decimal ID, indices not 1..V in numeric ID order, or a digest that does not match
     * @throws IOException       when the file cannot be read
     */
    public static CanIdVocabulary read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses vocabulary JSON; {@code source} names it in error messages. See {@link #read(Path)}. */
    public static CanIdVocabulary parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": expected vocabulary JSON, found invalid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("entries").isObject()) {
            throw new BadInputException(source + ": expected a JSON object with an \"entries\" object");
        }
        if (!root.path("unk_index").canConvertToInt() || root.path("unk_index").intValue() != UNKNOWN) {
            throw new BadInputException(source + ": unk_index: expected 0, found " + root.path("unk_index"));
        }
        JsonNode entries = root.get("entries");
        int[] ids = new int[entries.size()];
        int[] index = new int[entries.size()];
        int n = 0;
        for (Map.Entry<String, JsonNode> e : entries.properties()) {
            ids[n] = parseId(e.getKey(), source);
            if (!e.getValue().isInt()) {
                throw new BadInputException(source + ": entries." + e.getKey() + ": expected an integer index, found "
                        + e.getValue());
            }
            index[n++] = e.getValue().intValue();
        }
        CanIdVocabulary v = of(ids);
        if (v.size() != n) {
            throw new BadInputException(source + ": entries: expected distinct IDs, found duplicates");
        }
        for (int i = 0; i < n; i++) {
            if (v.indexOf(ids[i]) != index[i]) {
                throw new BadInputException(source + ": entries." + ids[i] + ": expected index " + v.indexOf(ids[i])
                        + " (numeric ID order), found " + index[i]);
            }
        }
        JsonNode digest = root.get("digest");
        if (digest != null && !digest.asText().equals(v.digest())) {
            throw new BadInputException(source + ": digest: expected " + v.digest() + ", found " + digest.asText());
        }
        return v;
    }

    private static int parseId(String key, String source) {
        try {
            int id = Integer.parseInt(key);
            if (id >= 0 && id <= CanFrame.MAX_EXTENDED_ID && Integer.toString(id).equals(key)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(source + ": entries: expected a decimal CAN ID 0.." + CanFrame.MAX_EXTENDED_ID
                + ", found " + BadInputException.quote(key));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanIdVocabulary v && Arrays.equals(ids, v.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "CanIdVocabulary[" + ids.length + " ids]";
    }

    /** Collects IDs; standard IDs in a bit set, others in a growable array deduplicated at {@link #build()}. */
    public static final class Builder {
        private final BitSet standard = new BitSet(CanFrame.MAX_STANDARD_ID + 1);
        private int[] other = new int[16];
        private int otherCount;

        private Builder() {
        }

        /** Adds one ID, 0..0x1FFFFFFF. */
        public Builder add(int canId) {
            if (canId < 0 || canId > CanFrame.MAX_EXTENDED_ID) {
                throw new IllegalArgumentException("CAN ID: expected 0.." + CanFrame.MAX_EXTENDED_ID + ", found "
                        + canId);
            }
            if (canId <= CanFrame.MAX_STANDARD_ID) {
                standard.set(canId);
                return this;
            }
            if (otherCount == other.length) {
                compactOther();
                if (otherCount * 2 > other.length) {
                    other = Arrays.copyOf(other, other.length * 2);
                }
            }
            other[otherCount++] = canId;
            return this;
        }

        /** Adds the frame's ID. */
        public Builder add(CanFrame frame) {
            return add(frame.id());
        }

        private void compactOther() {
            Arrays.sort(other, 0, otherCount);
            int u = 0;
            for (int i = 0; i < otherCount; i++) {
                if (u == 0 || other[i] != other[u - 1]) {
                    other[u++] = other[i];
                }
            }
            otherCount = u;
        }

        /** The vocabulary of every ID added so far. */
        public CanIdVocabulary build() {
            compactOther();
            int[] ids = new int[standard.cardinality() + otherCount];
            int n = 0;
            for (int id = standard.nextSetBit(0); id >= 0; id = standard.nextSetBit(id + 1)) {
                ids[n++] = id;
            }
            System.arraycopy(other, 0, ids, n, otherCount);
            return new CanIdVocabulary(ids);
        }
    }
}
