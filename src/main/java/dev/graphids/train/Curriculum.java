package dev.graphids.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Per-graph loss weights of the curriculum (models.md §6.3): attack graphs always weigh 1; among the benign graphs
 * of a batch, the {@code max(1, ceil(fraction(epoch)·n_benign))} least difficult weigh 1 and the rest 0. The share
 * follows the original's linear ramp {@code fraction(e) = (start + (end − start)·min(e/(rampEpochs − 1), 1)) / end},
 * 0.1 at epoch 0 and 1 from epoch {@code rampEpochs − 1} with the defaults 1 → 10 over 300 epochs.
 */
public final class Curriculum {
    private final float[] difficulty;
    private final int[] labels;
    private final double startRatio;
    private final double endRatio;
    private final int rampEpochs;

    /**
     * @param difficulty per training graph (loader index); higher = harder
     * @param labels     per training graph; 0 = benign (in scope)
     */
    public Curriculum(float[] difficulty, int[] labels, double startRatio, double endRatio, int rampEpochs) {
        if (difficulty.length != labels.length) {
            throw new IllegalArgumentException(difficulty.length + " difficulties for " + labels.length + " graphs");
        }
        this.difficulty = difficulty.clone();
        this.labels = labels.clone();
        this.startRatio = startRatio;
        this.endRatio = endRatio;
        this.rampEpochs = rampEpochs;
    }

    /** The admitted share of benign graphs at {@code epoch} (0-based). */
    public double fraction(int epoch) {
        double progress = rampEpochs <= 1 ? 1 : Math.min((double) epoch / (rampEpochs - 1), 1.0);
        return (startRatio + (endRatio - startRatio) * progress) / endRatio;
    }

    /** Weights for a batch of training graphs (loader indices), in batch order. */
    public float[] weights(int[] members, int epoch) {
        float[] w = new float[members.length];
        Integer[] benign = IntStream.range(0, members.length).filter(i -> labels[members[i]] == 0).boxed()
                .toArray(Integer[]::new);
        for (int i = 0; i < members.length; i++) {
            w[i] = labels[members[i]] == 0 ? 0f : 1f;
        }
        if (benign.length == 0) {
            return w;
        }
        // Stable sort: ties keep batch order, so the weights are a pure function of the batch.
        Arrays.sort(benign, Comparator.comparingDouble(i -> difficulty[members[i]]));
        int keep = Math.max(1, (int) Math.ceil(fraction(epoch) * benign.length - 1e-9));
        for (int k = 0; k < Math.min(keep, benign.length); k++) {
            w[benign[k]] = 1f;
        }
        return w;
    }
}
