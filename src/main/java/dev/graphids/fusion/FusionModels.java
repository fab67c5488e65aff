package dev.graphids.fusion;

import ai.djl.ndarray.NDManager;

/** Builds a fuser of the configured method with freshly initialised parameters. */
public final class FusionModels {
    private FusionModels() {
    }

    public static FusionModel create(FusionConfig config, NDManager parent, long seed) {
        return switch (config.method()) {
            case "weighted_avg" -> new WeightedAvgFusion(config, parent, seed);
            case "mlp" -> new MlpFusion(config, parent, seed);
            case "moe" -> new MoeFusion(config, parent, seed);
            case "dqn" -> new DqnFusion(config, parent, seed);
            case "bandit" -> new BanditFusion(config, parent, seed);
            case "max_sigma" -> new MaxSigmaFusion(config, parent, seed);
            default -> throw new IllegalArgumentException("unknown fusion method " + config.method());
        };
    }
}
