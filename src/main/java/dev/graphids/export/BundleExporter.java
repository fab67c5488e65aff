package dev.graphids.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.detect.DetectorSpec;
import dev.graphids.detect.ModelBundle;
import dev.graphids.fusion.state.UpstreamDescriptions;
import dev.graphids.detect.RunCheckpoints;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Digests;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import dev.graphids.fusion.FusionCheckpoint;
import dev.graphids.train.Checkpoint;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Exports a run's checkpoint as a model bundle ({@link ModelBundle}): the weights are copied tensor by tensor from
 * the checkpoint (no model is built, no libtorch loaded), the rest comes from the run and its graph cache. The bundle
 * is written into a hidden sibling directory and renamed into place once complete, replacing an older export, so a
 * directory named like a bundle is always a whole one.
 */
public final class BundleExporter {
    private BundleExporter() {
    }

    /** What an export produced. */
    public record Result(Path dir, String modelType, double threshold, boolean withMetrics, Map<String, String> sha256) {
    }

    /** {@code {lake}/exports/{dataset}/{experiment}/{run}} for the run a checkpoint belongs to. */
    public static Path defaultDir(Lake lake, Path runDir) {
        Path r = runDir.toAbsolutePath().normalize();
        return lake.root().resolve("exports").resolve(r.getParent().getParent().getFileName().toString())
                .resolve(r.getParent().getFileName().toString()).resolve(r.getFileName().toString());
    }

