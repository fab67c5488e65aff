package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.detect.DetectorSpec;
import dev.graphids.detect.Detectors;
import dev.graphids.detect.StreamDetector;
import dev.graphids.detect.WindowVerdict;
import dev.graphids.eval.PredictionReader;
import dev.graphids.export.BundleExporter;
import dev.graphids.eval.ScoredSplit;
import dev.graphids.eval.SplitRef;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.fusion.state.FusionStates;
import dev.graphids.fusion.state.StateFiles;
import dev.graphids.io.Digests;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import dev.graphids.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the launcher on simulated traffic: a tiny GAT and a tiny VGAE are fit, {@code extract} writes
 * the fusion states of their validation split and test folders, and fusers are fit and tested on them.
 */
class FusionStagesTest {
    static final String HEAD = """
            experiment_name: sim_fusion
            run_name: %s
            dataset: sim
            seed: 3
            stage: %s
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            """;
    static final String DATA = """
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
            """;

    @TempDir
    Path tmp;

    private StageLaunches launches;

    private RunSummary launch(Lake lake, String yaml, String... overrides) throws IOException {
        return launches.launch(yaml, overrides);
    }

    private static Path runDir(Lake lake, String run) {
        return lake.runsDir().resolve("sim/sim_fusion").resolve(run);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> testDetails(Path run) {
        return (Map<String, Map<String, Object>>) new RunJournal(new RunPaths(run)).readEvents().get(1).details()
                .get("tests");
    }

    @Test
    void extractThenFuseAndTestThroughTheLauncher() throws IOException {
        launches = StageLaunches.simulated(tmp, 0.1);
        Lake lake = launches.lake();
        String fit = HEAD + "config:\n" + DATA + "  trainer: {max_epochs: 1, min_steps_per_epoch: 4}\n";
        assertThat(launch(lake, fit.formatted("gat", "fit") + "  model: {type: gat, hidden: 8, layers: 1, heads: 1, "
                + "fc_layers: 1, embedding_dim: 4}\n").status()).isEqualTo("finished");
        assertThat(launch(lake, fit.formatted("vgae", "fit") + "  model: {type: vgae, latent_dim: 4, hidden_dims: "
                + "[8], heads: 1, embedding_dim: 4, mlp_hidden: 8, min_calibration_graphs: 2}\n").status())
                .isEqualTo("finished");
        Path gatCkpt = runDir(lake, "gat").resolve("checkpoints/best_model.safetensors");
        Path vgaeCkpt = runDir(lake, "vgae").resolve("checkpoints/best_model.safetensors");

        String extract = HEAD.formatted("extract", "extract") + "config:\n" + DATA + "  checkpoints: {gat: " + gatCkpt
                + ", vgae: " + vgaeCkpt + "}\n  batch_size: 16\n";
        assertThatThrownBy(() -> launch(lake, extract.replace("vgae: " + vgaeCkpt, "vgae: " + gatCkpt)))
                .hasMessageContaining("config.checkpoints.vgae: " + gatCkpt + " holds a gat model");
        assertThat(launch(lake, extract).status()).isEqualTo("finished");

        // The manifest: layout, provenance, and graphs that come from the upstream validation split only.
        Path states = runDir(lake, "extract").resolve("states");
        JsonNode manifest = new ObjectMapper().readTree(states.resolve(StateFiles.MANIFEST).toFile());
        assertThat(manifest.get("state_layout")).hasSize(18);
        assertThat(manifest.get("state_layout").get(6).asText()).isEqualTo("gat/probs[1] p_attack");
        assertThat(manifest.at("/checkpoints/gat/sha256").asText()).isEqualTo(Digests.sha256(gatCkpt));
        assertThat(manifest.at("/attack_type_names/0").asText()).isEqualTo("benign");
        List<String> tests = StateFiles.testSplits(manifest);
        assertThat(tests).containsExactly("test_01_known_vehicle_known_attack",
                "test_02_unknown_vehicle_known_attack", "test_05_suppress");
        var upstreamVal = PredictionReader.read(runDir(lake, "gat").resolve("predictions/val.safetensors"));
        var upstreamTrain = PredictionReader.read(runDir(lake, "gat").resolve("predictions/train.safetensors"));
        FusionStates ftrain = StateFiles.read(states, StateFiles.FUSION_TRAIN);
        FusionStates fval = StateFiles.read(states, StateFiles.FUSION_VAL);
        assertThat(ftrain.size() + fval.size()).isEqualTo(upstreamVal.size());
        assertThat(ftrain.size()).isGreaterThan(0);
        assertThat(fval.size()).isGreaterThan(0);
        Set<String> trainWindows = new HashSet<>();
        for (int i = 0; i < upstreamTrain.size(); i++) {
            trainWindows.add(upstreamTrain.source(i) + "#" + upstreamTrain.windowIndex()[i]);
        }
        for (FusionStates s : List.of(ftrain, fval)) {
            for (int i = 0; i < s.size(); i++) {
                int g = (int) s.windowId()[i];
                String key = s.sources().get(s.sourceIndex()[i]) + "#" + s.windowIndex()[i];
                assertThat(trainWindows).doesNotContain(key);
                // Row g of the upstream validation split: the same window, and the GAT's p(attack) there.
                assertThat(upstreamVal.source(g) + "#" + upstreamVal.windowIndex()[g]).isEqualTo(key);
                assertThat(s.gatProb()[i]).isCloseTo(upstreamVal.score()[g], within(1e-5));
            }
        }
        // Interleaved blocks: within a capture file, a window's part is its block's (10 consecutive windows).
        java.util.Map<String, Long> firstWindow = new java.util.HashMap<>();
        for (FusionStates s : List.of(ftrain, fval)) {
            for (int i = 0; i < s.size(); i++) {
                firstWindow.merge(s.sources().get(s.sourceIndex()[i]), s.windowIndex()[i], Math::min);
            }
        }
        java.util.Map<String, Integer> part = new java.util.HashMap<>();
        for (FusionStates s : List.of(ftrain, fval)) {
            for (int i = 0; i < s.size(); i++) {
                String source = s.sources().get(s.sourceIndex()[i]);
                String block = source + "#" + (s.windowIndex()[i] - firstWindow.get(source)) / 10;
                assertThat(part.putIfAbsent(block, s == ftrain ? 0 : 1)).isIn(null, s == ftrain ? 0 : 1);
            }
        }
        Safetensors.MappedFile raw = Safetensors.map(states.resolve("fusion_train.safetensors"));
        assertThat(raw.shape("vgae/errors")).containsExactly(ftrain.size(), 3);
        // Beside the state, the rate baseline's score of each window: the upstream rate of the same window.
        var rateVal = dev.graphids.model.rate.RateBaseline.score(new dev.graphids.eval.SplitReader(
                dev.graphids.cache.GraphCache.open(Path.of(manifest.get("cache_dir").asText()))), SplitRef.val());
        for (int i = 0; i < ftrain.size(); i++) {
            assertThat(ftrain.features().get("rate/score")[i]).isEqualTo((float) rateVal.scores()[(int)
                    ftrain.windowId()[i]]);
        }
        assertThat(raw.names()).contains("labels", "attack_type", "window_id", "gat/emb_stats", "vgae/z_stats");

        // Fusers: fit and test like any model.
        for (String model : List.of("{type: fusion, method: mlp, batch_size: 32}",
                "{type: fusion, method: dqn, episode_size: 64, gradient_steps: 4, reward: legacy}",
                "{type: fusion, method: max_sigma, inputs: [gat, rate, rq]}")) {
            String method = model.replaceAll(".*method: (\\w+).*", "$1");
            String body = "config:\n  model: " + model + "\n  states: runs/sim/sim_fusion/extract" // lake-relative
                    + "\n  trainer: {max_epochs: 3, patience: 5}\n";
            RunSummary fitRun = launch(lake, HEAD.formatted("fit_" + method, "fit") + body);
            assertThat(fitRun.status()).isEqualTo("finished");
            Path ckpt = runDir(lake, "fit_" + method).resolve("checkpoints/best_model.safetensors");
            Checkpoint c = Checkpoint.open(ckpt, List.of("fusion"));
            assertThat(c.modelType()).isEqualTo("fusion");
            assertThat(c.metadata().get("hyper_parameters")).contains("\"method\":\"" + method + "\"");
            assertThat(c.metadata()).containsEntry("states_cache_identity", manifest.get("cache_identity").asText())
                    .containsEntry("parameter_count", Map.of("mlp", "3329", "dqn", "38165", "max_sigma", "0")
                            .get(method));
            // max_sigma is fitted in closed form: one epoch, its benign statistics as checkpoint buffers.
            assertThat(c.trainerState().history()).hasSizeBetween(1, method.equals("max_sigma") ? 1 : 3);
            assertThat(c.trainerState().history().get(0)).containsKeys("train_loss", "val_loss", "val_auroc");
            assertThat(runDir(lake, "fit_" + method).resolve("artifacts/plots/training_curves.png")).exists();
            var fitVal = PredictionReader.read(runDir(lake, "fit_" + method).resolve("predictions/val.safetensors"));
            assertThat(fitVal.size()).isEqualTo(fval.size());

            if (method.equals("dqn")) {
                assertThatThrownBy(() -> launch(lake, HEAD.formatted("test_wrong", "test") + body.replace("method: dqn, "
                        + "episode_size: 64, gradient_steps: 4, reward: legacy", "method: mlp"), "config.ckpt_path="
                        + ckpt)).hasMessageContaining("config.model.method: mlp, but " + ckpt + " holds a dqn fuser");
            }
            RunSummary testRun = launch(lake, HEAD.formatted("test_" + method, "test") + body, "config.ckpt_path="
                    + ckpt);
            assertThat(testRun.status()).isEqualTo("finished");
            Map<String, Map<String, Object>> perFolder = testDetails(runDir(lake, "test_" + method));
            assertThat(perFolder).containsOnlyKeys(tests);
            for (String folder : tests) {
                FusionStates s = StateFiles.read(states, folder);
                Path file = runDir(lake, "test_" + method).resolve("predictions/test/" + folder + ".safetensors");
                var p = PredictionReader.read(file);
                assertThat(p.model()).isEqualTo("fusion/" + method);
                assertThat(p.size()).isEqualTo(s.size()).isEqualTo(((Number) perFolder.get(folder).get("samples"))
                        .intValue());
                Safetensors.MappedFile f = Safetensors.map(file);
                double[] gat = read(f, "gat_prob");
                for (int i = 0; i < p.size(); i++) {
                    // RL fusers decide by their rule (fused > 0.5); supervised ones at the fusion-val threshold.
                    double threshold = method.equals("dqn") ? Math.nextUp(0.5)
                            : p.threshold();
                    assertThat(p.decision()[i] == 1).isEqualTo(p.score()[i] >= threshold);
                    assertThat(p.y()[i]).isEqualTo(s.labels()[i]);
                    assertThat(gat[i]).isCloseTo(s.gatProb()[i], within(1e-7));
                }
                if (method.equals("dqn")) {
                    double[] alpha = read(f, "alpha");
                    double[] anomaly = read(f, "anomaly");
                    for (int i = 0; i < p.size(); i++) {
                        assertThat(alpha[i] * 20).isCloseTo(Math.rint(alpha[i] * 20), within(1e-9)); // 21 arms
                        assertThat(p.score()[i]).isCloseTo((1 - alpha[i]) * anomaly[i] + alpha[i] * gat[i],
                                within(1e-12));
                    }
                } else {
                    assertThat(f.names()).doesNotContain("alpha");
                }
                assertThat(runDir(lake, "test_" + method).resolve("artifacts/plots/confusion_" + folder + ".png"))
                        .exists();
            }
            assertThat((Double) perFolder.get("test_01_known_vehicle_known_attack").get("auroc")).isBetween(0.0, 1.0);
            String calibrated = "  stream_calibration: {quantile: 0.25, history: 50}\n";
            if (method.equals("dqn")) {
                assertThatThrownBy(() -> launch(lake, HEAD.formatted("test_cal_" + method, "test") + body + calibrated,
                        "config.ckpt_path=" + ckpt)).hasMessageContaining("decides by its rule fused > 0.5");
            } else if (method.equals("max_sigma")) {
                // Stream-calibrated: every split's scores relative to their capture's running quantile, validation
                // included, exactly as StreamCalibration computes them from the plain run's scores.
                launch(lake, HEAD.formatted("test_cal_" + method, "test") + body + calibrated, "config.ckpt_path="
                        + ckpt);
                StreamCalibration cal = new StreamCalibration(0.25, 50);
                for (String folder : tests) {
                    String file = "predictions/test/" + folder + ".safetensors";
                    var plain = PredictionReader.read(runDir(lake, "test_" + method).resolve(file));
                    var cp = PredictionReader.read(runDir(lake, "test_cal_" + method).resolve(file));
                    assertThat(cp.metadata()).containsEntry("stream_calibration", cal.describe());
                    double[] expected = cal.apply(new ScoredSplit(StateFiles.read(states, folder)
                            .asSplitData(SplitRef.test(folder)), plain.score()), "fusion/" + method).scores();
                    assertThat(cp.score()).containsExactly(expected, within(1e-12));
                }
                assertDetectEqualsTestRun(lake, runDir(lake, "fit_" + method), runDir(lake, "test_" + method), tests);
            }
        }

        // A GAT ensemble: a second GAT (another seed) listed beside the first; the state holds their mean log-odds.
        assertThat(launch(lake, fit.formatted("gat_b", "fit") + "  model: {type: gat, hidden: 8, layers: 1, heads: 1, "
                + "fc_layers: 1, embedding_dim: 4}\n", "seed=4").status()).isEqualTo("finished");
        Path gatB = runDir(lake, "gat_b").resolve("checkpoints/best_model.safetensors");
        assertThat(launch(lake, HEAD.formatted("extract_ens", "extract") + "config:\n" + DATA + "  checkpoints: {gat: ["
                + gatCkpt + ", " + gatB + "], vgae: " + vgaeCkpt + "}\n  batch_size: 16\n").status())
                .isEqualTo("finished");
        Path ensStates = runDir(lake, "extract_ens").resolve("states");
        JsonNode ens = new ObjectMapper().readTree(ensStates.resolve(StateFiles.MANIFEST).toFile());
        assertThat(ens.at("/checkpoints/gat/ensemble")).hasSize(2);
        assertThat(ens.at("/checkpoints/gat/ensemble/1/sha256").asText()).isEqualTo(Digests.sha256(gatB));
        FusionStates single = StateFiles.read(states, StateFiles.FUSION_VAL);
        FusionStates pair = StateFiles.read(ensStates, StateFiles.FUSION_VAL);
        assertThat(pair.size()).isEqualTo(single.size());
        assertThat(pair.gatProb()).isNotEqualTo(single.gatProb());
        String ensBody = "config:\n  model: {type: fusion, method: max_sigma, inputs: [gat&rate, rq]}\n"
                + "  states: runs/sim/sim_fusion/extract_ens\n  trainer: {max_epochs: 1}\n";
        assertThat(launch(lake, HEAD.formatted("fit_ens", "fit") + ensBody).status()).isEqualTo("finished");
        String ensCkpt = "config.ckpt_path=" + runDir(lake, "fit_ens").resolve("checkpoints/best_model.safetensors");
        assertThat(launch(lake, HEAD.formatted("test_ens", "test") + ensBody, ensCkpt).status()).isEqualTo("finished");
        // Per-input stream levels: recorded with the predictions; graph models and other fusers refuse them.
        assertThat(launch(lake, HEAD.formatted("test_ens_per_input", "test") + ensBody + "  stream_calibration: "
                + "{quantile: 0.25, history: 50, per_input: true}\n", ensCkpt).status()).isEqualTo("finished");
        assertThat(PredictionReader.read(runDir(lake, "test_ens_per_input").resolve("predictions/test/" + tests.get(0)
                + ".safetensors")).metadata()).containsEntry("stream_calibration",
                "quantile=0.25,history=50,per_input=true");
        assertThatThrownBy(() -> launch(lake, HEAD.formatted("test_mlp_per_input", "test") + "config:\n  model: "
                + "{type: fusion, method: mlp, batch_size: 32}\n  states: runs/sim/sim_fusion/extract\n"
                + "  stream_calibration: {per_input: true}\n", "config.ckpt_path=" + runDir(lake, "fit_mlp")
                .resolve("checkpoints/best_model.safetensors"))).hasMessageContaining("per_input: applies to "
                + "max_sigma fusers, not mlp");
        // Detect runs the ensemble too, from the run and from its bundle (which carries every member).
        Path bundle = assertDetectEqualsTestRun(lake, runDir(lake, "fit_ens"), runDir(lake, "test_ens"), tests);
        assertThat(bundle.resolve("upstream_gat_1.safetensors")).exists();
        // ... and with per-input stream levels, live, as the per-input test run scored each capture.
        assertThat(detectedWindows(lake, Detectors.load(bundle), runDir(lake, "test_ens_per_input"), tests,
                new StreamCalibration(0.25, 50))).isGreaterThan(0);
    }

    /**
     * {@code graphids detect} with the fuser's fit run scores each capture of the test folders as the test run did:
     * the GAT and VGAE features and the rate of every window computed again from its frames, then the fuser
     * (max_sigma reads only deterministic inputs: the GAT's p(attack), the rate and the Rayleigh quotient), at the
     * same threshold.
     */
    private static Path assertDetectEqualsTestRun(Lake lake, Path fitRun, Path testRun, List<String> folders)
            throws IOException {
        // From the run (upstream models found through its extract run) and from its exported bundle (which carries
        // them): the same scores as the test run.
        Path bundle = BundleExporter.export(lake, fitRun, null).dir();
        assertThat(bundle.resolve("upstream_gat.safetensors")).exists();
        int windows = 0;
        for (DetectorSpec spec : List.of(Detectors.load(fitRun), Detectors.load(bundle))) {
            assertThat(spec.modelType()).isEqualTo("fusion/max_sigma");
            windows += detectedWindows(lake, spec, testRun, folders, null);
        }
        assertThat(windows).isGreaterThan(0);
        return bundle;
    }

    /** @param perInput when not null, detect with per-input stream levels at the test run's own threshold */
    private static int detectedWindows(Lake lake, DetectorSpec spec, Path testRun, List<String> folders,
                                       StreamCalibration perInput) throws IOException {
        int windows = 0;
        for (String folder : folders) {
            var p = PredictionReader.read(testRun.resolve("predictions/test/" + folder + ".safetensors"));
            if (perInput != null) {
                spec = spec.withThreshold(p.threshold());
            }
            assertThat(spec.threshold()).isEqualTo(p.threshold());
            Map<String, Map<Long, Double>> expected = new java.util.HashMap<>();
            for (int i = 0; i < p.size(); i++) {
                expected.computeIfAbsent(p.source(i), k -> new java.util.HashMap<>()).put(p.windowIndex()[i],
                        p.score()[i]);
            }
            for (var file : expected.entrySet()) {
                List<WindowVerdict> verdicts = new java.util.ArrayList<>();
                try (FrameReader reader = FrameReaders.open(lake.rawDir("sim").resolve(file.getKey()),
                        ReadOptions.defaults())) {
                    // Naming suspects re-scores occluded windows, which must not move the per-input levels.
                    new StreamDetector(spec, 64, perInput != null ? 3 : 0, perInput, perInput != null)
                            .run(reader, verdicts::add);
                }
                assertThat(verdicts).hasSize(file.getValue().size());
                for (WindowVerdict v : verdicts) {
                    // float32 sums inside differently composed batches differ in the last bits
                    assertThat(v.score()).as(file.getKey() + " window " + v.window())
                            .isCloseTo(file.getValue().get(v.window()), within(1e-3));
                    windows++;
                }
            }
        }
        return windows;
    }

    private static double[] read(Safetensors.MappedFile f, String name) {
        java.nio.DoubleBuffer b = f.doubles(name);
        double[] out = new double[b.remaining()];
        b.get(out);
        return out;
    }
}
