package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.eval.StreamCalibration;

/**
 * The {@code config.stream_calibration} block of a test run: scores relative to each capture's own running
 * quantile ({@link StreamCalibration}), on validation and every test folder alike, before the threshold is chosen.
 *
 * <pre>
 * stream_calibration: {quantile: 0.1, history: 10000, per_input: false}
 * </pre>
 *
 * @param quantile the stream's level to subtract, 0..1 (low: the benign level)
 * @param history  how many of the stream's latest windows the quantile is taken over
 * @param perInput max_sigma fusers only: each input relative to its stream before they are combined, instead of the
 *                 fused score after
 */
public record StreamCalibrationConfig(@JsonProperty("quantile") Double quantile,
                                      @JsonProperty("history") Integer history,
                                      @JsonProperty("per_input") Boolean perInput) {
    private static final String AT = "config.stream_calibration.";

    public StreamCalibrationConfig {
        quantile = quantile == null ? 0.1 : quantile;
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new ConfigException(AT + "quantile", "expected a number in 0..1, found " + quantile);
        }
        history = history == null ? StreamCalibration.DEFAULT_HISTORY : history;
        if (history < 1) {
            throw new ConfigException(AT + "history", "expected >= 1 windows, found " + history);
        }
        perInput = perInput != null && perInput;
    }

    public StreamCalibration calibration() {
        return new StreamCalibration(quantile, history);
    }
}
