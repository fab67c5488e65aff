package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.eval.PredictionReader;
import dev.graphids.lake.Lake;
import dev.graphids.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit and test through the launcher on simulated traffic: the rate baseline and a tiny GAT. */
class FitTestStagesTest {
    static final String FIT = """
            experiment_name: sim_model
            run_name: fit
            dataset: sim
            seed: 3
            stage: fit
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              model: {type: rate}
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
              trainer: {max_epochs: 2, patience: 5, min_steps_per_epoch: 4}
            """;

    @TempDir
    Path tmp;
    Lake lake;
    StageLaunches launches;

    @BeforeEach
    void simulate() throws IOException {
        launches = StageLaunches.simulated(tmp, 0.1);
        lake = launches.lake();
    }

    private RunSummary launch(String yaml, String... overrides) throws IOException {
        return launches.launch(yaml, overrides);
    }

    private Path runDir(String run) {
        return lake.runsDir().resolve("sim/sim_model").resolve(run);
    }

    @Test
    void rateBaselineFitsAThresholdAndTestsEveryFolder() throws IOException {
        assertThat(launch(FIT).status()).isEqualTo("finished");
        Path ckpt = runDir("fit").resolve("checkpoints/best_model.safetensors");
        assertThat(ckpt.resolveSibling("best_model.safetensors.sha256")).exists();
        assertThat(runDir("fit").resolve(".train_complete")).exists();
        assertThat(runDir("fit").resolve("predictions/val.safetensors")).exists();

        RunSummary test = launch(FIT.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: test"),
                "config.ckpt_path=" + ckpt);
        assertThat(test.status()).isEqualTo("finished");
        assertThat(runDir("test").resolve(".test_complete")).exists();
        RunEvent finished = new RunJournal(new RunPaths(runDir("test"))).readEvents().get(1);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tests = (Map<String, Map<String, Object>>) finished.details().get("tests");
        assertThat(tests).containsOnlyKeys("test_01_known_vehicle_known_attack",
                "test_02_unknown_vehicle_known_attack", "test_05_suppress");
        // DoS floods raise the frame rate: the rate baseline separates them.
        assertThat((Double) tests.get("test_01_known_vehicle_known_attack").get("auroc")).isGreaterThan(0.6);
        var p = PredictionReader.read(runDir("test").resolve("predictions/test/test_01_known_vehicle_known_attack"
                + ".safetensors"));
        assertThat(p.model()).isEqualTo("rate");
        // The validation scores that chose the threshold are kept next to the test folders' (docs/predictions.md).
        var val = PredictionReader.read(runDir("test").resolve("predictions/val.safetensors"));
        assertThat(val.metadata()).containsEntry("split", "val")
                .containsEntry("threshold", String.valueOf(finished.details().get("threshold")));
        for (String plot : EvaluationPlots.testPlotNames(List.copyOf(tests.keySet()))) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(runDir("test").resolve("artifacts/plots")
                    .resolve(plot).toFile());
            assertThat(img).as(plot).isNotNull();
            assertThat(img.getWidth()).as(plot).isGreaterThanOrEqualTo(600);
        }
        assertThat(runDir("fit").resolve("artifacts/plots/scores_val.png")).exists();
        assertThat(p.score()).hasSize(((Number) tests.get("test_01_known_vehicle_known_attack").get("samples"))
                .intValue());
    }

    @Test
    void streamCalibrationMakesTestScoresRelativeToEachCapturesRunningQuantile() throws IOException {
        launch(FIT);
        // a relative checkpoint path is taken from the lake root, as everywhere in a config
        String ckpt = "config.ckpt_path=runs/sim/sim_model/fit/checkpoints/best_model.safetensors";
        String test = FIT.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: raw");
        assertThat(launch(test, ckpt).status()).isEqualTo("finished");
        String calibrated = test.replace("run_name: raw", "run_name: relative")
                + "  stream_calibration: {quantile: 0.1, history: 50}\n";
        assertThat(launch(calibrated, ckpt).status()).isEqualTo("finished");

        String file = "predictions/test/test_01_known_vehicle_known_attack.safetensors";
        var raw = PredictionReader.read(runDir("raw").resolve(file));
        var rel = PredictionReader.read(runDir("relative").resolve(file));
        assertThat(rel.metadata()).containsEntry("stream_calibration", "quantile=0.1,history=50");
        int n = raw.size();
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = (int) raw.sourceIndex()[i];
        }
        var data = new dev.graphids.eval.SplitData(dev.graphids.eval.SplitRef.test("t"), raw.sources(), source,
                new int[n], raw.windowIndex(), raw.startRow(), new int[n], new int[n]);
        double[] expected = new dev.graphids.eval.StreamCalibration(0.1, 50)
                .apply(new dev.graphids.eval.ScoredSplit(data, raw.score()), "rate").scores();
        assertThat(rel.score()).containsExactly(expected);
        for (int i = 0; i < n; i++) {
            assertThat(rel.decision()[i] == 1).isEqualTo(rel.score()[i] >= rel.threshold());
        }

        assertThatThrownBy(() -> launch(FIT.replace("run_name: fit", "run_name: fit2")
                + "  stream_calibration: {quantile: 0.1}\n")).hasMessageContaining("config.stream_calibration: "
                + "applies to stage: test");
        assertThatThrownBy(() -> launch(calibrated.replace("quantile: 0.1", "quantile: 1.5"), ckpt))
                .hasMessageContaining("config.stream_calibration.quantile");
    }

    @Test
    void testNeedsACheckpointAndRefusesATamperedOne() throws IOException {
        String test = FIT.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: test");
        assertThatThrownBy(() -> launch(test)).hasMessageContaining("config.ckpt_path: a test run needs");
        launch(FIT);
        Path ckpt = runDir("fit").resolve("checkpoints/best_model.safetensors");
        Files.write(ckpt, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> launch(test, "config.ckpt_path=" + ckpt)).hasMessageContaining("is corrupt: sha256");
    }

    static final String GAT = FIT.replace("model: {type: rate}",
            "model: {type: gat, hidden: 8, layers: 1, heads: 1, fc_layers: 1, embedding_dim: 4, dropout: 0.1}");

    @Test
    void tinyGatFitsWithCheckpointsAndTests() throws IOException {
        RunSummary fit = launch(GAT);
        assertThat(fit.status()).isEqualTo("finished");
        Checkpoint best = Checkpoint.open(runDir("fit").resolve("checkpoints/best_model.safetensors"),
                ModelChoice.types());
        assertThat(best.modelType()).isEqualTo("gat");
        assertThat(best.threshold()).isNotNaN();
        assertThat(best.trainerState().epochsDone()).isBetween(1, 2);
        assertThat(Checkpoint.open(runDir("fit").resolve("checkpoints/last.safetensors"), ModelChoice.types())
                .trainerState().epochsDone()).isEqualTo(2);
        RunSummary test = launch(GAT.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: test"),
                "config.ckpt_path=" + runDir("fit").resolve("checkpoints/best_model.safetensors"));
        assertThat(test.status()).isEqualTo("finished");
        assertThat(runDir("test").resolve("predictions/test/test_05_suppress.safetensors")).exists();
        assertThat(runDir("fit").resolve("artifacts/plots/training_curves.png")).exists();
    }

    @Test
    void tinyVgaeAndDgiAreCalibratedOnBenignValidationAndTested() throws IOException {
        for (String model : List.of("{type: vgae, latent_dim: 4, hidden_dims: [8], heads: 1, embedding_dim: 4, "
                + "mlp_hidden: 8, min_calibration_graphs: 2}", "{type: dgi, latent_dim: 8, heads: 1}")) {
            String yaml = FIT.replace("{type: rate}", model);
            String name = model.contains("vgae") ? "vgae" : "dgi";
            RunSummary fit = launch(yaml.replace("run_name: fit", "run_name: fit_" + name));
            assertThat(fit.status()).isEqualTo("finished");
            Path ckpt = runDir("fit_" + name).resolve("checkpoints/best_model.safetensors");
            assertThat(Checkpoint.open(ckpt, ModelChoice.types()).metadata()).containsEntry("monitor", "val_loss");
            RunSummary test = launch(yaml.replace("stage: fit", "stage: test").replace("run_name: fit",
                    "run_name: test_" + name), "config.ckpt_path=" + ckpt);
            assertThat(test.status()).isEqualTo("finished");
            // A seeded test run repeats exactly, though the VGAE scores a masked, sampled forward.
            launch(yaml.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: again_" + name),
                    "config.ckpt_path=" + ckpt);
            String file = "predictions/test/test_01_known_vehicle_known_attack.safetensors";
            assertThat(PredictionReader.read(runDir("again_" + name).resolve(file)).score())
                    .containsExactly(PredictionReader.read(runDir("test_" + name).resolve(file)).score());
        }
        // The VGAE's label-aware validation metrics (models.md §3.4) are logged every epoch and can be monitored.
        Map<String, Double> epoch = history("fit_vgae").get(0);
        assertThat(epoch).containsKeys("val_loss_benign", "val_loss_attack", "val_recon_max_benign", "val_rq_attack");
        assertThat(epoch.get("val_discrimination_gap")).isCloseTo(epoch.get("val_loss_attack")
                - epoch.get("val_loss_benign"), org.assertj.core.api.Assertions.within(1e-12));
        String vgae = FIT.replace("{type: rate}", "{type: vgae, latent_dim: 4, hidden_dims: [8], heads: 1, "
                + "embedding_dim: 4, mlp_hidden: 8, min_calibration_graphs: 2}").replace("run_name: fit",
                "run_name: gap");
        assertThat(launch(vgae, "config.trainer.monitor=val_discrimination_gap").status()).isEqualTo("finished");
        assertThat(Checkpoint.open(runDir("gap").resolve("checkpoints/best_model.safetensors"), ModelChoice.types())
                .metadata()).containsEntry("monitor", "val_discrimination_gap");
        assertThatThrownBy(() -> launch(GAT.replace("run_name: fit", "run_name: gatgap"),
                "config.trainer.monitor=val_discrimination_gap")).hasMessageContaining("is a VGAE validation metric");
    }

    @Test
    void resumeFromLastMatchesUninterruptedRunAndSameSeedGivesSameMetrics() throws IOException {
        launch(GAT.replace("run_name: fit", "run_name: full"), "config.trainer.max_epochs=3");
        launch(GAT.replace("run_name: fit", "run_name: part"), "config.trainer.max_epochs=2");
        launch(GAT.replace("run_name: fit", "run_name: part"), "config.trainer.max_epochs=3",
                "config.ckpt_path=" + runDir("part").resolve("checkpoints/last.safetensors"));
        launch(GAT.replace("run_name: fit", "run_name: again"), "config.trainer.max_epochs=3");
        var full = history("full");
        assertThat(history("part")).isEqualTo(full);
        assertThat(history("again")).isEqualTo(full);
    }

    private List<Map<String, Double>> history(String run) {
        List<Map<String, Double>> h = Checkpoint.open(runDir(run).resolve("checkpoints/last.safetensors"),
                ModelChoice.types()).trainerState().history();
        return h.stream().map(m -> {
            Map<String, Double> copy = new java.util.TreeMap<>(m);
            copy.remove("epoch_seconds");
            return (Map<String, Double>) copy;
        }).toList();
    }
}
