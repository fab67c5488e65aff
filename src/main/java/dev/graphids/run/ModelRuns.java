package dev.graphids.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.Split;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.EvaluationReport;
import dev.graphids.eval.Evaluator;
import dev.graphids.eval.LabelledScores;
import dev.graphids.eval.PredictionWriter;
import dev.graphids.eval.ScoredSplit;
import dev.graphids.eval.SplitData;
import dev.graphids.eval.SplitReader;
import dev.graphids.eval.SplitRef;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.io.Digests;
import dev.graphids.model.Adam;
import dev.graphids.model.DataDims;
import dev.graphids.model.GraphModel;
import dev.graphids.model.ModelRegistry;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.rate.RateBaseline;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.Engines;
import dev.graphids.track.FolderSummary;
import dev.graphids.track.ModelComparison;
import dev.graphids.train.Checkpoint;
import dev.graphids.train.Curriculum;
import dev.graphids.train.Scoring;
import dev.graphids.train.Trainer;
import dev.graphids.train.TrainerState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of the fit and test stages, for graph models (trained with the {@link Trainer}) and for the rate
 * baseline (nothing to learn but its threshold). Both end the same way: a self-describing checkpoint, scores and
 * predictions per split, metrics under the names of {@code eval.MetricNames}, the threshold chosen on validation.
 */
final class ModelRuns {
    private ModelRuns() {
    }

    // ---------------------------------------------------------------- fit

