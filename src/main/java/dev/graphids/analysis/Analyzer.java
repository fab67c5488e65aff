package dev.graphids.analysis;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.Split;
import dev.graphids.error.GraphidsException;
import dev.graphids.model.GraphModel;
import dev.graphids.run.AnalyzeRunConfig;
import dev.graphids.run.ModelChoice;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.train.Checkpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyze stage's driver (runtime.md §8.1): loads the checkpoint (it must be of {@code model_type} and built on
 * the same graph cache) and the validation split exactly as training reads it (scaled, features clipped), runs the
 * enabled artifacts in the fixed order embeddings, attention, cka, landscape, fusion_policy, and writes
 * {@link AnalysisManifest} last — also when an artifact fails, so the manifest shows what is missing before the
 * failure is rethrown. A {@code fusion} analysis reads a fusion run's predictions only: no checkpoint, no cache.
 */
public final class Analyzer {
    static final List<Artifact> ORDER = List.of(new EmbeddingArtifact(), new AttentionArtifact(), new CkaArtifact(),
            new LandscapeArtifact(), new FusionPolicyArtifact());

    /**
     * @param cache       the run's graph cache (null for {@code fusion})
     * @param featureClip the bound on scaled features, as the fit run used
     * @param dir         the output directory ({@code artifacts/} of the run)
     */
    public record Inputs(AnalyzeRunConfig config, String dataset, GraphCache cache, double featureClip, Path dir,
                         long seed, PrintWriter log) {
    }

    private Analyzer() {
    }

    /** The enabled artifacts of a config, in the fixed order. */
    static List<Artifact> enabled(AnalyzeRunConfig c) {
        List<Artifact> out = new ArrayList<>();
        for (Artifact a : ORDER) {
            boolean on = switch (a.name()) {
                case "embeddings" -> c.embeddings();
                case "attention" -> c.attention();
                case "cka" -> c.cka();
                case "landscape" -> c.landscape();
                default -> c.fusionPolicy();
            };
            if (on) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every file the config's artifacts are expected to write, in order. */
    public static List<String> expectedOutputs(AnalyzeRunConfig c) {
        List<String> out = new ArrayList<>();
        enabled(c).forEach(a -> out.addAll(a.outputs(c.modelType())));
        return out;
    }

    public static AnalysisManifest run(Inputs in) throws Exception {
        AnalyzeRunConfig c = in.config();
        c.requirePaths();
        Files.createDirectories(in.dir());
        List<String> expected = expectedOutputs(c);
        boolean fusion = c.modelType().equals(AnalyzeRunConfig.FUSION);
        String ckpt = fusion ? c.fusionPredictions() : c.ckptPath();
        try (NDManager root = NDManager.newBaseManager()) {
            GraphModel model = null;
            BatchLoader val = null;
            if (!fusion) {
                Checkpoint checkpoint = Checkpoint.open(Path.of(c.ckptPath()), ModelChoice.types());
                if (!checkpoint.modelType().equals(c.modelType())) {
                    throw GraphidsException.usage("config.model_type: " + c.modelType() + ", but the checkpoint "
                            + c.ckptPath() + " is a " + checkpoint.modelType() + " model");
                }
                checkpoint.requireTrainedOn(in.cache(), "config.ckpt_path");
                model = checkpoint.model(root);
                val = BatchLoader.open(in.cache(), BatchLoader.Selection.of(Split.VAL)).clipFeatures(in.featureClip());
                if (val.size() == 0) {
                    throw GraphidsException.usage("the cache " + in.cache().dir() + " has no validation graphs to "
                            + "analyze (check val_fraction)");
                }
                in.log().printf("graphids: analyze: %s checkpoint, %,d validation graphs%n", model.type(), val.size());
            }
            AnalysisContext ctx = new AnalysisContext(c, in.dataset(), model, in.cache(), val, root, in.dir(),
                    in.seed(), in.log());
            try {
                for (Artifact a : enabled(c)) {
                    long start = System.nanoTime();
                    a.write(ctx);
                    in.log().printf("graphids: analyze: %s written (%.1f s)%n", a.name(),
                            (System.nanoTime() - start) / 1e9);
                    in.log().flush();
                }
            } finally {
                if (model != null) {
                    model.close();
                }
                AnalysisManifest.of(in.dataset(), c.modelType(), ckpt, in.dir(), expected).write(in.dir());
            }
        }
        return AnalysisManifest.read(in.dir().resolve(AnalysisManifest.FILE));
    }

}
