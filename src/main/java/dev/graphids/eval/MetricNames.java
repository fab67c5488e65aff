package dev.graphids.eval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The names metrics have in the tracking store, fixed in one place. A split's metrics are logged as
 * {@code test/{folder}/{metric}}, the pooled test metrics (all test folders concatenated) as {@code test/{metric}},
 * validation metrics as {@code val_{metric}} ({@code val_auroc}, {@code val_loss}, as the original logs them, spec
 * §2.5 and §8.6).
 *
 * <p>Metric keys inside an {@link Evaluation}: the ranking metrics {@link #AUROC}, {@link #AP}; the threshold metrics of
 * {@link ThresholdMetric}; the threshold and counts; the curve summaries of §8.6 ({@link #PRECISION_AT_95_RECALL}
 * ...); the operating points {@code op/fpr_{budget}/{metric}}; and per-attack AUROC
 * {@code auroc_per_attack/{attack name}} with its macro mean.
 */
public final class MetricNames {
    private MetricNames() {
    }

    public static final String AUROC = "auroc";
    /** Average precision (AUPRC). */
    public static final String AP = "ap";
    public static final String THRESHOLD = "threshold";
    public static final String N_SAMPLES = "n_samples";
    public static final String N_ATTACK = "n_attack";
    public static final String TP = "tp";
    public static final String FP = "fp";
    public static final String TN = "tn";
    public static final String FN = "fn";
    public static final String PRECISION_AT_95_RECALL = "precision_at_0.95recall";
    public static final String THRESHOLD_AT_95_RECALL = "threshold_at_0.95recall";
    public static final String RECALL_AT_99_PRECISION = "recall_at_0.99precision";
    public static final String THRESHOLD_AT_99_PRECISION = "threshold_at_0.99precision";
    public static final String AUROC_PER_ATTACK_MACRO = "auroc_per_attack_macro";
    /** Mean AUROC within each capture file holding both classes (where the samples' files are known). */
    public static final String AUROC_PER_SOURCE_MACRO = "auroc_per_source_macro";
    /** Attack name used for attack samples whose attack-type code is 0 (the file name matched no attack key). */
    public static final String UNKNOWN_ATTACK = "unknown";

    public static final String VAL_AUROC = "val_auroc";
    public static final String VAL_LOSS = "val_loss";

    /** {@code test/{folder}/{metric}}. */
    public static String test(String folder, String metric) {
        Objects.requireNonNull(folder, "folder");
        return "test/" + folder + "/" + metric;
    }

    /** {@code test/{metric}}: the metric over all test folders pooled. */
    public static String pooled(String metric) {
        return "test/" + metric;
    }

    /** {@code val_{metric}}. */
    public static String val(String metric) {
        return "val_" + metric;
    }

    /** {@code auroc_per_attack/{name}}. */
    public static String aurocPerAttack(String attackName) {
        return "auroc_per_attack/" + attackName;
    }

    /** {@code op/fpr_{budget}/{metric}}, the budget written plainly ({@code op/fpr_0.001/recall}). */
    public static String operatingPoint(double targetFpr, String metric) {
        return "op/fpr_" + BigDecimal.valueOf(targetFpr).stripTrailingZeros().toPlainString() + "/" + metric;
    }
}
