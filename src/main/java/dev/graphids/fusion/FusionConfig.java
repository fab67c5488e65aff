package dev.graphids.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.run.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters of a fuser ({@code config.model} with {@code type: fusion}); defaults per method follow models.md
 * §4.4–4.8. A key that the chosen method does not use is an error, so a config cannot silently carry dead settings.
 *
 * <pre>
 * model: {type: fusion, method: mlp}                          # weighted_avg | mlp | moe | dqn | bandit
 * model: {type: fusion, method: moe, aux_weight: 0}           # moe without the load-balancing loss (moe_noaux)
 * model: {type: fusion, method: dqn, reward: legacy}          # RL reward: minimal (default) | legacy
 * model: {type: fusion, method: max_sigma, inputs: [gat, rq]}  # the alarm of the most anomalous input
 * model: {type: fusion, method: max_sigma, inputs: [gat&rate, rq]}  # gat and rate must agree to alarm
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FusionConfig(@JsonProperty("type") String type,
                           @JsonProperty("method") String method,
                           @JsonProperty("reward") String reward,
                           @JsonProperty("lr") Double lr,
                           @JsonProperty("weight_decay") Double weightDecay,
                           @JsonProperty("batch_size") Integer batchSize,
                           @JsonProperty("dropout") Double dropout,
                           @JsonProperty("aux_weight") Double auxWeight,
                           @JsonProperty("experts") Integer experts,
                           @JsonProperty("episode_size") Integer episodeSize,
                           @JsonProperty("gradient_steps") Integer gradientSteps,
                           @JsonProperty("buffer_size") Integer bufferSize,
                           @JsonProperty("epsilon_start") Double epsilonStart,
                           @JsonProperty("epsilon_end") Double epsilonEnd,
                           @JsonProperty("epsilon_anneal_steps") Integer epsilonAnnealSteps,
                           @JsonProperty("ucb_alpha") Double ucbAlpha,
                           @JsonProperty("ridge_lambda") Double ridgeLambda,
                           @JsonProperty("backbone_retrain_freq") Integer backboneRetrainFreq,
                           @JsonProperty("backbone_epochs") Integer backboneEpochs,
                           @JsonProperty("inputs") List<String> inputs) {
    public static final String TYPE = "fusion";
    public static final List<String> METHODS = List.of("weighted_avg", "mlp", "moe", "dqn", "bandit",
            "max_sigma");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "weighted_avg", Set.of("lr", "weight_decay", "batch_size"),
            "mlp", Set.of("lr", "weight_decay", "batch_size", "dropout"),
            "moe", Set.of("lr", "weight_decay", "batch_size", "dropout", "aux_weight", "experts"),
            "dqn", Set.of("reward", "lr", "weight_decay", "batch_size", "episode_size", "gradient_steps",
                    "buffer_size", "epsilon_start", "epsilon_end", "epsilon_anneal_steps"),
            "bandit", Set.of("reward", "lr", "weight_decay", "batch_size", "episode_size", "gradient_steps",
                    "buffer_size", "dropout", "ucb_alpha", "ridge_lambda", "backbone_retrain_freq",
                    "backbone_epochs"),
            "max_sigma", Set.of("inputs"));

    public FusionConfig {
        if (type != null && !type.equals(TYPE)) {
            throw new ConfigException("config.model.type", "expected fusion, found '" + type + "'");
        }
        type = TYPE;
        if (method == null || !METHODS.contains(method)) {
            throw new ConfigException("config.model.method", "expected one of " + String.join(", ", METHODS)
                    + ", found " + (method == null ? "nothing" : "'" + method + "'"));
        }
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("reward", reward);
        given.put("lr", lr);
        given.put("weight_decay", weightDecay);
        given.put("batch_size", batchSize);
        given.put("dropout", dropout);
        given.put("aux_weight", auxWeight);
        given.put("experts", experts);
        given.put("episode_size", episodeSize);
        given.put("gradient_steps", gradientSteps);
        given.put("buffer_size", bufferSize);
        given.put("epsilon_start", epsilonStart);
        given.put("epsilon_end", epsilonEnd);
        given.put("epsilon_anneal_steps", epsilonAnnealSteps);
        given.put("ucb_alpha", ucbAlpha);
        given.put("ridge_lambda", ridgeLambda);
        given.put("backbone_retrain_freq", backboneRetrainFreq);
        given.put("backbone_epochs", backboneEpochs);
        given.put("inputs", inputs);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !KEYS.get(method).contains(e.getKey())) {
                throw new ConfigException("config.model." + e.getKey(), "not a setting of method " + method
                        + " (its settings: " + String.join(", ", KEYS.get(method).stream().sorted().toList()) + ")");
            }
        }
        boolean rl = method.equals("dqn") || method.equals("bandit");
        if (rl) {
            reward = reward == null ? Reward.MINIMAL.key() : Reward.parse(reward).key();
        }
        if (!method.equals("max_sigma")) { // closed form: no optimiser settings
            lr = positive("lr", lr == null ? (method.equals("weighted_avg") ? 1e-2 : 1e-3) : lr);
            weightDecay = weightDecay == null ? (method.equals("dqn") ? 1e-5 : 0.0) : weightDecay;
            if (!(weightDecay >= 0)) {
                throw new ConfigException("config.model.weight_decay", "expected >= 0, found " + weightDecay);
            }
            batchSize = atLeast("batch_size", batchSize == null ? (rl ? 128 : 1024) : batchSize, 1);
        }
        if (method.equals("mlp") || method.equals("moe") || method.equals("bandit")) {
            dropout = dropout == null ? 0.2 : dropout;
            if (!(dropout >= 0 && dropout < 1)) {
                throw new ConfigException("config.model.dropout", "expected a number in [0, 1), found " + dropout);
            }
        }
        if (method.equals("moe")) {
            auxWeight = auxWeight == null ? 0.01 : auxWeight;
            if (!(auxWeight >= 0)) {
                throw new ConfigException("config.model.aux_weight", "expected >= 0, found " + auxWeight);
            }
            experts = atLeast("experts", experts == null ? 3 : experts, 1);
        }
        if (rl) {
            episodeSize = atLeast("episode_size", episodeSize == null ? 20_000 : episodeSize, 1);
            gradientSteps = atLeast("gradient_steps", gradientSteps == null ? 1 : gradientSteps, 0);
            bufferSize = atLeast("buffer_size", bufferSize == null ? (method.equals("dqn") ? 50_000 : 100_000)
                    : bufferSize, 1);
        }
        if (method.equals("dqn")) {
            epsilonStart = unit("epsilon_start", epsilonStart == null ? 0.2 : epsilonStart);
            epsilonEnd = unit("epsilon_end", epsilonEnd == null ? 0.01 : epsilonEnd);
            // int(ln(0.01/0.2)/ln(0.995)) = 597 in the original (torchrl EGreedyModule, models.md §4.7).
            epsilonAnnealSteps = atLeast("epsilon_anneal_steps", epsilonAnnealSteps == null ? 597
                    : epsilonAnnealSteps, 1);
        }
        if (method.equals("max_sigma")) {
            inputs = List.copyOf(inputs == null ? MaxSigmaFusion.DEFAULT_INPUTS : inputs);
            List<String> members = MaxSigmaFusion.members(inputs);
            if (inputs.isEmpty() || members.stream().distinct().count() != members.size()
                    || !MaxSigmaFusion.INPUTS.keySet().containsAll(members)) {
                throw new ConfigException("config.model.inputs", "expected distinct names out of "
                        + String.join(", ", MaxSigmaFusion.INPUTS.keySet()) + ", each alone or joined by & into a "
                        + "group that alarms only when all its members do (e.g. [gat&rate, rq]), found " + inputs);
            }
        }
        if (method.equals("bandit")) {
            ucbAlpha = ucbAlpha == null ? 1.0 : ucbAlpha;
            if (!(ucbAlpha >= 0)) {
                throw new ConfigException("config.model.ucb_alpha", "expected >= 0, found " + ucbAlpha);
            }
            ridgeLambda = positive("ridge_lambda", ridgeLambda == null ? 1.0 : ridgeLambda);
            backboneRetrainFreq = atLeast("backbone_retrain_freq", backboneRetrainFreq == null ? 50
                    : backboneRetrainFreq, 1);
            backboneEpochs = atLeast("backbone_epochs", backboneEpochs == null ? 5 : backboneEpochs, 0);
            if (episodeSize > bufferSize) {
                throw new ConfigException("config.model.episode_size", "expected <= buffer_size " + bufferSize
                        + " (the bandit updates its ridge state from the episode's buffered transitions), found "
                        + episodeSize);
            }
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRl() {
        return method.equals("dqn") || method.equals("bandit");
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Reward rewardKind() {
        return Reward.parse(reward);
    }

    private static double positive(String key, double v) {
        if (!(v > 0)) {
            throw new ConfigException("config.model." + key, "expected > 0, found " + v);
        }
        return v;
    }

    private static double unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new ConfigException("config.model." + key, "expected a number in [0, 1], found " + v);
        }
        return v;
    }

    private static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw new ConfigException("config.model." + key, "expected >= " + min + ", found " + v);
        }
        return v;
    }
}
