package dev.graphids.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.error.GraphidsException;

/**
 * The trainer's settings ({@code config.trainer}), in the Lightning mould (models.md §8.2–8.3).
 *
 * @param maxEpochs         epochs at most
 * @param patience          epochs without improvement of the monitored metric before stopping
 * @param monitor           {@code val_auroc} (needs both classes in validation) or {@code val_loss}; default: val_auroc
 *                          for classifiers, val_loss for the unsupervised detectors; for the VGAE also its
 *                          label-aware {@link VgaeValidation} gaps (val_discrimination_gap, val_discrimination_ratio,
 *                          val_recon_max_gap)
 * @param mode              {@code max} or {@code min}; default from the monitor (max for AUROC and the gaps)
 * @param minDelta          smallest change that counts as an improvement
 * @param gradientClipVal   global gradient-norm clip (0 = none)
 * @param minStepsPerEpoch  the packing budget is capped so that an epoch has at least this many batches
 * @param limitTrainBatches at most this many batches per epoch (smoke runs); null = all
 */
public record TrainerConfig(@JsonProperty("max_epochs") Integer maxEpochs,
                            @JsonProperty("patience") Integer patience,
                            @JsonProperty("monitor") String monitor,
                            @JsonProperty("mode") String mode,
                            @JsonProperty("min_delta") Double minDelta,
                            @JsonProperty("gradient_clip_val") Double gradientClipVal,
                            @JsonProperty("min_steps_per_epoch") Integer minStepsPerEpoch,
                            @JsonProperty("limit_train_batches") Integer limitTrainBatches) {

    public TrainerConfig {
        maxEpochs = atLeast("trainer.max_epochs", maxEpochs == null ? 100 : maxEpochs, 1);
        patience = atLeast("trainer.patience", patience == null ? 20 : patience, 1);
        if (monitor != null && !monitor.equals("val_auroc") && !monitor.equals("val_loss")
                && !VGAE_MONITORS.contains(monitor)) {
            throw GraphidsException.usage("trainer.monitor: expected val_auroc, val_loss or (VGAE) one of "
                    + VGAE_MONITORS + ", found '" + monitor + "'");
        }
        if (mode != null && !mode.equals("max") && !mode.equals("min")) {
            throw GraphidsException.usage("trainer.mode: expected max or min, found '" + mode + "'");
        }
        minDelta = minDelta == null ? 0.0 : minDelta;
        if (minDelta < 0) {
            throw GraphidsException.usage("trainer.min_delta: expected >= 0, found " + minDelta);
        }
        gradientClipVal = gradientClipVal == null ? 1.0 : gradientClipVal;
        if (gradientClipVal < 0) {
            throw GraphidsException.usage("trainer.gradient_clip_val: expected >= 0, found " + gradientClipVal);
        }
        minStepsPerEpoch = atLeast("trainer.min_steps_per_epoch", minStepsPerEpoch == null ? 1 : minStepsPerEpoch,
                1);
        if (limitTrainBatches != null) {
            atLeast("trainer.limit_train_batches", limitTrainBatches, 1);
        }
    }

    /** Monitors only the VGAE logs (models.md §3.4); larger is better. */
    public static final java.util.List<String> VGAE_MONITORS = java.util.List.of("val_discrimination_gap",
            "val_discrimination_ratio", "val_recon_max_gap");

    public static TrainerConfig defaults() {
        return new TrainerConfig(null, null, null, null, null, null, null, null);
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw GraphidsException.usage(key + ": expected >= " + min + ", found " + value);
        }
        return value;
    }

    /** The monitored metric for a model that does (classifier) or does not (detector) learn from labels. */
    public String monitorFor(boolean classifier) {
        return monitor != null ? monitor : classifier ? "val_auroc" : "val_loss";
    }

    /** Whether larger values of the monitored metric are better. */
    public boolean maximise(boolean classifier) {
        String m = monitorFor(classifier);
        return mode != null ? mode.equals("max") : m.equals("val_auroc") || VGAE_MONITORS.contains(m);
    }

    /** Whether {@code value} improves on {@code best} by more than min_delta; any number improves on NaN (no best). */
    public boolean improves(double value, double best, boolean maximise) {
        return !Double.isNaN(value) && (Double.isNaN(best)
                || (maximise ? value > best + minDelta : value < best - minDelta));
    }
}