    static StageResult fit(StageContext ctx, GraphCache cache, FitRunConfig fit, long seed) throws Exception {
        ModelChoice choice = fit.modelChoice();
        refuseStreamCalibration(fit.streamCalibration());
        Files.createDirectories(ctx.paths().checkpoints());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(Checkpoint.CACHE_IDENTITY, cache.metadata().path("identity").asText());
        meta.put("run", ctx.paths().runDir().toString());
        if (choice.isRate()) {
            if (fit.ckptPath() != null) {
                throw GraphidsException.usage("config.ckpt_path: the rate baseline has no training to resume from "
                        + fit.ckptPath() + "; remove the key");
            }
            return fitRate(ctx, cache, meta);
        }
        Engines.preflight(accelerator(ctx), ctx.threads());
        Engines.seed(seed);
        try (NDManager root = NDManager.newBaseManager()) {
            GraphModel model;
            Adam adam;
            TrainerState state;
            if (fit.ckptPath() != null) {
                Checkpoint resume = Checkpoint.open(ctx.inLake(fit.ckptPath()), ModelChoice.types());
                resume.requireTrainedOn(cache, "config.ckpt_path");
                model = resume.model(root);
                adam = model.newOptimizer(fit.trainer().gradientClipVal());
                adam.loadState(resume.optimizerState());
                state = resume.trainerState();
                ctx.log().println("graphids: resuming from " + fit.ckptPath() + " after epoch "
                        + (state.epochsDone() - 1));
            } else {
                model = ModelRegistry.create(choice.graphModel(), DataDims.of(cache), root, seed);
                adam = model.newOptimizer(fit.trainer().gradientClipVal());
                state = TrainerState.initial();
            }
            boolean classifier = Scoring.isClassifier(model);
            double clip = fit.data().featureClip();
            BatchLoader train = loader(cache, classifier ? BatchLoader.Selection.of(Split.TRAIN)
                    : BatchLoader.Selection.of(Split.TRAIN).benign(), clip);
            BatchLoader val = loader(cache, BatchLoader.Selection.of(Split.VAL), clip);
            BatchLoader valBenign = loader(cache, BatchLoader.Selection.of(Split.VAL).benign(), clip);
            requireSequenceSupport(model, train.sequenceLength());
            if (train.size() == 0 || val.size() == 0) {
                throw GraphidsException.usage("the cache " + cache.dir() + " has " + train.size() + " training and "
                        + val.size() + " validation graphs; fit needs both (check val_fraction)");
            }
            ctx.log().printf("graphids: fitting %s (%,d parameters without ID tables) on %,d training graphs, "
                    + "validating on %,d%n", model.type(), model.parameterCountWithoutIdTables(), train.size(),
                    val.size());
            GraphModel teacher = StudentAndCurriculum.attachTeacher(ctx.lake().root(), fit, model, cache, root, seed, meta);
            Curriculum curriculum = StudentAndCurriculum.curriculum(ctx.lake().root(), fit, classifier, train, cache, root, seed, meta);
            if (teacher != null) {
                ctx.log().printf("graphids: distilling from a %s teacher (%,d parameters without ID tables)%n",
                        teacher.type(), teacher.parameterCountWithoutIdTables());
            }
            long start = System.nanoTime();
            Trainer.Result result = new Trainer(fit.trainer(), seed, ctx.paths().checkpoints(), meta)
                    .withCurriculum(curriculum).fit(model, adam, state, new Trainer.Data(train, val, valBenign),
                            new EpochProgress(ctx));
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            model.close();
            adam.close();
            if (teacher != null) {
                teacher.close();
            }
            if (result.state().bestEpoch() < 0) {
                throw GraphidsException.usage("no epoch produced a finite " + result.monitor() + "; nothing to keep");
            }
            // The best weights, calibrated and thresholded on validation, become the checkpoint the test stage uses.
            Checkpoint bestCkpt = Checkpoint.open(result.best(), ModelChoice.types());
            try (GraphModel best = bestCkpt.model(root); Adam bestAdam = best.newOptimizer(0)) {
                bestAdam.loadState(bestCkpt.optimizerState());
                Scoring.calibrate(best, valBenign);
                Scored scored = scoreSplits(best, cache, List.of(SplitRef.train(), SplitRef.val()), clip);
                Evaluator evaluator = Evaluator.chooseOnValidation(scored.val().labelled());
                meta.put("monitor", result.monitor());
                meta.put("threshold", Double.toString(evaluator.threshold()));
                Checkpoint.save(result.best(), best, bestAdam, bestCkpt.trainerState(), meta);
                writePredictions(ctx, best.type(), scored.all(), evaluator.threshold());
                EvaluationPlots.afterFit(ctx, best.type(), result.state(), scored.val().labelled(),
                        evaluator.threshold());
                Map<String, Double> metrics = new LinkedHashMap<>(prefixed("val_",
                        evaluator.evaluate("val", scored.val().labelled()).metrics()));
                metrics.put("epochs_run", (double) result.state().epochsDone());
                metrics.put("best_epoch", (double) result.state().bestEpoch());
                metrics.put("fit_seconds", fitSeconds);
                metrics.put("peak_heap_mb", peakHeapMb());
                String digest = Digests.sha256(result.best());
                ctx.tags().set(Map.of("graphids.best_ckpt_path", result.best().toString(),
                        "graphids.ckpt_sha256", digest, "graphids.epochs_run",
                        Integer.toString(result.state().epochsDone()), "graphids.model", best.type()));
                Map<String, Object> details = fitDetails(best.type(), result, digest, evaluator.threshold());
                details.put("parameters", best.parameterCountWithoutIdTables());
                if (meta.containsKey("teacher_ckpt")) {
                    details.put("teacher_ckpt", meta.get("teacher_ckpt"));
                    details.put("teacher_parameters", Long.parseLong(meta.get("teacher_parameters")));
                }
                return new StageResult(details, metrics);
            }
        }
    }

