package dev.graphids.model.rate;

import dev.graphids.cache.GraphCache;
import dev.graphids.cache.ShardTensors;
import dev.graphids.eval.EvaluationReport;
import dev.graphids.eval.LabelledScores;
import dev.graphids.eval.PredictionWriter;
import dev.graphids.eval.ScoredSplit;
import dev.graphids.eval.ShardView;
import dev.graphids.eval.SplitReader;
import dev.graphids.eval.SplitRef;
import dev.graphids.graph.feature.EdgeFeatures;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code rate} baseline: score = −(time span of the window), the span being the sum of the inter-arrival
 * feature ({@link EdgeFeatures#IAT}, seconds, unscaled in the cache) over the window's W − 1 edges, i.e. the time from
 * its first to its last frame. Shorter span = higher frame rate = more suspicious. "Fitting" chooses only the
 * decision threshold, the best F1 on the validation split (models.md Decision 2); test folders are scored with it.
 *
 * <p>On hcrl_sa (100-frame snapshot windows) this one feature reaches AUROC ≈ 0.999 / 0.999 / 0.963 / 0.994 on
 * test_01..test_04 (issue 5): a graph model that does not beat it is not yet earning its keep.
 */
public final class RateBaseline {
    /** The model type key. */
    public static final String MODEL = "rate";

    private RateBaseline() {
    }

    /** Scores of a shard view's graphs: −Σ iat over each graph's edges. */
    public static double[] score(ShardView view) {
        FloatBuffer edges = view.file().floats(ShardTensors.EDGE_ATTR);
        double[] out = new double[view.size()];
        for (int i = 0; i < out.length; i++) {
            int g = view.graphs()[i];
            out[i] = score(edges, view.edgeStart(g), view.edgeEnd(g));
        }
        return out;
    }

    /** The score of one graph whose raw edge features are rows {@code from} (incl.) to {@code to} (excl.). */
    public static double score(FloatBuffer edgeAttr, long from, long to) {
        double span = 0;
        for (long e = from; e < to; e++) {
            span += edgeAttr.get((int) (e * EdgeFeatures.COUNT + EdgeFeatures.IAT));
        }
        return -span;
    }

    /** The scored graphs of one split. */
    public static ScoredSplit score(SplitReader reader, SplitRef split) throws IOException {
        return reader.score(split, RateBaseline::score);
    }

    /** Every split of the cache (train, val, each test folder) scored, in {@link SplitReader#splits()} order. */
    public static Map<SplitRef, ScoredSplit> scoreAll(GraphCache cache) throws IOException {
        SplitReader reader = new SplitReader(cache);
        Map<SplitRef, ScoredSplit> out = new LinkedHashMap<>();
        for (SplitRef split : reader.splits()) {
            out.put(split, score(reader, split));
        }
        return out;
    }

    /**
     * Chooses the threshold on validation and evaluates every test folder and the pooled test folders with it.
     * Reads only the validation and test graphs.
     */
    public static EvaluationReport evaluate(GraphCache cache) throws IOException {
        SplitReader reader = new SplitReader(cache);
        LabelledScores val = score(reader, SplitRef.val()).labelled();
        Map<String, LabelledScores> tests = new LinkedHashMap<>();
        for (String folder : reader.testFolders()) {
            tests.put(folder, score(reader, SplitRef.test(folder)).labelled());
        }
        return EvaluationReport.of(val, tests);
    }

    /**
     * Scores every split, evaluates as {@link #evaluate} does and writes the prediction files of every split
     * ({@code train}, {@code val}, {@code test/{folder}}) under {@code predictionsDir}.
     */
    public static EvaluationReport evaluateAndWrite(GraphCache cache, Path predictionsDir) throws IOException {
        Map<SplitRef, ScoredSplit> all = scoreAll(cache);
        Map<String, LabelledScores> tests = new LinkedHashMap<>();
        all.forEach((split, s) -> {
            if (split.folder() != null) {
                tests.put(split.folder(), s.labelled());
            }
        });
        EvaluationReport report = EvaluationReport.of(all.get(SplitRef.val()).labelled(), tests);
        PredictionWriter writer = new PredictionWriter(predictionsDir, MODEL,
                Map.of("cache_identity", cache.metadata().path("identity").asText("")));
        for (ScoredSplit s : all.values()) {
            writer.write(s, report.threshold());
        }
        return report;
    }
}
