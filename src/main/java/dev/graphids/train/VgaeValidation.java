package dev.graphids.train;

import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.model.vgae.VgaeScores;
import dev.graphids.tensor.BatchLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VGAE's label-aware validation metrics (models.md §3.4): per class (benign, attack) the mean over graphs of
 * the masked-node reconstruction error ({@code val_loss_*}), of its per-graph maximum ({@code val_recon_max_*}) and
 * of the Rayleigh quotient ({@code val_rq_*}), and when both classes are present how far apart the reconstruction
 * errors are ({@code val_discrimination_gap} attack − benign, {@code val_discrimination_ratio} attack / (benign +
 * 1e-6), {@code val_recon_max_gap}). Usable as early-stopping monitors ({@code mode: max} for the gaps).
 * Computed over the whole validation split rather than per batch as the original logged them.
 */
public final class VgaeValidation {
    private VgaeValidation() {
    }

    public static Map<String, Double> metrics(VgaeModel model, BatchLoader val) {
        double[][] sum = new double[2][3]; // [class][recon, recon_max, rq]
        long[] count = new long[2];
        for (int[] bin : Scoring.evaluationPlan(val)) {
            VgaeScores s = model.components(val.batch(bin));
            for (int k = 0; k < bin.length; k++) {
                int c = val.label(bin[k]);
                sum[c][0] += s.recon()[k];
                sum[c][1] += s.reconMax()[k];
                sum[c][2] += s.rq()[k];
                count[c]++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        String[] names = {"benign", "attack"};
        for (int c = 0; c < 2; c++) {
            if (count[c] == 0) {
                continue;
            }
            out.put("val_loss_" + names[c], sum[c][0] / count[c]);
            out.put("val_recon_max_" + names[c], sum[c][1] / count[c]);
            out.put("val_rq_" + names[c], sum[c][2] / count[c]);
        }
        if (count[0] > 0 && count[1] > 0) {
            double benign = out.get("val_loss_benign");
            double attack = out.get("val_loss_attack");
            out.put("val_discrimination_gap", attack - benign);
            out.put("val_discrimination_ratio", attack / (benign + 1e-6));
            out.put("val_recon_max_gap", out.get("val_recon_max_attack") - out.get("val_recon_max_benign"));
        }
        return out;
    }
}
