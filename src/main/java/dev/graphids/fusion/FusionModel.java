package dev.graphids.fusion;

import ai.djl.ndarray.NDManager;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.SplitData;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.model.Adam;
import dev.graphids.model.ParameterStore;
import java.util.Map;

/**
 * A fuser: parameters in a {@link ParameterStore} (saved in the same checkpoint bundle as the graph models), one
 * training epoch at a time, and per-graph predictions. Not thread-safe.
 */
public abstract class FusionModel implements AutoCloseable {
    protected final FusionConfig config;
    protected final NDManager parent;
    protected final ParameterStore params;

    protected FusionModel(FusionConfig config, NDManager parent, long seed) {
        this.config = config;
        this.parent = parent;
        this.params = new ParameterStore(parent, seed);
    }

    public FusionConfig config() {
        return config;
    }

    public ParameterStore parameters() {
        return params;
    }

    /** Trainable scalars (buffers such as the bandit's ridge state excluded). */
    public long parameterCount() {
        return params.count();
    }

    /** A fresh optimizer: Adam with the config's learning rate and (L2) weight decay. */
    public Adam newOptimizer(double clipNorm) {
        // Closed-form fusers have no optimiser settings and nothing to step.
        return closedForm() ? new Adam(params, 0, 0, clipNorm) : new Adam(params, config.lr(), config.weightDecay(),
                clipNorm);
    }

    /**
     * One epoch over the training split.
     *
     * @return metrics of the epoch, {@code train_loss} included
     */
    public abstract Map<String, Double> trainEpoch(FusionData train, Adam optimizer, long seed, int epoch);

    /** Greedy / evaluation-mode outputs for every graph of a split. */
    public abstract FusionOutput predict(FusionData data);

    /**
     * Outputs with every input made relative to its own stream before the inputs are combined
     * ({@code config.stream_calibration.per_input}); only a fuser that combines named inputs by a fixed rule can.
     *
     * @param streams the graphs' capture files and window order, row for row with {@code data}
     */
    public FusionOutput predictRelativeToStreams(FusionData data, SplitData streams, StreamCalibration calibration) {
        throw GraphidsException.usage("config.stream_calibration.per_input: applies to max_sigma fusers, not "
                + config.method());
    }

    /**
     * One stream's scorer for live detection with per-input stream levels: fed the stream's graphs in order, batch
     * after batch, it keeps each input's running level between calls and scores as
     * {@link #predictRelativeToStreams} scores a whole capture.
     */
    public StreamScorer streamScorer(StreamCalibration calibration) {
        throw GraphidsException.usage("per-input stream calibration applies to max_sigma fusers, not "
                + config.method());
    }

    /** One stream's scores. */
    public interface StreamScorer {
        /** The scores of the stream's next graphs, in stream order; they move its levels. */
        double[] next(FusionData data);

        /** Scores against the current levels, leaving them as they are (variants of graphs already scored). */
        double[] peek(FusionData data);
    }

    /** Validation metrics from the predictions, {@code val_loss} included. */
    public abstract Map<String, Double> validationMetrics(FusionData val, FusionOutput out);

    /** True for fusers fitted in closed form by their first epoch: the trainer stops after it. */
    public boolean closedForm() {
        return false;
    }

    /** Copies host-side learned state into buffers before saving (the bandit's ridge state); no-op by default. */
    public void beforeSave() {
    }

    /** Restores host-side state from buffers after loading; no-op by default. */
    public void afterLoad() {
    }

    @Override
    public void close() {
        params.close();
    }
}
