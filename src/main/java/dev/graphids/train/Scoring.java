package dev.graphids.train;

import dev.graphids.model.GraphModel;
import dev.graphids.model.LossAndScores;
import dev.graphids.model.dgi.DgiModel;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.GraphBatch;
import java.util.List;

/** Scores and losses of a model over a selection of graphs, batched by size, returned in selection order. */
public final class Scoring {
    /** Graphs per evaluation batch (size-sorted, so padding stays small). */
    public static final int EVAL_BATCH = 256;
    /** Padded node rows per evaluation batch: bounds the memory of a forward (see BatchLoader#packByCount). */
    public static final long EVAL_PADDED_NODES = 4096;

    private Scoring() {
    }

    /** The batches in which a selection is evaluated. */
    public static List<int[]> evaluationPlan(BatchLoader loader) {
        return loader.packByCount(EVAL_BATCH, EVAL_PADDED_NODES);
    }

    /** Per-graph scores, in the loader's selection order (the order of {@code eval.SplitReader}). */
    public static double[] scores(GraphModel model, BatchLoader loader) {
        double[] out = new double[loader.size()];
        for (int[] bin : evaluationPlan(loader)) {
            float[] s = model.score(loader.batch(bin));
            for (int k = 0; k < bin.length; k++) {
                out[bin[k]] = s[k];
            }
        }
        return out;
    }

    /** Mean loss per graph over the selection (evaluation mode); NaN when it is empty. */
    public static double meanLoss(GraphModel model, BatchLoader loader) {
        double sum = 0;
        long graphs = 0;
        for (int[] bin : evaluationPlan(loader)) {
            GraphBatch b = loader.batch(bin);
            sum += model.evalLoss(b) * b.samples();
            graphs += b.samples();
        }
        return graphs == 0 ? Double.NaN : sum / graphs;
    }

    /** The mean loss per sample and every sample's score (selection order), in one pass where the model allows. */
    public record Validation(double meanLoss, double[] scores) {
    }

    public static Validation lossAndScores(GraphModel model, BatchLoader loader) {
        double[] scores = new double[loader.size()];
        double sum = 0;
        long samples = 0;
        for (int[] bin : evaluationPlan(loader)) {
            GraphBatch b = loader.batch(bin);
            LossAndScores out = model.evalLossAndScores(b);
            sum += out.loss() * b.samples();
            samples += b.samples();
            for (int k = 0; k < bin.length; k++) {
                scores[bin[k]] = out.scores()[k];
            }
        }
        return new Validation(samples == 0 ? Double.NaN : sum / samples, scores);
    }

    /** Labels of the selection, in selection order. */
    public static int[] labels(BatchLoader loader) {
        int[] out = new int[loader.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = loader.label(i);
        }
        return out;
    }

    /** Whether the model learns from labels (a classifier) rather than from benign graphs alone (a detector). */
    public static boolean isClassifier(GraphModel model) {
        return !(model instanceof VgaeModel || model instanceof DgiModel);
    }

    /** Fits a detector's score calibration on benign validation graphs (models.md Decision 2); no-op otherwise. */
    public static void calibrate(GraphModel model, BatchLoader benignVal) {
        List<int[]> plan = evaluationPlan(benignVal);
        if (model instanceof VgaeModel v) {
            v.calibrate(benignVal.batches(plan));
        } else if (model instanceof DgiModel d) {
            d.calibrate(benignVal.batches(plan));
        }
    }
}
