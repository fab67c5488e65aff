package dev.graphids.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.GraphCache;
import dev.graphids.error.GraphidsException;

/**
 * Sizes a model takes from the data (models.md §1.1: injected before the model is built).
 *
 * @param numIds     vocabulary size including the UNK row 0 (V + 1)
 * @param idBuckets  hash buckets of the raw-ID feature ({@code id_bucket} tensor)
 * @param numClasses number of graph classes (max(2, #labels))
 */
public record DataDims(int numIds, int idBuckets, int numClasses) {
    public DataDims {
        if (numIds < 1 || idBuckets < 1 || numClasses < 2) {
            throw new IllegalArgumentException("invalid data dims " + numIds + "/" + idBuckets + "/" + numClasses);
        }
    }

    /** Reads {@code vocab.num_ids} and {@code identity_inputs.id_buckets} from the cache metadata. */
    public static DataDims of(GraphCache cache) {
        JsonNode m = cache.metadata();
        JsonNode ids = m.path("vocab").path("num_ids");
        JsonNode buckets = m.path("identity_inputs").path("id_buckets");
        if (!ids.isNumber() || !buckets.isNumber()) {
            throw GraphidsException.environment(cache.dir() + ": cache metadata lacks vocab.num_ids or "
                    + "identity_inputs.id_buckets");
        }
        return new DataDims(ids.asInt(), buckets.asInt(), 2);
    }
}