    /** The journal details every fitted model's run ends with (the caller adds its own). */
    static Map<String, Object> fitDetails(String model, Trainer.Result result, String digest, double threshold) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "fit");
        details.put("model", model);
        details.put("best_checkpoint", result.best().toString());
        details.put("last_checkpoint", result.last().toString());
        details.put("checkpoint_sha256", digest);
        details.put("monitor", result.monitor());
        details.put("best_score", result.state().bestScore());
        details.put("epochs_run", result.state().epochsDone());
        details.put("threshold", threshold);
        return details;
    }

    private static StageResult fitRate(StageContext ctx, GraphCache cache, Map<String, String> meta)
            throws IOException {
        SplitReader reader = new SplitReader(cache);
        List<ScoredSplit> scored = new ArrayList<>();
        for (SplitRef ref : List.of(SplitRef.train(), SplitRef.val())) {
            scored.add(RateBaseline.score(reader, ref));
        }
        Evaluator evaluator = Evaluator.chooseOnValidation(scored.get(1).labelled());
        meta.put("threshold", Double.toString(evaluator.threshold()));
        Path best = ctx.paths().checkpoints().resolve(Trainer.BEST);
        TrainerState state = TrainerState.initial();
        Checkpoint.saveWithoutWeights(best, RateBaseline.MODEL, "{\"type\":\"rate\"}", state, meta);
        Checkpoint.saveWithoutWeights(ctx.paths().checkpoints().resolve(Trainer.LAST), RateBaseline.MODEL,
                "{\"type\":\"rate\"}", state, meta);
        writePredictions(ctx, RateBaseline.MODEL, scored, evaluator.threshold());
        EvaluationPlots.afterFit(ctx, RateBaseline.MODEL, null, scored.get(1).labelled(), evaluator.threshold());
        Map<String, Double> metrics = prefixed("val_", evaluator.evaluate("val", scored.get(1).labelled()).metrics());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "fit");
        details.put("model", RateBaseline.MODEL);
        details.put("best_checkpoint", best.toString());
        details.put("threshold", evaluator.threshold());
        return new StageResult(details, metrics);
    }

    // ---------------------------------------------------------------- test

    static StageResult test(StageContext ctx, GraphCache cache, FitRunConfig fit, long seed) throws Exception {
        if (fit.ckptPath() == null) {
            throw GraphidsException.usage("config.ckpt_path: a test run needs the checkpoint to test (for example "
                    + "{fit run}/checkpoints/best_model.safetensors)");
        }
        Path ckptPath = ctx.inLake(fit.ckptPath());
        Checkpoint ckpt = Checkpoint.open(ckptPath, ModelChoice.types());
        ckpt.requireTrainedOn(cache, "config.ckpt_path");
        SplitReader reader = new SplitReader(cache);
        List<SplitRef> refs = new ArrayList<>(List.of(SplitRef.val()));
        reader.testFolders().forEach(f -> refs.add(SplitRef.test(f)));
        if (reader.testFolders().isEmpty()) {
            throw GraphidsException.usage("the cache " + cache.dir() + " has no test folder to test on");
        }
        List<ScoredSplit> scored = new ArrayList<>();
        Map<String, Double> size = new LinkedHashMap<>();
        if (ckpt.modelType().equals(RateBaseline.MODEL)) {
            for (SplitRef ref : refs) {
                scored.add(RateBaseline.score(reader, ref));
            }
        } else {
            Engines.preflight(accelerator(ctx), ctx.threads());
            // The VGAE scores a masked, sampled forward: seeded, a test run's metrics repeat exactly.
            Engines.seed(seed);
            try (NDManager root = NDManager.newBaseManager(); GraphModel model = ckpt.model(root)) {
                long start = System.nanoTime();
                scored.addAll(scoreSplits(model, cache, refs, fit.data().featureClip()).all());
                double seconds = (System.nanoTime() - start) / 1e9;
                long graphs = scored.stream().mapToLong(s -> s.labelled().labels().length).sum();
                // Size and speed, for comparing teachers, students and their distilled versions side by side.
                size.put("parameters", (double) model.parameterCountWithoutIdTables());
                size.put("checkpoint_mb", Files.size(ckptPath) / 1e6);
                size.put("scoring_graphs_per_s", graphs / Math.max(seconds, 1e-9));
            }
        }
        if (fit.streamCalibration() != null && fit.streamCalibration().perInput()) {
            throw GraphidsException.usage("config.stream_calibration.per_input: applies to max_sigma fusers, whose "
                    + "inputs are calibrated one by one; a " + ckpt.modelType() + " model has one score");
        }
        StreamCalibration calibration = fit.streamCalibration() == null ? null
                : fit.streamCalibration().calibration();
        if (calibration != null) {
            scored.replaceAll(s -> calibration.apply(s, ckpt.modelType()));
        }
        Map<String, LabelledScores> tests = new LinkedHashMap<>();
        for (ScoredSplit s : scored.subList(1, scored.size())) {
            tests.put(s.data().split().folder(), s.labelled());
        }
        // The same rule as at fit time picks the threshold on validation; test data never influences it.
        EvaluationReport report = EvaluationReport.of(scored.get(0).labelled(), tests);
        // Validation too: it picked the threshold (docs/predictions.md), and a later analysis must see the same scores.
        writePredictions(ctx, ckpt.modelType(), scored, report.threshold(),
                calibration == null ? Map.of() : Map.of("stream_calibration", calibration.describe()));
        EvaluationPlots.afterTest(ctx, ckpt.modelType(), tests, report.threshold());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", "test");
        details.put("model", ckpt.modelType());
        details.put("ckpt_path", ckptPath.toString());
        details.put("threshold", report.threshold());
        Map<String, Object> perFolder = new LinkedHashMap<>();
        report.tests().forEach((folder, e) -> perFolder.put(folder, Map.of("auroc", e.auroc(), "f1",
                e.metrics().getOrDefault("f1", Double.NaN), "samples", e.samples())));
        details.put("tests", perFolder);
        details.putAll(size);
        ctx.tags().set(Map.of("graphids.model", ckpt.modelType(), "graphids.ckpt_path", ckptPath.toString()));
        ctx.tags().set(checkpointRoleTags(ckpt));
        if (calibration != null) {
            recordStreamCalibration(ctx, calibration, false, details);
        }
        Map<String, Double> metrics = new LinkedHashMap<>(report.metrics());
        metrics.putAll(size);
        return new StageResult(details, metrics);
    }

    // ---------------------------------------------------------------- shared

    /**
     * What the tested checkpoint is, from the checkpoint itself rather than the test run's YAML (a teacher or a
     * distilled student is often tested with the plain test file): its scale and, for a student, its teacher.
     * {@code exp results --compare teacher-student} reads these.
     */
    static Map<String, String> checkpointRoleTags(Checkpoint ckpt) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            JsonNode scale = ModelRegistry.JSON.readTree(ckpt.metadata().getOrDefault("hyper_parameters", "{}"))
                    .path("scale");
            if (scale.isTextual()) {
                tags.put(ModelComparison.SCALE_TAG, scale.asText());
            }
        } catch (IOException e) {
            // hyper-parameters were validated when the model was built; no scale tag then
        }
        String teacher = ckpt.metadata().get("teacher_ckpt");
        if (teacher != null) {
            tags.put(ModelComparison.TEACHER_TAG, teacher);
        }
        return tags;
    }

    /** Fit runs choose no threshold to calibrate for; a stream calibration belongs to the test run. */
    static void refuseStreamCalibration(StreamCalibrationConfig calibration) {
        if (calibration != null) {
            throw GraphidsException.usage("config.stream_calibration: applies to stage: test (the threshold is chosen "
                    + "there on calibrated validation scores); remove it from this fit run");
        }
    }

    /** Records a test run's stream calibration in its details and as the tag that keeps its results apart. */
    static void recordStreamCalibration(StageContext ctx, StreamCalibration calibration, boolean perInput,
                                        Map<String, Object> details) {
        details.put("stream_calibration", Map.of("quantile", calibration.quantile(), "history",
                calibration.history(), "per_input", perInput));
        ctx.tags().set(Map.of(FolderSummary.STREAM_CALIBRATION_TAG, describe(calibration, perInput)));
    }

    /** How prediction files and the tracking tag record a stream calibration. */
    static String describe(StreamCalibration calibration, boolean perInput) {
        return calibration.describe() + (perInput ? ",per_input=true" : "");
    }

    /**
     * Logs each epoch to the tracker and prints it; on a terminal, a progress bar redrawn after every batch (in a
     * log file, one line per epoch only).
     */
    private static final class EpochProgress implements Trainer.EpochListener {
        private static final int WIDTH = 30;
        private final StageContext ctx;
        private final boolean terminal = System.console() != null;

        EpochProgress(StageContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void batchEnd(int epoch, int done, int total, double meanLoss) {
            if (terminal) {
                int filled = WIDTH * done / Math.max(total, 1);
                ctx.log().printf("\repoch %3d [%s%s] %d/%d batches  train_loss %.4f", epoch, "#".repeat(filled),
                        ".".repeat(WIDTH - filled), done, total, meanLoss);
                ctx.log().flush();
            }
        }

        @Override
        public void epochEnd(int epoch, Map<String, Double> m) {
            ctx.metrics().log(m, epoch);
            ctx.log().printf("%sepoch %3d  train_loss %.4f  val_loss %.4f%s  wait %d  (%.1f s)%n",
                    terminal ? "\r" : "", epoch, m.get("train_loss"), m.get("val_loss"), m.containsKey("val_auroc")
                            ? String.format("  val_auroc %.4f", m.get("val_auroc")) : "",
                    m.get("early_stop_wait").intValue(), m.get("epoch_seconds"));
            ctx.log().flush();
        }
    }

    private record Scored(List<ScoredSplit> all) {
        ScoredSplit val() {
            return all.stream().filter(s -> s.data().split().split() == Split.VAL).findFirst().orElseThrow();
        }
    }

    /** Scores splits with a graph model, pairing the scores with the graphs' ids in the split reader's order. */
    private static BatchLoader loader(GraphCache cache, BatchLoader.Selection selection, double clip) {
        return BatchLoader.open(cache, selection).clipFeatures(clip);
    }

    private static Scored scoreSplits(GraphModel model, GraphCache cache, List<SplitRef> refs, double clip)
            throws IOException {
        SplitReader reader = new SplitReader(cache);
        List<ScoredSplit> out = new ArrayList<>();
        for (SplitRef ref : refs) {
            SplitData data = reader.read(ref);
            BatchLoader.Selection selection = BatchLoader.Selection.of(ref.split());
            BatchLoader loader = loader(cache, ref.folder() == null ? selection : selection.inFolder(ref.folder()),
                    clip);
            if (loader.size() != data.size()) {
                throw new IllegalStateException(ref + ": " + loader.size() + " graphs to score but " + data.size()
                        + " graph ids");
            }
            out.add(new ScoredSplit(data, Scoring.scores(model, loader)));
        }
        return new Scored(out);
    }

    private static void writePredictions(StageContext ctx, String model, List<ScoredSplit> splits, double threshold)
            throws IOException {
        writePredictions(ctx, model, splits, threshold, Map.of());
    }

    private static void writePredictions(StageContext ctx, String model, List<ScoredSplit> splits, double threshold,
                                         Map<String, String> metadata) throws IOException {
        PredictionWriter writer = new PredictionWriter(ctx.paths().predictions(), model, metadata);
        for (ScoredSplit s : splits) {
            writer.write(s, threshold);
        }
    }

    /** Sequences are pooled by the GAT classifier only; a sequence pooling mode needs sequences to pool. */
    private static void requireSequenceSupport(GraphModel model, int sequenceLength) {
        if (sequenceLength > 1 && !(model instanceof GatClassifier)) {
            throw GraphidsException.usage("representation_cfg: a snapshot_sequence cache feeds the GAT classifier "
                    + "(config.model.sequence_pool); " + model.type() + " models read snapshot graphs "
                    + "(kind: snapshot)");
        }
        if (sequenceLength == 1 && model instanceof GatClassifier gat
                && !List.of("auto", "flat").contains(gat.config().sequencePool())) {
            throw GraphidsException.usage("config.model.sequence_pool: " + gat.config().sequencePool()
                    + " pools the steps of snapshot sequences, but this run's representation_cfg is a snapshot one; "
                    + "use kind: snapshot_sequence or sequence_pool: auto");
        }
    }

    private static Map<String, Double> prefixed(String prefix, Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(prefix + k.replace('/', '_'), v));
        return out;
    }

    private static Accelerator accelerator(StageContext ctx) {
        return ctx.spec().config().resources().accelerator() == ResourceConfig.Accelerator.GPU ? Accelerator.GPU
                : Accelerator.CPU;
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
