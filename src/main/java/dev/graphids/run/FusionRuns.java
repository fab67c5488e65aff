package dev.graphids.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.Evaluation;
import dev.graphids.eval.EvaluationReport;
import dev.graphids.eval.Evaluator;
import dev.graphids.eval.LabelledScores;
import dev.graphids.eval.OperatingPoints;
import dev.graphids.eval.PredictionWriter;
import dev.graphids.eval.ScoredSplit;
import dev.graphids.eval.SplitRef;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.fusion.DecisionRule;
import dev.graphids.fusion.FusionCheckpoint;
import dev.graphids.fusion.FusionConfig;
import dev.graphids.fusion.FusionData;
import dev.graphids.fusion.FusionModel;
import dev.graphids.fusion.FusionModels;
import dev.graphids.fusion.FusionOutput;
import dev.graphids.fusion.FusionTrainer;
import dev.graphids.fusion.state.FusionStates;
import dev.graphids.fusion.state.StateFiles;
import dev.graphids.io.Digests;
import dev.graphids.model.Adam;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import dev.graphids.track.FolderSummary;
import dev.graphids.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fit and test stages of fusers: the same checkpoint bundle, per-epoch metrics, evaluation, predictions and
 * plots as graph models, on the state files of an extract run. The decision is the fusion rule
 * ({@link DecisionRule}: fused score &gt; 0.5) at training and evaluation time alike for RL fusers (models.md
 * Decision 3); supervised fusers and every operating point are thresholded on fusion-val. Predictions carry the
 * per-window columns {@code gat_prob} and, for fusers that blend, {@code alpha} and {@code anomaly} (docs/fusion.md).
 */
final class FusionRuns {

    private FusionRuns() {
    }

    static StageResult fit(StageContext ctx) throws Exception {
        FusionRunConfig cfg = (FusionRunConfig) ctx.spec().stage();
        if (cfg.ckptPath() != null) {
            throw GraphidsException.usage("config.ckpt_path: fusers are fit from scratch (they train in seconds to "
                    + "minutes); remove the key");
        }
        ModelRuns.refuseStreamCalibration(cfg.streamCalibration());
        long seed = cfg.seedEverything() != null ? cfg.seedEverything() : ctx.spec().config().seed();
        Path dir = StateFiles.resolveDir(ctx.inLake(cfg.states()));
        JsonNode manifest = StateFiles.readManifest(dir);
        requireDataset(ctx, manifest, dir);
        FusionStates trainStates = StateFiles.read(dir, StateFiles.FUSION_TRAIN);
        FusionStates valStates = StateFiles.read(dir, StateFiles.FUSION_VAL);
        if (trainStates.size() == 0 || valStates.size() == 0) {
            throw GraphidsException.usage(dir + ": fusion-train has " + trainStates.size() + " and fusion-val "
                    + valStates.size() + " graphs; fitting a fuser needs both (more validation graphs upstream)");
        }
        FusionData train = FusionData.of(trainStates);
        FusionData val = FusionData.of(valStates);
        Files.createDirectories(ctx.paths().checkpoints());
        Map<String, String> meta = metadata(ctx, dir, manifest, cfg.model());
        preflight(ctx);
        Engines.seed(seed);
        try (NDManager root = NDManager.newBaseManager()) {
            Trainer.Result result;
            long start = System.nanoTime();
            try (FusionModel model = FusionModels.create(cfg.model(), root, seed);
                 Adam adam = model.newOptimizer(cfg.trainer().gradientClipVal())) {
                ctx.log().printf("graphids: fitting fusion %s (%,d parameters) on %,d fusion-train graphs, "
                        + "validating on %,d%n", cfg.model().method(), model.parameterCount(), train.size(),
                        val.size());
                result = new FusionTrainer(cfg.trainer(), seed, ctx.paths().checkpoints(), meta).fit(model, adam,
                        train, val, (epoch, m) -> {
                            ctx.metrics().log(m, epoch);
                            ctx.log().printf("epoch %3d  train_loss %.4f  val_loss %.4f  val_auroc %.4f  val_acc %.4f"
                                    + "  (%.1f s)%n", epoch, m.get("train_loss"), m.get("val_loss"),
                                    m.get("val_auroc"), m.get("val_acc"), m.get("epoch_seconds"));
                            ctx.log().flush();
                        });
            }
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            if (result.state().bestEpoch() < 0) {
                throw GraphidsException.usage("no epoch produced a finite " + result.monitor() + "; nothing to keep");
            }
            FusionCheckpoint.Loaded best = FusionCheckpoint.load(result.best(), root);
            try (FusionModel model = best.model()) {
                FusionOutput valOut = model.predict(val);
                LabelledScores valScores = valStates.asSplitData(SplitRef.val()).withScores(valOut.score());
                Evaluator evaluator = FusionModels.evaluator(valScores, cfg.model());
                String model0 = FusionConfig.TYPE + "/" + cfg.model().method();
                PredictionWriter writer = writer(ctx, model0, dir, cfg.model(), null);
                write(writer, trainStates, SplitRef.train(), model.predict(train), evaluator.threshold());
                write(writer, valStates, SplitRef.val(), valOut, evaluator.threshold());
                EvaluationPlots.afterFit(ctx, model0, result.state(), valScores, evaluator.threshold());
                Map<String, Double> metrics = new LinkedHashMap<>();
                evaluator.evaluate("val", valScores).metrics().forEach((k, v) -> metrics.put("val_"
                        + k.replace('/', '_'), v));
                metrics.put("epochs_run", (double) result.state().epochsDone());
                metrics.put("best_epoch", (double) result.state().bestEpoch());
                metrics.put("fit_seconds", fitSeconds);
                metrics.put("parameter_count", (double) model.parameterCount());
                String digest = Digests.sha256(result.best());
                ctx.tags().set(Map.of("graphids.best_ckpt_path", result.best().toString(), "graphids.ckpt_sha256",
                        digest, "graphids.model", model0));
                Map<String, Object> details = ModelRuns.fitDetails(model0, result, digest, evaluator.threshold());
                details.put("states_dir", dir.toString());
                return new StageResult(details, metrics);
            }
        }
    }

