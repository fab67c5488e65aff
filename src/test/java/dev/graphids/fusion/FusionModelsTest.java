package dev.graphids.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.graphids.fusion.state.StateLayout;
import dev.graphids.model.Adam;
import dev.graphids.run.ConfigException;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter counts of models.md §4.4–4.8, and every method learning a separable toy problem. */
class FusionModelsTest {
    @BeforeAll
    static void engine() {
        Engines.preflight(Accelerator.CPU, 1);
    }

    static FusionConfig config(String method, Map<String, Object> settings) {
        var node = FusionCheckpoint.JSON.createObjectNode().put("type", "fusion").put("method", method);
        settings.forEach((k, v) -> node.set(k, FusionCheckpoint.JSON.valueToTree(v)));
        return FusionCheckpoint.JSON.convertValue(node, FusionConfig.class);
    }

    @ParameterizedTest
    @CsvSource({"weighted_avg, 1", "mlp, 3329", "moe, 10694", "dqn, 38165", "bandit, 36224", "max_sigma, 0"})
    void parameterCountsMatchTheSpec(String method, long expected) {
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config(method,
                Map.of()), m, 1)) {
            assertThat(model.parameterCount()).isEqualTo(expected);
        }
    }

    /**
     * A toy where the GAT is right (p(attack) 0.85 on attacks, 0.15 on benign graphs) and the VGAE is inverted
     * (anomaly 0.8 on benign, 0.2 on attack graphs): only a blend weighing the GAT at least as much as the VGAE
     * (α ≥ 0.43 to 0.5, depending on the jitter of p(attack)) decides right, and the MLP/MoE can read the label off p(attack).
     */
    static FusionData toy(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] raw = new float[n * StateLayout.DIM];
        int[] labels = new int[n];
        double[] anomaly = new double[n];
        for (int i = 0; i < n; i++) {
            int y = i % 2;
            labels[i] = y;
            int o = i * StateLayout.DIM;
            float jitter = (float) (r.nextDouble() * 0.1 - 0.05);
            float p = (y == 1 ? 0.85f : 0.15f) + jitter;
            raw[o + StateLayout.GAT_P_ATTACK] = p;
            raw[o + StateLayout.GAT_P_ATTACK - 1] = 1 - p;
            raw[o + StateLayout.GAT_CONF] = 0.4f;
            float recon = y == 1 ? 0.625f : 10f; // w = 0.4·recon → anomaly 0.2 / 0.8
            raw[o + StateLayout.RECON] = recon;
            raw[o + StateLayout.VGAE_CONF] = 1 / (1 + recon);
            anomaly[i] = 0.4 * recon / (1 + 0.4 * recon);
            for (int d = 1; d <= 4; d++) {
                raw[o + d] = (float) r.nextGaussian();
            }
        }
        return FusionData.of(raw, labels, anomaly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"weighted_avg", "mlp", "moe", "moe_noaux", "dqn", "dqn_legacy", "bandit"})
    void everyMethodLearnsASeparableToy(String variant) {
        Map<String, Object> settings = switch (variant) {
            case "weighted_avg" -> Map.of("lr", 0.05, "batch_size", 64);
            case "mlp", "moe" -> Map.of("lr", 0.01, "batch_size", 64);
            case "moe_noaux" -> Map.of("lr", 0.01, "batch_size", 64, "aux_weight", 0.0);
            case "dqn", "dqn_legacy" -> Map.of("episode_size", 200, "gradient_steps", 20, "epsilon_anneal_steps",
                    2000, "reward", variant.equals("dqn") ? "minimal" : "legacy");
            case "bandit" -> Map.of("episode_size", 200, "backbone_retrain_freq", 4, "backbone_epochs", 5);
            default -> throw new IllegalArgumentException(variant);
        };
        String method = variant.replace("_noaux", "").replace("_legacy", "");
        FusionData train = toy(600, 1);
        FusionData test = toy(300, 2);
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config(method,
                settings), m, 7); Adam adam = model.newOptimizer(1.0)) {
            assertThat(FusionTrainer.accuracy(test.labels(), model.predict(test).score())).as("untrained")
                    .isLessThan(0.9);
            for (int epoch = 0; epoch < 8; epoch++) {
                model.trainEpoch(train, adam, 3, epoch);
            }
            FusionOutput out = model.predict(test);
            assertThat(FusionTrainer.accuracy(test.labels(), out.score())).as(variant).isGreaterThanOrEqualTo(0.95);
            if (out.alpha() != null) {
                double mean = java.util.Arrays.stream(out.alpha()).average().orElseThrow();
                assertThat(mean).as("mean alpha of " + variant).isGreaterThan(0.45);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void moeAndWeightedAverageLogTheirDiagnosticsOnValidation() {
        FusionData val = toy(50, 4);
        try (NDManager m = NDManager.newBaseManager();
             FusionModel moe = FusionModels.create(config("moe", Map.of()), m, 1);
             FusionModel avg = FusionModels.create(config("weighted_avg", Map.of()), m, 1)) {
            Map<String, Double> vm = moe.validationMetrics(val, moe.predict(val));
            double usage = vm.get("val/expert_usage_0") + vm.get("val/expert_usage_1") + vm.get("val/expert_usage_2");
            assertThat(usage).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(vm.get("val/gate_entropy")).isBetween(0.0, Math.log(3) + 1e-6);
            // w = 0 at initialisation: α = 0.5, and the score is the plain average of 1 − vgae.conf and p(attack)
            FusionOutput out = avg.predict(val);
            assertThat(avg.validationMetrics(val, out).get("val/alpha")).isCloseTo(0.5,
                    org.assertj.core.api.Assertions.within(1e-7));
            double expected = 0.5 * (1 - val.raw()[StateLayout.VGAE_CONF]) + 0.5 * val.raw()[StateLayout.GAT_P_ATTACK];
            assertThat(out.score()[0]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @ParameterizedTest
    @CsvSource({"mlp, aux_weight", "weighted_avg, dropout", "dqn, ucb_alpha", "moe, reward", "max_sigma, lr"})
    void aSettingTheMethodDoesNotUseIsAnError(String method, String key) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config(method, Map.of(key, 1)))
                .rootCause().isInstanceOf(ConfigException.class).hasMessageContaining("not a setting of method "
                        + method);
    }

    /**
     * max_sigma by hand: inputs gat (the logit of p(attack)) and rq, standardised on the benign training rows only
     * (the attack row's extreme values must not move the statistics), score = the larger standardised input.
     */
    @org.junit.jupiter.api.Test
    void maxSigmaStandardisesOnBenignGraphsAndTakesTheLargerInput() {
        // benign rows: p(attack) 0.5, 0.5, 0.5 + ... → logits 0, 0, ln 3; rq 1, 2, 3; one attack row with huge values
        float[] p = {0.5f, 0.5f, 0.75f, 0.999f};
        float[] rq = {1f, 2f, 3f, 1000f};
        FusionData train = FusionData.of(state(p, rq), new int[] {0, 0, 0, 1}, new double[4]);
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config("max_sigma",
                Map.of()), m, 1); Adam adam = model.newOptimizer(1.0)) {
            assertThat(model.closedForm()).isTrue();
            model.trainEpoch(train, adam, 1, 0);
            double l3 = Math.log(3);
            double gatMean = l3 / 3;
            double gatStd = Math.sqrt((2 * gatMean * gatMean + (l3 - gatMean) * (l3 - gatMean)) / 2);
            // rq: mean 2, std 1. A graph with p(attack) 0.9 and rq 2.5: gat z = (ln 9 − mean)/std, rq z = 0.5.
            FusionData probe = FusionData.of(state(new float[] {0.9f, 0.5f}, new float[] {2.5f, 6f}), new int[2],
                    new double[2]);
            double[] score = model.predict(probe).score();
            double gatZ = (Math.log(9) - gatMean) / (gatStd + 1e-6);
            assertThat(score[0]).isCloseTo(Math.max(gatZ, 0.5), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(score[1]).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-4)); // rq (6 − 2)/1
        }
    }

    /** The rate input comes from beside the state; states without it get an error that says what to do. */
    @org.junit.jupiter.api.Test
    void maxSigmaReadsTheRateBesideTheState() {
        FusionData plain = FusionData.of(state(new float[] {0.5f, 0.5f, 0.5f}, new float[3]), new int[3],
                new double[3]);
        FusionData withRate = new FusionData(3, plain.raw(), plain.normalized(), plain.gatProb(), plain.anomaly(),
                plain.gatConf(), plain.vgaeConf(), plain.labels(), new double[] {-1, -2, -3});
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config("max_sigma",
                Map.of("inputs", java.util.List.of("rate"))), m, 1); Adam adam = model.newOptimizer(1.0)) {
            model.trainEpoch(withRate, adam, 1, 0);
            assertThat(model.predict(withRate).score()).containsExactly(new double[] {1, 0, -1},
                    org.assertj.core.api.Assertions.within(1e-5)); // mean −2, std 1
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.predict(plain))
                    .hasMessageContaining("run the extract stage again");
        }
    }

    /** A group {@code rate&rq} is the smaller of its members' standardised values: it alarms only where both do. */
    @org.junit.jupiter.api.Test
    void maxSigmaGroupTakesTheSmallerOfItsMembers() {
        FusionData data = rateAndRq();
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config("max_sigma",
                Map.of("inputs", java.util.List.of("rate&rq"))), m, 1); Adam adam = model.newOptimizer(1.0)) {
            model.trainEpoch(data, adam, 1, 0);
            // benign statistics: rate mean −2, std 1; rq mean 2, std 1. Row 3: rate z 2, rq z 4 → 2; row 4: 3, −2 → −2.
            assertThat(model.predict(data).score()).containsExactly(new double[] {-1, 0, -1, 2, -2},
                    org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @org.junit.jupiter.api.Test
    void maxSigmaPerInputStreamLevelsFloorTheInputsThatCanFallOnAttacks() {
        FusionData data = rateAndRq();
        // One stream, windows in this order; quantile 0 = the running minimum.
        dev.graphids.eval.SplitData stream = new dev.graphids.eval.SplitData(dev.graphids.eval.SplitRef.test("t"),
                java.util.List.of("a.csv"), new int[5], new int[5], new long[] {0, 1, 2, 3, 4}, new long[5],
                new int[] {0, 0, 0, 1, 1}, new int[5]);
        try (NDManager m = NDManager.newBaseManager(); FusionModel model = FusionModels.create(config("max_sigma",
                Map.of("inputs", java.util.List.of("rate", "rq"))), m, 1); Adam adam = model.newOptimizer(1.0)) {
            model.trainEpoch(data, adam, 1, 0);
            // z(rate) = 1, 0, −1, 2, 3: running minimum 1, 0, −1, −1, −1 → 0, 0, 0, 3, 4 (the level may fall).
            // z(rq) = −1, 0, 1, 4, −2: running minimum ≤ 0 throughout, floored at 0 → unchanged.
            // Without the floor rq would become 0, 1, 2, 5, 0 and the scores 0, 1, 2, 5, 4.
            double[] score = model.predictRelativeToStreams(data, stream,
                    new dev.graphids.eval.StreamCalibration(0, 10)).score();
            assertThat(score).containsExactly(new double[] {0, 0, 1, 4, 4}, org.assertj.core.api.Assertions.within(1e-5));
        }
        try (NDManager m = NDManager.newBaseManager(); FusionModel mlp = FusionModels.create(config("mlp", Map.of()),
                m, 1)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mlp.predictRelativeToStreams(data, null, null))
                    .hasMessageContaining("per_input: applies to max_sigma fusers, not mlp");
        }
    }

    @org.junit.jupiter.api.Test
    void maxSigmaRefusesUnknownOrRepeatedInputs() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("max_sigma", Map.of("inputs",
                java.util.List.of("gat", "speed")))).rootCause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("gat, recon, mahal, kl, affinity, rq, spike, rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("max_sigma", Map.of("inputs",
                java.util.List.of("rq", "rq")))).rootCause().isInstanceOf(ConfigException.class);
        for (String bad : java.util.List.of("gat&", "gat&speed", "rq&rq")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("max_sigma", Map.of("inputs",
                    java.util.List.of(bad)))).rootCause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("joined by &");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("max_sigma", Map.of("inputs",
                java.util.List.of("gat&rate", "rate")))).rootCause().isInstanceOf(ConfigException.class);
        assertThat(config("max_sigma", Map.of()).inputs()).containsExactly("gat", "rq");
    }

    /** Five graphs, three benign: rate −1, −2, −3, 0, 1 and rq 1, 2, 3, 6, 0. */
    private static FusionData rateAndRq() {
        FusionData plain = FusionData.of(state(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f},
                new float[] {1f, 2f, 3f, 6f, 0f}), new int[] {0, 0, 0, 1, 1}, new double[5]);
        return new FusionData(5, plain.raw(), plain.normalized(), plain.gatProb(), plain.anomaly(),
                plain.gatConf(), plain.vgaeConf(), plain.labels(), new double[] {-1, -2, -3, 0, 1});
    }

    private static float[] state(float[] pAttack, float[] rq) {
        float[] raw = new float[pAttack.length * StateLayout.DIM];
        for (int i = 0; i < pAttack.length; i++) {
            raw[i * StateLayout.DIM + StateLayout.GAT_P_ATTACK] = pAttack[i];
            raw[i * StateLayout.DIM + StateLayout.RQ] = rq[i];
        }
        return raw;
    }
}
