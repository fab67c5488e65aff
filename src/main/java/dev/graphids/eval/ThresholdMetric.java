package dev.graphids.eval;

import java.util.function.ToDoubleFunction;

/** The metrics of a decision at a threshold, each a small function of the {@link ConfusionMatrix}. */
public enum ThresholdMetric {
    /** (tp + tn) / n. */
    ACCURACY("accuracy", ConfusionMatrix::accuracy),
    /** Mean recall of the classes present. */
    BALANCED_ACCURACY("balanced_accuracy", ConfusionMatrix::balancedAccuracy),
    /** Precision of the attack class. */
    PRECISION("precision", ConfusionMatrix::precision),
    /** Recall (TPR) of the attack class. */
    RECALL("recall", ConfusionMatrix::recall),
    /** F1 of the attack class. */
    F1("f1", ConfusionMatrix::f1),
    /** Recall of the benign class (TNR). */
    SPECIFICITY("specificity", ConfusionMatrix::specificity),
    /** False-positive rate; NaN without benign samples. */
    FPR("fpr", ConfusionMatrix::fpr),
    /** False-negative rate; NaN without attack samples. */
    FNR("fnr", ConfusionMatrix::fnr),
    /** Matthews correlation coefficient. */
    MCC("mcc", ConfusionMatrix::mcc),
    /** Mean F1 of benign and attack. */
    F1_MACRO("f1_macro", ConfusionMatrix::f1Macro),
    F1_BENIGN("f1_per_class/benign", ConfusionMatrix::f1Benign),
    F1_ATTACK("f1_per_class/attack", ConfusionMatrix::f1),
    PRECISION_MACRO("precision_macro", ConfusionMatrix::precisionMacro),
    PRECISION_BENIGN("precision_per_class/benign", ConfusionMatrix::precisionBenign),
    PRECISION_ATTACK("precision_per_class/attack", ConfusionMatrix::precision),
    RECALL_MACRO("recall_macro", ConfusionMatrix::recallMacro),
    RECALL_BENIGN("recall_per_class/benign", ConfusionMatrix::specificity),
    RECALL_ATTACK("recall_per_class/attack", ConfusionMatrix::recall);

    private final String key;
    private final ToDoubleFunction<ConfusionMatrix> fn;

    ThresholdMetric(String key, ToDoubleFunction<ConfusionMatrix> fn) {
        this.key = key;
        this.fn = fn;
    }

    /** The metric's key in an {@link Evaluation} (and the last part of its tracking name). */
    public String key() {
        return key;
    }

    public double compute(ConfusionMatrix m) {
        return fn.applyAsDouble(m);
    }
}
