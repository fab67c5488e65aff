package dev.graphids.fusion;

import dev.graphids.eval.ScoreSweep;
import dev.graphids.model.Adam;
import dev.graphids.tensor.Engines;
import dev.graphids.train.Trainer;
import dev.graphids.train.TrainerConfig;
import dev.graphids.train.TrainerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fusers' epoch loop, in the mould of {@link Trainer}: one {@link FusionModel#trainEpoch} per epoch, then
 * validation on fusion-val ({@code val_loss}, {@code val_auroc} of the fused score, {@code val_acc} of the decision
 * rule), early stopping on the monitored metric ({@code val_loss} by default), {@code best_model.safetensors} when it
 * improves and {@code last.safetensors} every epoch.
 */
public final class FusionTrainer {
    /** The outcome of a fit. */
    private final TrainerConfig config;
    private final long seed;
    private final Path checkpointDir;
    private final Map<String, String> metadata;

    public FusionTrainer(TrainerConfig config, long seed, Path checkpointDir, Map<String, String> metadata) {
        this.config = config;
        this.seed = seed;
        this.checkpointDir = checkpointDir;
        this.metadata = metadata;
    }

    public Trainer.Result fit(FusionModel model, Adam optimizer, FusionData train, FusionData val,
                      Trainer.EpochListener listener) throws IOException {
        String monitor = config.monitorFor(false);
        boolean maximise = config.maximise(false);
        Path best = checkpointDir.resolve(Trainer.BEST);
        Path last = checkpointDir.resolve(Trainer.LAST);
        double bestScore = Double.NaN;
        int bestEpoch = -1;
        int wait = 0;
        boolean stop = false;
        List<Map<String, Double>> history = new ArrayList<>();
        TrainerState state = TrainerState.initial();
        for (int epoch = 0; epoch < config.maxEpochs() && !stop; epoch++) {
            long t0 = System.nanoTime();
            Engines.seed(seed * 1_000_003L + epoch);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch", (double) epoch);
            m.putAll(model.trainEpoch(train, optimizer, seed, epoch));
            FusionOutput out = model.predict(val);
            m.putAll(model.validationMetrics(val, out));
            m.put("val_auroc", ScoreSweep.of(val.labels(), out.score()).auroc());
            m.put("val_acc", accuracy(val.labels(), out.score()));
            double value = m.getOrDefault(monitor, Double.NaN);
            // A closed-form fuser is done after one epoch, whatever its monitored value.
            boolean improved = config.improves(value, bestScore, maximise) || (model.closedForm() && epoch == 0);
            if (improved) {
                bestScore = value;
                bestEpoch = epoch;
            }
            wait = improved ? 0 : wait + 1;
            stop = wait >= config.patience() || model.closedForm();
            m.put("early_stop_wait", (double) wait);
            m.put("epoch_seconds", (System.nanoTime() - t0) / 1e9);
            history.add(m);
            state = new TrainerState(epoch + 1, optimizer.steps(), bestScore, bestEpoch, wait, stop,
                    List.copyOf(history));
            Map<String, String> meta = new LinkedHashMap<>(metadata);
            meta.put("monitor", monitor);
            if (improved) {
                FusionCheckpoint.save(best, model, optimizer, state, meta);
            }
            FusionCheckpoint.save(last, model, optimizer, state, meta);
            listener.epochEnd(epoch, m);
        }
        return new Trainer.Result(state, best, last, monitor);
    }

    /** Accuracy of the decision rule {@code score > 0.5}. */
    static double accuracy(int[] labels, double[] score) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += DecisionRule.decide(score[i]) == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : right / (double) labels.length;
    }
}
