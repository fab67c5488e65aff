package dev.graphids.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Scores relative to each stream's own traffic. A threshold learnt on the training vehicles does not carry over to
 * another vehicle whose benign frame rate or model scores sit at another level (the rate baseline's F1 on hcrl_sa's
 * unknown vehicle: 0.77–0.81 at an AUROC of 0.999). Each window's score becomes {@code g(s) − Q_q}, where {@code
 * Q_q} is the {@code quantile} of {@code g(s)} over the stream's last {@code history} windows up to and including
 * this one (linear interpolation, as numpy's default). It is causal — a window's value depends only on its stream's
 * earlier windows — and uses no labels, so a live detector can compute it; with a low quantile {@code Q_q} tracks
 * the stream's benign level, because attack windows score high.
 *
 * <p>{@code g} puts each model's score on a scale where differences are comparable: the rate baseline's −span
 * becomes −ln(span) (differences are log frame-rate ratios), a probability becomes its logit, other scores stay.
 * A stream is one capture file; windows are taken in window-index order.
 */
public record StreamCalibration(double quantile, int history) {
    /** Windows the level is taken over when none is given: ~2 minutes of a 500 kbit/s bus in 100-frame windows. */
    public static final int DEFAULT_HISTORY = 10_000;

    public StreamCalibration {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile: expected 0..1, found " + quantile);
        }
        if (history < 1) {
            throw new IllegalArgumentException("history: expected >= 1, found " + history);
        }
    }

    /** {@code quantile=…,history=…}: how prediction files and tracked runs record it. */
    public String describe() {
        return "quantile=" + quantile + ",history=" + history;
    }

    /** The scale on which a model's scores are compared: see the class comment. */
    public static DoubleUnaryOperator scale(String modelType) {
        return switch (modelType) {
            case "rate" -> s -> -Math.log(Math.max(-s, 1e-12));
            case "gat" -> s -> {
                double p = Math.min(Math.max(s, 1e-7), 1 - 1e-7);
                return Math.log(p) - Math.log1p(-p);
            };
            default -> s -> s;
        };
    }

    /** The split's scores made relative to their streams; same graphs, same order. */
    public ScoredSplit apply(ScoredSplit split, String modelType) {
        return new ScoredSplit(split.data(), relative(split.data(), split.scores(), scale(modelType),
                Double.NEGATIVE_INFINITY));
    }

    /**
     * Values of the split's graphs made relative to their streams: {@code g(v) − max(Q_q, floor)}. A floor keeps a
     * stream's level from being taken below it — for a score that attacks can push down as well as up, a low
     * quantile of a stream full of such attacks would otherwise lift its benign windows.
     */
    public double[] relative(SplitData d, double[] values, DoubleUnaryOperator scale, double floor) {
        Map<Integer, List<Integer>> streams = new LinkedHashMap<>();
        for (int i = 0; i < d.size(); i++) {
            streams.computeIfAbsent(d.sourceIndex()[i], k -> new ArrayList<>()).add(i);
        }
        double[] out = new double[d.size()];
        for (List<Integer> rows : streams.values()) {
            rows.sort(Comparator.comparingLong(i -> d.windowIndex()[i]));
            Online stream = online(scale, floor);
            for (int i : rows) {
                out[i] = stream.next(values[i]);
            }
        }
        return out;
    }

    /** A fresh stream's calibration, fed one window score at a time (live detection). */
    public Online online(String modelType) {
        return online(scale(modelType), Double.NEGATIVE_INFINITY);
    }

    /** A fresh stream's calibration of values on scale {@code g}, its level floored as in {@link #relative}. */
    public Online online(DoubleUnaryOperator scale, double floor) {
        return new Online(scale, new RunningQuantile(quantile, history), floor);
    }

    /** One stream's state: the calibrated value of each next window score, in stream order. */
    public static final class Online {
        private final DoubleUnaryOperator scale;
        private final RunningQuantile level;
        private final double floor;

        private Online(DoubleUnaryOperator scale, RunningQuantile level, double floor) {
            this.scale = scale;
            this.level = level;
            this.floor = floor;
        }

        public double next(double score) {
            double v = scale.applyAsDouble(score);
            level.add(v);
            return v - Math.max(level.value(), floor);
        }

        /** The calibrated value of {@code score} against the current level, which it does not change. */
        public double peek(double score) {
            return scale.applyAsDouble(score) - Math.max(level.value(), floor);
        }
    }

    /** The quantile of the last {@code history} values added; a sorted copy kept beside the arrival order. */
    public static final class RunningQuantile {
        private final double quantile;
        private final int history;
        private final ArrayDeque<Double> arrivals = new ArrayDeque<>();
        private double[] sorted = new double[16];
        private int size;

        public RunningQuantile(double quantile, int history) {
            this.quantile = quantile;
            this.history = history;
        }

        public void add(double v) {
            if (size == history) {
                remove(arrivals.removeFirst());
            }
            arrivals.addLast(v);
            if (size == sorted.length) {
                sorted = Arrays.copyOf(sorted, size * 2);
            }
            int at = insertionPoint(v);
            System.arraycopy(sorted, at, sorted, at + 1, size - at);
            sorted[at] = v;
            size++;
        }

        /** Linear interpolation between the order statistics around {@code quantile · (size − 1)}. */
        public double value() {
            if (size == 0) {
                throw new IllegalStateException("no value added yet");
            }
            double pos = quantile * (size - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, size - 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }

        private void remove(double v) {
            int at = Arrays.binarySearch(sorted, 0, size, v);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }

        private int insertionPoint(double v) {
            int at = Arrays.binarySearch(sorted, 0, size, v);
            return at >= 0 ? at : -at - 1;
        }
    }
}