    static StageResult test(StageContext ctx) throws Exception {
        FusionRunConfig cfg = (FusionRunConfig) ctx.spec().stage();
        if (cfg.ckptPath() == null) {
            throw GraphidsException.usage("config.ckpt_path: a test run needs the fuser's checkpoint (for example "
                    + "{fit run}/checkpoints/best_model.safetensors)");
        }
        Path ckptPath = ctx.inLake(cfg.ckptPath());
        Path dir = StateFiles.resolveDir(ctx.inLake(cfg.states()));
        JsonNode manifest = StateFiles.readManifest(dir);
        requireDataset(ctx, manifest, dir);
        List<String> folders = StateFiles.testSplits(manifest);
        if (folders.isEmpty()) {
            throw GraphidsException.usage(dir + ": the extract run has no test folder to test on");
        }
        preflight(ctx);
        try (NDManager root = NDManager.newBaseManager()) {
            FusionCheckpoint.Loaded loaded = FusionCheckpoint.load(ckptPath, root);
            String trainedOn = loaded.metadata().get(FusionCheckpoint.STATES_IDENTITY);
            String now = manifest.path("cache_identity").asText();
            if (trainedOn != null && !trainedOn.equals(now)) {
                throw GraphidsException.usage("config.states: the fuser was fit on states of graph cache " + trainedOn
                        + " but " + dir + " holds states of cache " + now + "; test on states of the same data");
            }
            try (FusionModel model = loaded.model()) {
                if (!model.config().method().equals(cfg.model().method())) {
                    throw GraphidsException.usage("config.model.method: " + cfg.model().method() + ", but "
                            + ckptPath + " holds a " + model.config().method() + " fuser");
                }
                String name = FusionConfig.TYPE + "/" + model.config().method();
                StreamCalibration calibration = streamCalibration(cfg, model.config());
                boolean perInput = calibration != null && cfg.streamCalibration().perInput();
                FusionStates valStates = StateFiles.read(dir, StateFiles.FUSION_VAL);
                FusionOutput valOut = scores(model, calibration, perInput, name, valStates, SplitRef.val());
                LabelledScores valScores = valStates.asSplitData(SplitRef.val()).withScores(valOut.score());
                Evaluator evaluator = FusionModels.evaluator(valScores, model.config());
                PredictionWriter writer = writer(ctx, name, dir, model.config(),
                        calibration == null ? null : ModelRuns.describe(calibration, perInput));
                Map<String, LabelledScores> tests = new LinkedHashMap<>();
                for (String folder : folders) {
                    FusionStates s = StateFiles.read(dir, folder);
                    FusionOutput out = scores(model, calibration, perInput, name, s, SplitRef.test(folder));
                    ScoredSplit scored = write(writer, s, SplitRef.test(folder), out, evaluator.threshold());
                    tests.put(folder, scored.labelled());
                }
                Map<String, Evaluation> perFolder = new LinkedHashMap<>();
                tests.forEach((f, s) -> perFolder.put(f, evaluator.evaluate(f, s)));
                EvaluationReport report = new EvaluationReport(evaluator, evaluator.evaluate("val", valScores),
                        perFolder, evaluator.evaluate(EvaluationReport.POOLED,
                        LabelledScores.concat(new ArrayList<>(tests.values()))));
                EvaluationPlots.afterTest(ctx, name, tests, report.threshold());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("stage", "test");
                details.put("model", name);
                details.put("ckpt_path", ckptPath.toString());
                details.put("threshold", report.threshold());
                details.put("states_dir", dir.toString());
                Map<String, Object> summary = new LinkedHashMap<>();
                report.tests().forEach((folder, e) -> summary.put(folder, Map.of("auroc", e.auroc(), "f1",
                        e.metrics().getOrDefault("f1", Double.NaN), "samples", e.samples())));
                details.put("tests", summary);
                ctx.tags().set(Map.of("graphids.model", name, "graphids.ckpt_path", ckptPath.toString()));
                if (model.config().inputs() != null) {
                    ctx.tags().set(Map.of(FolderSummary.FUSION_INPUTS_TAG, String.join(",", model.config().inputs())));
                }
                if (calibration != null) {
                    ModelRuns.recordStreamCalibration(ctx, calibration, perInput, details);
                }
                return new StageResult(details, report.metrics());
            }
        }
    }

