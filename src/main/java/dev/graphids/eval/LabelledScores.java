package dev.graphids.eval;

import java.util.List;

/**
 * The scores of one split with their ground truth, index-aligned.
 *
 * @param labels      1 = attack, 0 = benign
 * @param attackTypes attack-type code of each sample ({@link dev.graphids.graph.AttackTypes}); 0 for benign samples
 * @param scores      higher = more likely an attack; finite or infinite, never NaN
 * @param sources     the capture file (stream) of each sample as a small index, or null where unknown
 */
public record LabelledScores(int[] labels, int[] attackTypes, double[] scores, int[] sources) {
    public LabelledScores {
        if (labels.length != scores.length || attackTypes.length != scores.length
                || (sources != null && sources.length != scores.length)) {
            throw new IllegalArgumentException("labels, attack types, scores and sources differ in length: "
                    + labels.length + ", " + attackTypes.length + ", " + scores.length + ", "
                    + (sources == null ? "none" : sources.length));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + i + ": expected 0 or 1, found " + labels[i]);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }

    /** Scores without their samples' capture files. */
    public LabelledScores(int[] labels, int[] attackTypes, double[] scores) {
        this(labels, attackTypes, scores, null);
    }

    /** Scores without attack types (every positive counts as attack type 0). */
    public static LabelledScores of(int[] labels, double[] scores) {
        return new LabelledScores(labels, new int[labels.length], scores);
    }

    public int size() {
        return scores.length;
    }

    /** Number of attack samples. */
    public int positives() {
        int p = 0;
        for (int y : labels) {
            p += y;
        }
        return p;
    }

    /**
     * The concatenation of several splits, in list order (for pooled metrics). Each part's capture files stay apart
     * (renumbered after the previous parts'); without sources in every part the result has none.
     */
    public static LabelledScores concat(List<LabelledScores> parts) {
        int n = parts.stream().mapToInt(LabelledScores::size).sum();
        int[] y = new int[n];
        int[] a = new int[n];
        double[] s = new double[n];
        int[] src = parts.stream().allMatch(p -> p.sources != null) ? new int[n] : null;
        int at = 0;
        int offset = 0;
        for (LabelledScores p : parts) {
            System.arraycopy(p.labels, 0, y, at, p.size());
            System.arraycopy(p.attackTypes, 0, a, at, p.size());
            System.arraycopy(p.scores, 0, s, at, p.size());
            if (src != null) {
                int max = -1;
                for (int i = 0; i < p.size(); i++) {
                    src[at + i] = offset + p.sources[i];
                    max = Math.max(max, p.sources[i]);
                }
                offset += max + 1;
            }
            at += p.size();
        }
        return new LabelledScores(y, a, s, src);
    }
}
