package dev.graphids.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a resumed fit needs besides weights and optimizer moments: epochs done, the best monitored value so far and
 * where, the early-stopping wait, and the per-epoch history.
 *
 * @param epochsDone  epochs completed (the next epoch is this number)
 * @param globalStep  optimizer steps taken
 * @param bestScore   best monitored value (NaN before the first validation)
 * @param bestEpoch   epoch of the best value (-1 before)
 * @param wait        epochs since the last improvement
 * @param stopped     true once early stopping fired
 * @param history     per epoch: metric name → value
 */
public record TrainerState(@JsonProperty("epochs_done") int epochsDone,
                           @JsonProperty("global_step") long globalStep,
                           @JsonProperty("best_score") double bestScore,
                           @JsonProperty("best_epoch") int bestEpoch,
                           @JsonProperty("wait") int waitCount,
                           @JsonProperty("stopped") boolean stopped,
                           @JsonProperty("history") List<Map<String, Double>> history) {

    public static TrainerState initial() {
        return new TrainerState(0, 0, Double.NaN, -1, 0, false, List.of());
    }

    TrainerState next(long steps, double best, int bestAt, int waitNow, boolean stop, Map<String, Double> epoch) {
        List<Map<String, Double>> h = new ArrayList<>(history);
        h.add(epoch);
        return new TrainerState(epochsDone + 1, globalStep + steps, best, bestAt, waitNow, stop, h);
    }
}
