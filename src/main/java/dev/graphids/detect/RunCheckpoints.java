package dev.graphids.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.FeatureScaler;
import dev.graphids.cache.GraphCache;
import ai.djl.ndarray.NDManager;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.SplitRef;
import dev.graphids.fusion.FusionCheckpoint;
import dev.graphids.fusion.FusionConfig;
import dev.graphids.fusion.FusionData;
import dev.graphids.fusion.FusionModel;
import dev.graphids.fusion.FusionModels;
import dev.graphids.fusion.state.FusionStates;
import dev.graphids.fusion.state.StateFiles;
import dev.graphids.fusion.state.UpstreamDescriptions;
import dev.graphids.graph.WindowSpec;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.rate.RateBaseline;
import dev.graphids.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint inside a run directory ({@code {lake}/runs/{dataset}/{experiment}/{run}/checkpoints/X.safetensors}):
 * the weights and threshold come from the checkpoint, the feature clip from the run's {@code resolved.json}, and the
 * vocabulary, scaler, ID buckets and window from the graph cache it was trained on (named by the checkpoint's
 * {@code cache_identity}, found under the same lake's {@code cache/}).
 */
public final class RunCheckpoints {
    /** The checkpoint a run directory stands for. */
    public static final String BEST = "checkpoints/best_model.safetensors";

    private RunCheckpoints() {
    }

    /** The checkpoint file {@code path} names: itself, or the best checkpoint of a run directory. */
    public static Path checkpointOf(Path path) {
        if (!Files.exists(path)) {
            throw GraphidsException.environment(path + ": no such run directory or checkpoint");
        }
        if (Files.isDirectory(path)) {
            Path best = path.resolve(BEST);
            if (!Files.isRegularFile(best)) {
                throw GraphidsException.usage(path + ": neither a model bundle (no config.json) nor a run directory "
                        + "with " + BEST);
            }
            return best;
        }
        return path;
    }

    /** The run directory of a checkpoint ({@code …/checkpoints/X.safetensors} → {@code …}). */
    public static Path runDirOf(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getFileName() == null || !parent.getFileName().toString().equals("checkpoints")
                || parent.getParent() == null
                || !Files.isRegularFile(parent.getParent().resolve("resolved.json"))) {
            throw GraphidsException.usage(checkpoint + ": not a checkpoint inside a run directory (expected "
                    + "RUN_DIR/checkpoints/NAME.safetensors beside RUN_DIR/resolved.json); export the run to a bundle "
                    + "or name the run's checkpoint");
        }
        return parent.getParent();
    }

    public static DetectorSpec read(Path path) {
        Path file = checkpointOf(path);
        Path runDir = runDirOf(file);
        List<String> types = new java.util.ArrayList<>(ModelRegistry.types());
        types.add(RateBaseline.MODEL);
        types.add(FusionConfig.TYPE);
        Checkpoint ckpt = Checkpoint.open(file, types);
        if (ckpt.modelType().equals(FusionConfig.TYPE)) {
            return fusion(file, runDir, ckpt);
        }
        try {
            JsonNode resolved = ModelBundle.JSON.readTree(runDir.resolve("resolved.json").toFile());
            JsonNode clipNode = resolved.path("config").path("data").path("feature_clip");
            double clip = clipNode.isNumber() ? clipNode.asDouble() : 10.0;
            GraphCache cache = GraphCache.open(findCache(runDir, identityOf(runDir, ckpt)));
            WindowSpec window = snapshotWindow(file, cache);
            int buckets = cache.metadata().path("identity_inputs").path("id_buckets").asInt();
            CanIdVocabulary vocab = cache.vocabulary();
            FeatureScaler scaler = cache.scaler();
            double threshold = ckpt.threshold();
            if (Double.isNaN(threshold)) {
                throw GraphidsException.usage(file + ": the checkpoint holds no validation threshold (a last.safetensors "
                        + "of an unfinished fit?); use best_model.safetensors or pass --threshold");
            }
            DetectorSpec.ModelLoader loader = ckpt.modelType().equals(RateBaseline.MODEL) ? null : ckpt::model;
            return new DetectorSpec(ckpt.modelType(), window, vocab, scaler, buckets, clip, threshold, loader, file,
                    runDir, null);
        } catch (IOException e) {
            throw GraphidsException.environment(runDir + ": cannot read the run's config or graph cache: "
                    + e.getMessage(), e);
        }
    }

    private static String identityOf(Path runDir, Checkpoint ckpt) {
        String identity = ckpt.metadata().get(Checkpoint.CACHE_IDENTITY);
        if (identity == null || identity.isEmpty()) {
            throw GraphidsException.usage(ckpt.metadata().getOrDefault("run", runDir.toString())
                    + ": the checkpoint does not name the graph cache it was trained on (no cache_identity)");
        }
        return identity;
    }

    private static WindowSpec snapshotWindow(Path file, GraphCache cache) {
        JsonNode repr = cache.metadata().path("identity_inputs").path("representation");
        if (!"snapshot".equals(repr.path("kind").asText())) {
            throw GraphidsException.usage(file + ": trained on a " + repr.path("kind").asText()
                    + " cache; detect scores snapshot windows only");
        }
        return new WindowSpec(repr.path("window_size").asInt(), repr.path("stride").asInt());
    }

    /**
     * A fuser's checkpoint: the extract run it was fit on (its {@code states_dir}) names the upstream GAT and VGAE
     * checkpoints (each must still have the digest the extract recorded), the graph cache and the feature clip; the
     * threshold is the test stage's, chosen again on the fusion_val states by the same rule.
     */
    private static DetectorSpec fusion(Path file, Path runDir, Checkpoint ckpt) {
        String states = ckpt.metadata().get(FusionCheckpoint.STATES_DIR);
        if (states == null) {
            throw GraphidsException.usage(file + ": the fuser's checkpoint does not name the extract run it was fit on "
                    + "(no states_dir)");
        }
        Path dir = StateFiles.resolveDir(Path.of(states));
        JsonNode manifest = StateFiles.readManifest(dir);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, List<DetectorSpec.ModelLoader>> upstream = new LinkedHashMap<>();
            Map<String, List<Path>> files = new LinkedHashMap<>();
            for (String key : List.of("gat", "vgae")) { // the fusion state's models (DGI is not part of it)
                JsonNode up = manifest.path("checkpoints").path(key);
                List<DetectorSpec.ModelLoader> loaders = new ArrayList<>();
                List<Path> paths = new ArrayList<>();
                for (JsonNode member : UpstreamDescriptions.members(up)) {
                    Path path = Path.of(member.path("path").asText());
                    Checkpoint c = Checkpoint.open(path, ModelRegistry.types());
                    if (!c.sha256().equals(member.path("sha256").asText())) {
                        throw GraphidsException.usage(path + ": changed since the extract run " + dir + " read it "
                                + "(sha256 differs); the fuser " + file + " was fit on the old model's features");
                    }
                    loaders.add(c::model);
                    paths.add(path);
                }
                upstream.put(key, loaders);
                files.put(key, paths);
            }
            GraphCache cache = GraphCache.open(findCache(runDir, manifest.path("cache_identity").asText()));
            FusionCheckpoint.Loaded loaded = FusionCheckpoint.load(file, m);
            double threshold;
            String method;
            try (FusionModel fuser = loaded.model()) {
                method = fuser.config().method();
                FusionStates val = StateFiles.read(dir, StateFiles.FUSION_VAL);
                threshold = FusionModels.evaluator(val.asSplitData(SplitRef.val())
                        .withScores(fuser.predict(FusionData.of(val)).score()), fuser.config()).threshold();
            }
            double clip = manifest.path("settings").path("feature_clip").asDouble(10.0);
            DetectorSpec.FusionParts parts = new DetectorSpec.FusionParts(upstream,
                    parent -> FusionCheckpoint.load(file, parent).model(), files);
            return new DetectorSpec(FusionConfig.TYPE + "/" + method, snapshotWindow(file, cache), cache.vocabulary(),
                    cache.scaler(), cache.metadata().path("identity_inputs").path("id_buckets").asInt(), clip,
                    threshold, null, file, runDir, parts);
        } catch (IOException e) {
            throw GraphidsException.environment(dir + ": cannot read the fusion states or graph cache: "
                    + e.getMessage(), e);
        }
    }

    /** The complete cache directory named {@code …_{identity}} under the run's lake ({@code {lake}/cache}). */
    private static Path findCache(Path runDir, String identity) throws IOException {
        // runDir = {lake}/runs/{dataset}/{experiment}/{run}
        Path lake = runDir.getParent().getParent().getParent().getParent();
        Path cacheRoot = lake.resolve("cache");
        List<Path> hits;
        try (Stream<Path> s = Files.exists(cacheRoot) ? Files.find(cacheRoot, 4, (p, a) -> a.isDirectory()
                && p.getFileName().toString().endsWith("_" + identity)
                && Files.isRegularFile(p.resolve(GraphCache.COMPLETE))) : Stream.empty()) {
            hits = s.toList();
        }
        if (hits.isEmpty()) {
            throw GraphidsException.environment("the graph cache " + identity + " the checkpoint was trained on is "
                    + "not under " + cacheRoot + " (its vocabulary and scaler are needed); rebuild it with the fit "
                    + "run's data config (graphids data cache ...) or detect with an exported bundle");
        }
        return hits.get(0);
    }
}