    /**
     * Exports {@code source} (a run directory or a checkpoint inside one) to {@code out}, or to
     * {@link #defaultDir} when {@code out} is null.
     */
    public static Result export(Lake lake, Path source, Path out) throws IOException {
        Path ckpt = RunCheckpoints.checkpointOf(source).toAbsolutePath().normalize();
        DetectorSpec spec = RunCheckpoints.read(ckpt);
        Path dir = (out != null ? out : defaultDir(lake, spec.runDir())).toAbsolutePath().normalize();
        lake.requireWritable("export " + ckpt);
        Files.createDirectories(dir.getParent());
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectories(tmp);
        try {
            Safetensors.MappedFile file = Safetensors.map(ckpt);
            Map<String, String> meta = file.metadata();
            boolean weights = !spec.isRate();
            if (weights) {
                writeWeights(file, tmp.resolve(ModelBundle.WEIGHTS), spec.modelType());
            }
            ObjectNode config = config(spec, meta, ckpt);
            List<String> upstreamFiles = new ArrayList<>();
            if (spec.fusion() != null) {
                // A fuser travels with its upstream models: their weights beside its own, their settings in config.
                ObjectNode upstream = config.putObject("upstream");
                for (Map.Entry<String, List<Path>> e : spec.fusion().checkpoints().entrySet()) {
                    List<Path> members = e.getValue();
                    List<ObjectNode> described = new ArrayList<>();
                    for (int k = 0; k < members.size(); k++) {
                        String name = ModelBundle.upstreamWeights(e.getKey(), k);
                        Safetensors.MappedFile up = Safetensors.map(members.get(k));
                        writeWeights(up, tmp.resolve(name), e.getKey());
                        described.add(ModelBundle.JSON.createObjectNode()
                                .put("model_type", up.metadata().get("model_type"))
                                .put("weights", name).put("checkpoint_sha256", Digests.sha256(members.get(k)))
                                .<ObjectNode>set("hyper_parameters", ModelBundle.JSON.readTree(up.metadata()
                                        .get("hyper_parameters")))
                                .set("data_dims", ModelBundle.JSON.readTree(up.metadata().get("data_dims"))));
                        upstreamFiles.add(name);
                    }
                    UpstreamDescriptions.put(upstream, e.getKey(), described);
                }
            }
            Optional<ObjectNode> metrics = TestRunMetrics.find(spec.runDir().getParent().getParent(), ckpt);
            var pretty = ModelBundle.JSON.writer().with(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(tmp.resolve(ModelBundle.CONFIG), pretty.writeValueAsString(config) + "\n");
            AtomicFiles.writeString(tmp.resolve(ModelBundle.VOCAB), spec.vocabulary().toJson());
            AtomicFiles.writeString(tmp.resolve(ModelBundle.SCALER), pretty.writeValueAsString(spec.scaler()) + "\n");
            if (metrics.isPresent()) {
                AtomicFiles.writeString(tmp.resolve(ModelBundle.METRICS),
                        pretty.writeValueAsString(metrics.get()) + "\n");
            }
            AtomicFiles.writeString(tmp.resolve(ModelBundle.CARD), ModelCard.render(config, metrics.orElse(null),
                    weights));
            Map<String, String> sums = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(List.of(ModelBundle.CONFIG, ModelBundle.VOCAB, ModelBundle.SCALER,
                    ModelBundle.CARD));
            if (weights) {
                names.add(0, ModelBundle.WEIGHTS);
            }
            names.addAll(1, upstreamFiles);
            if (metrics.isPresent()) {
                names.add(ModelBundle.METRICS);
            }
            StringBuilder text = new StringBuilder();
            for (String n : names) {
                String d = Digests.sha256(tmp.resolve(n));
                sums.put(n, d);
                text.append(d).append("  ").append(n).append('\n');
            }
            AtomicFiles.writeString(tmp.resolve(ModelBundle.SUMS), text.toString());
            replace(tmp, dir);
            return new Result(dir, spec.modelType(), spec.threshold(), metrics.isPresent(), sums);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The checkpoint's {@code model/…} tensors under their own names, with the metadata Hugging Face expects. */
    private static void writeWeights(Safetensors.MappedFile file, Path target, String type) throws IOException {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (String name : file.names()) {
            if (name.startsWith("model/")) {
                tensors.add(Safetensors.Tensor.f32(name.substring("model/".length()), file.floatArray(name),
                        file.shape(name)));
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("graphids_model_type", type);
        Safetensors.write(target, tensors, meta);
    }

    private static ObjectNode config(DetectorSpec spec, Map<String, String> meta, Path ckpt) throws IOException {
        ObjectNode c = ModelBundle.JSON.createObjectNode();
        c.put("format", ModelBundle.FORMAT);
        c.put("format_version", ModelBundle.FORMAT_VERSION);
        c.put("model_type", spec.modelType());
        c.set("hyper_parameters", ModelBundle.JSON.readTree(meta.get("hyper_parameters")));
        if (meta.containsKey("data_dims")) {
            c.set("data_dims", ModelBundle.JSON.readTree(meta.get("data_dims")));
        }
        ObjectNode repr = c.putObject("representation");
        repr.put("kind", "snapshot");
        repr.put("window_size", spec.window().size());
        repr.put("stride", spec.window().stride());
        c.put("node_features", dev.graphids.tensor.HostGraph.NODE_FEATURES);
        c.put("edge_features", dev.graphids.tensor.HostGraph.EDGE_FEATURES);
        c.put("id_buckets", spec.idBuckets());
        c.put("feature_clip", spec.featureClip());
        c.put("threshold", spec.threshold());
        c.put("score", spec.isRate() ? "-(window time span, s)" : spec.modelType().equals("gat") ? "p(attack)"
                : spec.fusion() != null ? "fused score" : "calibrated anomaly score");
        ObjectNode src = c.putObject("source");
        Path run = spec.runDir();
        src.put("dataset", run.getParent().getParent().getFileName().toString());
        src.put("experiment", run.getParent().getFileName().toString());
        src.put("run", run.getFileName().toString());
        src.put("checkpoint", ckpt.getFileName().toString());
        src.put("checkpoint_sha256", Digests.sha256(ckpt));
        src.put("cache_identity", meta.getOrDefault(Checkpoint.CACHE_IDENTITY,
                meta.getOrDefault(FusionCheckpoint.STATES_IDENTITY, "")));
        JsonNode state = ModelBundle.JSON.readTree(meta.getOrDefault("trainer_state", "{}"));
        if (state.has("bestEpoch") || state.has("best_epoch")) {
            src.set("best_epoch", state.has("best_epoch") ? state.get("best_epoch") : state.get("bestEpoch"));
        }
        return c;
    }

    private static void replace(Path tmp, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + ProcessHandle.current().pid());
            deleteTree(old);
            Files.move(dir, old);
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir);
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
