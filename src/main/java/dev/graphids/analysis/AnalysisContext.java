package dev.graphids.analysis;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.GraphCache;
import dev.graphids.model.GraphModel;
import dev.graphids.run.AnalyzeRunConfig;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.GraphBatch;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What an artifact works on: the analyze config, the model under analysis (null for {@code fusion}), the validation
 * split of its cache (null for {@code fusion}), the output directory and the seed.
 */
record AnalysisContext(AnalyzeRunConfig config, String dataset, GraphModel model, GraphCache cache, BatchLoader val,
                       NDManager manager, Path dir, long seed, PrintWriter log) {

    /** The first {@code min(max, size)} validation graphs, as consecutive batches of {@code batch_size}. */
    Iterable<GraphBatch> firstBatches(int max) {
        int n = Math.min(max, val.size());
        java.util.List<int[]> plan = new java.util.ArrayList<>();
        for (int start = 0; start < n; start += config.batchSize()) {
            int[] members = new int[Math.min(config.batchSize(), n - start)];
            for (int k = 0; k < members.length; k++) {
                members[k] = start + k;
            }
            plan.add(members);
        }
        return val.batches(plan);
    }

    String title(String what) {
        return model == null ? what + " — " + dataset : model.type() + " " + what + " — " + dataset;
    }
}
