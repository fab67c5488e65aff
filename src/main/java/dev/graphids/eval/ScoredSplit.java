package dev.graphids.eval;

/** A split's graphs with one score each (higher = more likely an attack), index-aligned with {@link SplitData}. */
public record ScoredSplit(SplitData data, double[] scores) {
    public ScoredSplit {
        if (scores.length != data.size()) {
            throw new IllegalArgumentException(data.split() + ": " + data.size() + " graphs but " + scores.length
                    + " scores");
        }
    }

    public SplitRef split() {
        return data.split();
    }

    public LabelledScores labelled() {
        return data.withScores(scores);
    }
}
