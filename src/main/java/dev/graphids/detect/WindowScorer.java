package dev.graphids.detect;

import dev.graphids.error.GraphidsException;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.graph.FrameWindow;
import java.util.List;

/** Scores complete windows with one model; not thread-safe (one per scoring thread). */
public interface WindowScorer extends AutoCloseable {

    /** Scores of {@code windows}, in order. */
    double[] score(List<FrameWindow> windows);

    /**
     * The {@code k} most suspicious CAN IDs of window {@code i} of the list last passed to {@link #score}, most
     * suspicious first.
     */
    List<SuspectId> suspects(int i, int k);

    @Override
    void close();

    /** The scorer of a spec: the rate baseline's closed form, the graph model or the fuser on the window's graph. */
    static WindowScorer of(DetectorSpec spec) {
        return of(spec, null);
    }

    /**
     * The same, with each of a fuser's inputs made relative to this stream's running level when {@code perInput} is
     * not null (max_sigma fusers only).
     */
    static WindowScorer of(DetectorSpec spec, StreamCalibration perInput) {
        if (perInput != null && spec.fusion() == null) {
            throw GraphidsException.usage("per-input stream calibration applies to max_sigma fusers, not "
                    + spec.modelType());
        }
        return spec.isRate() ? new RateScorer() : spec.fusion() != null ? new FusionScorer(spec, perInput)
                : new GraphModelScorer(spec);
    }
}
