package dev.graphids.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.error.GraphidsException;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A complete graph cache on disk: metadata, vocabulary, scaler and the memory-mapped shards. */
public final class GraphCache {
    public static final String METADATA = "cache_metadata.json";
    public static final String COMPLETE = ".complete";

    private final Path dir;
    private final JsonNode metadata;

    private GraphCache(Path dir, JsonNode metadata) {
        this.dir = dir;
        this.metadata = metadata;
    }

    static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(COMPLETE)) && Files.isRegularFile(dir.resolve(METADATA));
    }

    public static GraphCache open(Path dir) {
        if (!isComplete(dir)) {
            throw GraphidsException.environment(dir + ": not a complete graph cache (no " + COMPLETE + ")");
        }
        try {
            return new GraphCache(dir, GraphCacheBuilder.JSON.readTree(dir.resolve(METADATA).toFile()));
        } catch (IOException e) {
            throw GraphidsException.environment(dir.resolve(METADATA) + ": cannot read: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public JsonNode metadata() {
        return metadata;
    }

    public CanIdVocabulary vocabulary() throws IOException {
        return CanIdVocabulary.read(dir.resolve("vocab.json"));
    }

    public FeatureScaler scaler() throws IOException {
        return GraphCacheBuilder.JSON.readValue(dir.resolve("scaler.json").toFile(), FeatureScaler.class);
    }

    /** Shard paths (relative to the cache) of one folder, or of every used file when folder is null. */
    public List<String> shards(String folder) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : metadata.get("files")) {
            if (f.get("used").asBoolean() && !f.get("shard").isNull()
                    && (folder == null || f.get("folder").asText().equals(folder))) {
                out.add(f.get("shard").asText());
            }
        }
        return out;
    }

    public Safetensors.MappedFile mapShard(String shard) throws IOException {
        return Safetensors.map(dir.resolve(shard));
    }
}
