package dev.graphids.run;

import dev.graphids.analysis.plot.Charts;
import dev.graphids.eval.ConfusionMatrix;
import dev.graphids.eval.LabelledScores;
import dev.graphids.eval.PrCurve;
import dev.graphids.eval.RocCurve;
import dev.graphids.eval.ScoreSweep;
import dev.graphids.train.TrainerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots every fit and test run leaves in {@code artifacts/plots/}: training curves and the validation score
 * histogram after a fit; ROC and precision–recall curves of every test folder, and per folder a score histogram and
 * the confusion matrix at the threshold, after a test.
 */
final class EvaluationPlots {
    private EvaluationPlots() {
    }

    static Path dir(StageContext ctx) {
        return ctx.paths().artifacts().resolve("plots");
    }

    static void afterFit(StageContext ctx, String model, TrainerState state, LabelledScores val, double threshold)
            throws IOException {
        String run = ctx.spec().config().experimentName() + "/" + ctx.spec().config().runName();
        if (state != null && !state.history().isEmpty()) {
            Charts.training(dir(ctx).resolve("training_curves.png"), model + " training — " + run, state.history());
        }
        histogram(dir(ctx).resolve("scores_val.png"), model + " validation scores — " + run, val, threshold);
    }

    static void afterTest(StageContext ctx, String model, Map<String, LabelledScores> tests, double threshold)
            throws IOException {
        String run = ctx.spec().config().experimentName() + "/" + ctx.spec().config().runName();
        Map<String, RocCurve> roc = new LinkedHashMap<>();
        Map<String, PrCurve> pr = new LinkedHashMap<>();
        Map<String, Double> auroc = new LinkedHashMap<>();
        Map<String, Double> ap = new LinkedHashMap<>();
        for (Map.Entry<String, LabelledScores> e : tests.entrySet()) {
            ScoreSweep sweep = ScoreSweep.of(e.getValue());
            if (sweep.positives() == 0 || sweep.negatives() == 0) {
                continue; // a curve needs both classes
            }
            roc.put(e.getKey(), sweep.roc());
            pr.put(e.getKey(), sweep.pr());
            auroc.put(e.getKey(), sweep.auroc());
            ap.put(e.getKey(), sweep.averagePrecision());
        }
        Charts.roc(dir(ctx).resolve("roc.png"), model + " ROC per test folder — " + run, roc, auroc);
        Charts.pr(dir(ctx).resolve("precision_recall.png"), model + " precision–recall per test folder — " + run, pr,
                ap);
        for (Map.Entry<String, LabelledScores> e : tests.entrySet()) {
            String folder = e.getKey();
            histogram(dir(ctx).resolve("scores_" + folder + ".png"), model + " scores — " + folder, e.getValue(),
                    threshold);
            Charts.confusion(dir(ctx).resolve("confusion_" + folder + ".png"), model + " — " + folder,
                    ConfusionMatrix.of(e.getValue(), threshold), threshold);
        }
    }

    private static void histogram(Path png, String title, LabelledScores s, double threshold) throws IOException {
        double[] benign = select(s, 0);
        double[] attack = select(s, 1);
        Charts.scoreHistogram(png, title, benign, attack, threshold);
    }

    private static double[] select(LabelledScores s, int label) {
        return Arrays.stream(range(s.size())).filter(i -> s.labels()[i] == label).mapToDouble(i -> s.scores()[i])
                .toArray();
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Names of the plots a test run writes for {@code folders} (for tests and reports). */
    static List<String> testPlotNames(List<String> folders) {
        List<String> out = new java.util.ArrayList<>(List.of("roc.png", "precision_recall.png"));
        folders.forEach(f -> {
            out.add("scores_" + f + ".png");
            out.add("confusion_" + f + ".png");
        });
        return out;
    }
}
