package dev.graphids.train;

import dev.graphids.eval.ScoreSweep;
import dev.graphids.model.Adam;
import dev.graphids.model.GraphModel;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop (models.md §8): epochs over a fixed next-fit packing of the training graphs whose batch order is
 * shuffled per epoch with the run seed; validation every epoch; early stopping on the monitored metric;
 * {@code checkpoints/best_model.safetensors} when it improves and {@code checkpoints/last.safetensors} every epoch.
 *
 * <p>Determinism and resume: libtorch's generator is reseeded from (seed, epoch) at the start of every epoch, and
 * the batch order depends only on (seed, epoch), so a fit resumed from {@code last} continues exactly as the
 * uninterrupted fit would have.
 */
public final class Trainer {
    public static final String BEST = "best_model.safetensors";
    public static final String LAST = "last.safetensors";

    /** The graphs a fit reads: training (benign only for detectors), validation, benign validation. */
    public record Data(BatchLoader train, BatchLoader val, BatchLoader valBenign) {
    }

    /** Receives each epoch's metrics (step = epoch) and, optionally, progress within the epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void epochEnd(int epoch, Map<String, Double> metrics);

        /** After each training batch: batches done of the epoch's total, and the running mean loss. */
        default void batchEnd(int epoch, int done, int total, double meanLoss) {
        }
    }

    /** The outcome of a fit. */
    public record Result(TrainerState state, Path best, Path last, String monitor) {
    }

    private final TrainerConfig config;
    private final long seed;
    private final Path checkpointDir;
    private final Map<String, String> checkpointMetadata;
    private Curriculum curriculum;

    /**
     * @param checkpointMetadata extra metadata stored in every checkpoint (cache identity, run, ...)
     */
    public Trainer(TrainerConfig config, long seed, Path checkpointDir, Map<String, String> checkpointMetadata) {
        this.config = config;
        this.seed = seed;
        this.checkpointDir = checkpointDir;
        this.checkpointMetadata = checkpointMetadata;
    }

    /** Weighs each training graph's loss by {@code curriculum} (classifiers; models.md §6). */
    public Trainer withCurriculum(Curriculum curriculum) {
        this.curriculum = curriculum;
        return this;
    }

    public Result fit(GraphModel model, Adam optimizer, TrainerState start, Data data, EpochListener listener)
            throws IOException {
        boolean classifier = Scoring.isClassifier(model);
        String monitor = config.monitorFor(classifier);
        boolean maximise = config.maximise(classifier);
        int[] valLabels = Scoring.labels(data.val());
        if (monitor.equals("val_auroc") && !bothClasses(valLabels)) {
            throw new IllegalArgumentException("trainer.monitor val_auroc needs benign and attack graphs in the "
                    + "validation split, which has " + valLabels.length + " graphs of one class; monitor val_loss");
        }
        if (TrainerConfig.VGAE_MONITORS.contains(monitor) && !(model instanceof VgaeModel)) {
            throw new IllegalArgumentException("trainer.monitor " + monitor + " is a VGAE validation metric; a "
                    + model.type() + " model logs val_loss" + (classifier ? " and val_auroc" : ""));
        }
        if (TrainerConfig.VGAE_MONITORS.contains(monitor) && (valLabels.length == 0 || !bothClasses(valLabels))) {
            throw new IllegalArgumentException("trainer.monitor " + monitor + " compares benign and attack "
                    + "validation graphs, and the validation split lacks one class; monitor val_loss");
        }
        List<int[]> plan = data.train().pack(data.train().heuristicBudget(config.minStepsPerEpoch()));
        TrainerState state = start;
        Path best = checkpointDir.resolve(BEST);
        Path last = checkpointDir.resolve(LAST);
        for (int epoch = state.epochsDone(); epoch < config.maxEpochs() && !state.stopped(); epoch++) {
            long t0 = System.nanoTime();
            Engines.seed(seed * 1_000_003L + epoch);
            double lossSum = 0;
            long graphs = 0;
            long steps = 0;
            int skipped = 0;
            int total = config.limitTrainBatches() == null ? plan.size()
                    : Math.min(plan.size(), config.limitTrainBatches());
            for (int[] members : BatchLoader.shuffle(plan, seed, epoch)) {
                if (steps >= total) {
                    break;
                }
                GraphBatch batch = data.train().batch(members);
                if (curriculum != null) {
                    batch.weightSamples(curriculum.weights(members, epoch));
                }
                try {
                    lossSum += model.trainStep(batch, optimizer) * batch.samples();
                    graphs += batch.samples();
                } catch (ArithmeticException nonFinite) {
                    // A rare non-finite batch (seen once in a 2-thread distillation fit) is skipped, not fatal;
                    // a run that keeps producing them fails below.
                    skipped++;
                    if (skipped > Math.max(1, total / 20)) {
                        throw new ArithmeticException(nonFinite.getMessage() + " in " + skipped + " of " + (steps + 1)
                                + " batches of epoch " + epoch + "; stopping");
                    }
                }
                steps++;
                listener.batchEnd(epoch, (int) steps, total, lossSum / graphs);
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch", (double) epoch);
            m.put("train_loss", lossSum / Math.max(graphs, 1));
            if (skipped > 0) {
                m.put("skipped_steps", (double) skipped);
            }
            if (classifier) {
                Scoring.Validation v = Scoring.lossAndScores(model, data.val());
                m.put("val_loss", v.meanLoss());
                m.put("val_auroc", ScoreSweep.of(valLabels, v.scores()).auroc());
            } else {
                m.put("val_loss", Scoring.meanLoss(model, data.valBenign()));
                if (monitor.equals("val_auroc")) {
                    Scoring.calibrate(model, data.valBenign());
                    m.put("val_auroc", ScoreSweep.of(valLabels, Scoring.scores(model, data.val())).auroc());
                }
            }
            if (model instanceof VgaeModel vgae) {
                m.putAll(VgaeValidation.metrics(vgae, data.val()));
            }
            m.put("lr", optimizer.learningRate());
            double value = m.get(monitor);
            boolean improved = config.improves(value, state.bestScore(), maximise);
            int wait = improved ? 0 : state.waitCount() + 1;
            boolean stop = wait >= config.patience();
            m.put("early_stop_wait", (double) wait);
            m.put("epoch_seconds", (System.nanoTime() - t0) / 1e9);
            state = state.next(steps, improved ? value : state.bestScore(), improved ? epoch : state.bestEpoch(), wait,
                    stop, m);
            Map<String, String> meta = new LinkedHashMap<>(checkpointMetadata);
            meta.put("monitor", monitor);
            if (improved) {
                Checkpoint.save(best, model, optimizer, state, meta);
            }
            Checkpoint.save(last, model, optimizer, state, meta);
            listener.epochEnd(epoch, m);
        }
        return new Result(state, best, last, monitor);
    }

    private static boolean bothClasses(int[] labels) {
        boolean pos = false;
        boolean neg = false;
        for (int y : labels) {
            pos |= y == 1;
            neg |= y == 0;
        }
        return pos && neg;
    }
}