    private static PredictionWriter writer(StageContext ctx, String model, Path dir, FusionConfig config,
                                           String calibration) {
        Map<String, String> meta = new LinkedHashMap<>(Map.of(FusionCheckpoint.STATES_DIR, dir.toString(), "fusion_decision_rule",
                decisionRule(config)));
        if (calibration != null) {
            meta.put("stream_calibration", calibration);
        }
        return new PredictionWriter(ctx.paths().predictions(), model, meta);
    }

    /**
     * The test run's stream calibration, or null. RL fusers decide by their fixed rule (fused &gt; 0.5), which a
     * shifted score would break, so only fusers whose threshold is chosen on fusion_val take one.
     */
    private static StreamCalibration streamCalibration(FusionRunConfig cfg, FusionConfig model) {
        if (cfg.streamCalibration() == null) {
            return null;
        }
        if (model.isRl()) {
            throw GraphidsException.usage("config.stream_calibration: " + model.method() + " decides by its rule "
                    + "fused > 0.5, which calibrated scores would break; it applies to weighted_avg, mlp, moe and "
                    + "max_sigma");
        }
        return cfg.streamCalibration().calibration();
    }

    /**
     * The fuser's outputs on a split: as they are, with the score made relative to each capture's running level (α
     * and the anomaly stay as they are), or with each input made relative to it before the fuser combines them.
     */
    private static FusionOutput scores(FusionModel model, StreamCalibration calibration, boolean perInput,
                                       String name, FusionStates s, SplitRef ref) {
        FusionData data = FusionData.of(s);
        if (calibration == null) {
            return model.predict(data);
        }
        if (perInput) {
            return model.predictRelativeToStreams(data, s.asSplitData(ref), calibration);
        }
        FusionOutput out = model.predict(data);
        double[] score = calibration.apply(new ScoredSplit(s.asSplitData(ref), out.score()), name).scores();
        return new FusionOutput(score, out.alpha(), out.anomaly());
    }

    private static String decisionRule(FusionConfig config) {
        return config.isRl() ? "fused = (1 - alpha) * anomaly + alpha * gat_prob > 0.5; score = fused"
                : "score >= threshold chosen on fusion_val (best F1)";
    }

    /** Writes one split's predictions with the fusion columns; returns the scored split. */
    private static ScoredSplit write(PredictionWriter writer, FusionStates s, SplitRef ref, FusionOutput out,
                                     double threshold) throws IOException {
        ScoredSplit scored = new ScoredSplit(s.asSplitData(ref), out.score());
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("gat_prob", s.gatProb());
        if (out.alpha() != null) {
            columns.put("alpha", out.alpha());
            columns.put("anomaly", out.anomaly());
        }
        writer.write(scored, threshold, columns);
        return scored;
    }

    private static Map<String, String> metadata(StageContext ctx, Path dir, JsonNode manifest, FusionConfig cfg)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FusionCheckpoint.STATES_DIR, dir.toString());
        meta.put(FusionCheckpoint.STATES_IDENTITY, manifest.path("cache_identity").asText());
        meta.put("states_manifest_sha256", Digests.sha256(dir.resolve(StateFiles.MANIFEST)));
        meta.put("run", ctx.paths().runDir().toString());
        meta.put("decision_rule", decisionRule(cfg));
        return meta;
    }

    private static void requireDataset(StageContext ctx, JsonNode manifest, Path dir) {
        String dataset = manifest.path("dataset").asText();
        if (!dataset.equals(ctx.spec().config().dataset())) {
            throw GraphidsException.usage("config.states: " + dir + " holds states of dataset '" + dataset
                    + "', this run's dataset is '" + ctx.spec().config().dataset() + "'");
        }
    }


    private static void preflight(StageContext ctx) {
        Engines.preflight(ctx.spec().config().resources().accelerator() == ResourceConfig.Accelerator.GPU
                ? Accelerator.GPU : Accelerator.CPU, ctx.threads());
    }
}
