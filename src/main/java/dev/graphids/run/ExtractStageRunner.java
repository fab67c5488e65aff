package dev.graphids.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.cache.GraphCache;
import dev.graphids.error.GraphidsException;
import dev.graphids.fusion.state.FusionExtractor;
import dev.graphids.fusion.state.StateFiles;
import dev.graphids.fusion.state.UpstreamDescriptions;
import dev.graphids.model.GraphModel;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import dev.graphids.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code extract} stage: loads the upstream checkpoints (which must have been fit on this run's graph cache),
 * computes the fusion state of fusion-train, fusion-val and every test folder into {@code {run}/states/} and writes
 * the manifest last. Several GAT checkpoints are an ensemble: the manifest lists them under {@code gat.ensemble}.
 */
final class ExtractStageRunner implements StageRunner {
    @Override
    public StageResult run(StageContext ctx) throws Exception {
        ExtractRunConfig cfg = (ExtractRunConfig) ctx.spec().stage();
        GraphCache cache = CacheStageRunner.ensureCache(ctx, cfg.data()).cache();
        String identity = cache.metadata().path("identity").asText();
        Engines.preflight(ctx.spec().config().resources().accelerator() == ResourceConfig.Accelerator.GPU
                ? Accelerator.GPU : Accelerator.CPU, ctx.threads());
        Engines.seed(cfg.seedEverything() != null ? cfg.seedEverything() : ctx.spec().config().seed());
        ObjectNode manifest = FusionExtractor.manifestBase();
        manifest.put("dataset", ctx.spec().config().dataset());
        manifest.put("cache_identity", identity);
        manifest.put("cache_dir", cache.dir().toString());
        ObjectNode sources = manifest.putObject("checkpoints");
        Path dir = ctx.paths().runDir().resolve("states");
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(StateFiles.MANIFEST)); // a re-run is unfinished until its manifest is back
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, List<GraphModel>> models = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, List<String>> e : cfg.checkpoints().entrySet()) {
                    List<GraphModel> members = new ArrayList<>();
                    models.put(e.getKey(), members);
                    List<ObjectNode> described = new ArrayList<>();
                    for (String p : e.getValue()) {
                        Path path = ctx.inLake(p);
                        Checkpoint ckpt = open(path, e.getKey(), identity);
                        members.add(ckpt.model(root));
                        described.add(manifest.objectNode().put("path", path.toAbsolutePath().toString())
                                .put("sha256", ckpt.sha256()).put("model_type", ckpt.modelType())
                                .put("run", ckpt.metadata().getOrDefault("run", ""))
                                .put("hyper_parameters", ckpt.metadata().get("hyper_parameters")));
                    }
                    UpstreamDescriptions.put(sources, e.getKey(), described);
                }
                ObjectNode settings = manifest.putObject("settings");
                settings.put("max_samples", cfg.maxSamples());
                settings.put("max_val_samples", cfg.maxValSamples());
                settings.put("fusion_val_fraction", cfg.fusionValFraction());
                settings.put("batch_size", cfg.batchSize());
                settings.put("feature_clip", cfg.data().featureClip());
                Map<String, ObjectNode> splits = new FusionExtractor(cache, models, new FusionExtractor.Settings(
                        cfg.maxSamples(), cfg.maxValSamples(), cfg.batchSize(), cfg.fusionValFraction(),
                        cfg.data().featureClip()), ctx.log()).extract(dir);
                ObjectNode splitNode = manifest.putObject("splits");
                splits.forEach(splitNode::set);
                var tests = manifest.putArray("tests");
                splits.keySet().stream().filter(k -> !k.startsWith("fusion_")).forEach(tests::add);
                StateFiles.writeManifest(dir, manifest);
                Map<String, Double> metrics = new LinkedHashMap<>();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("stage", "extract");
                details.put("states_dir", dir.toString());
                Map<String, Object> counts = new LinkedHashMap<>();
                splits.forEach((k, v) -> {
                    metrics.put("extract/" + k + "/samples", v.get("count").asDouble());
                    metrics.put("extract/" + k + "/attack_samples", v.get("attack").asDouble());
                    counts.put(k, v.get("count").asInt());
                });
                details.put("splits", counts);
                ctx.tags().set(Map.of("graphids.states_dir", dir.toString()));
                return new StageResult(details, metrics);
            } finally {
                models.values().forEach(ms -> ms.forEach(GraphModel::close));
            }
        }
    }

    /** A checkpoint of the expected model type, fit on this run's graph cache. */
    private static Checkpoint open(Path path, String key, String identity) {
        Checkpoint ckpt = Checkpoint.open(path, ModelChoice.types());
        if (!ckpt.modelType().equals(key)) {
            throw GraphidsException.usage("config.checkpoints." + key + ": " + path + " holds a " + ckpt.modelType()
                    + " model, expected " + key);
        }
        String trained = ckpt.metadata().get(Checkpoint.CACHE_IDENTITY);
        if (!identity.equals(trained)) {
            throw GraphidsException.usage("config.checkpoints." + key + ": " + path + " was fit on graph cache "
                    + trained + " but this run's data gives cache " + identity + "; all upstream checkpoints and the "
                    + "extract run must use the same config.data");
        }
        return ckpt;
    }
}
