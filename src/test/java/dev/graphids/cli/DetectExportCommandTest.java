package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.eval.PredictionReader;
import dev.graphids.lake.Lake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphids detect} and {@code graphids export} against runs fitted and tested on simulated traffic: detect's
 * scores equal the test stage's predictions for the same windows, and an exported bundle scores like its checkpoint.
 */
class DetectExportCommandTest {
    static final String FOLDER = "test_01_known_vehicle_known_attack";
    static final String FIT = """
            experiment_name: sim_model
            run_name: RUN
            dataset: sim
            seed: 3
            stage: STAGE
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              model: MODEL
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
              trainer: {max_epochs: 2, patience: 5, min_steps_per_epoch: 4}
            """;
    static final String GAT = "{type: gat, hidden: 8, layers: 1, heads: 1, fc_layers: 1, embedding_dim: 4, "
            + "dropout: 0.1}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Lake lake;
    static CliRunner cli;

    @BeforeAll
    static void fitAndTest() throws IOException {
        lake = Lake.at(tmp.resolve("lake"));
        SimulateFixture.dataset(lake, "sim", 0.1);
        cli = new CliRunner(tmp.resolve("lake")).with("GRAPHIDS_MLFLOW_MODE", "off");
        for (String[] m : new String[][] {{"rate", "{type: rate}"}, {"gat", GAT}}) {
            for (String stage : new String[] {"fit", "test"}) {
                Path yaml = tmp.resolve(m[0] + "_" + stage + ".yaml");
                Files.writeString(yaml, FIT.replace("RUN", m[0] + "_" + stage).replace("STAGE", stage)
                        .replace("MODEL", m[1]));
                CliRunner.Result r = stage.equals("fit") ? cli.run("exp", "launch", yaml.toString())
                        : cli.run("exp", "launch", yaml.toString(), "--set", "config.ckpt_path=" + checkpoint(m[0]));
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
        }
    }

    static Path runDir(String run) {
        return lake.runsDir().resolve("sim/sim_model").resolve(run);
    }

    static Path checkpoint(String model) {
        return runDir(model + "_fit").resolve("checkpoints/best_model.safetensors");
    }

    /** The test stage's predictions of one folder, by source file. */
    static Map<String, Map<Long, double[]>> predictions(String model) throws IOException {
        return predictionsOf(model + "_test");
    }

    static Map<String, Map<Long, double[]>> predictionsOf(String testRun) throws IOException {
        var p = PredictionReader.read(runDir(testRun).resolve("predictions/test/" + FOLDER + ".safetensors"));
        Map<String, Map<Long, double[]>> out = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            out.computeIfAbsent(p.source(i), k -> new HashMap<>()).put(p.windowIndex()[i],
                    new double[] {p.score()[i], p.decision()[i], p.y()[i]});
        }
        return out;
    }

    static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(JSON.readTree(s));
            }
        }
        return l;
    }

    /** Runs detect on every capture of the folder and checks each window against the test stage's prediction. */
    private void assertDetectEqualsTestStage(String model, Path modelArg, double tolerance) throws IOException {
        assertDetectEqualsTestRun(model, model + "_test", modelArg, tolerance);
    }

    private void assertDetectEqualsTestRun(String model, String testRun, Path modelArg, double tolerance,
                                           String... options) throws IOException {
        Map<String, Map<Long, double[]>> expected = predictionsOf(testRun);
        assertThat(expected).isNotEmpty();
        for (var file : expected.entrySet()) {
            Path capture = lake.rawDir("sim").resolve(file.getKey());
            List<String> args = new ArrayList<>(List.of("detect", "--model", modelArg.toString()));
            args.addAll(List.of(options));
            args.add(capture.toString());
            CliRunner.Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<JsonNode> lines = lines(r.out());
            JsonNode summary = lines.get(lines.size() - 1);
            assertThat(summary.get("summary").asBoolean()).isTrue();
            assertThat(summary.get("windows").asLong()).isEqualTo(file.getValue().size());
            assertThat(summary.get("model").asText()).isEqualTo(model);
            for (JsonNode w : lines.subList(0, lines.size() - 1)) {
                double[] e = file.getValue().get(w.get("window").asLong());
                assertThat(e).as("window " + w.get("window")).isNotNull();
                assertThat(w.get("score").asDouble()).isCloseTo(e[0], within(tolerance));
                if (Math.abs(w.get("score").asDouble() - summary.get("threshold").asDouble()) > tolerance) {
                    assertThat(w.get("alarm").asBoolean()).isEqualTo(e[1] == 1);
                }
                assertThat(w.get("label").asInt()).isEqualTo((int) e[2]);
                assertThat(w.get("frames").asInt()).isEqualTo(100);
            }
        }
    }

    @Test
    void rateScoresEqualTheTestStageExactly() throws IOException {
        assertDetectEqualsTestStage("rate", runDir("rate_fit"), 0.0);
    }

    @Test
    void streamCalibratedScoresAndAlarmsEqualACalibratedTestRun() throws IOException {
        Path yaml = tmp.resolve("rate_relative.yaml");
        Files.writeString(yaml, FIT.replace("RUN", "rate_relative").replace("STAGE", "test")
                .replace("MODEL", "{type: rate}") + "  stream_calibration: {quantile: 0.1, history: 50}\n");
        CliRunner.Result r = cli.run("exp", "launch", yaml.toString(), "--set", "config.ckpt_path="
                + checkpoint("rate"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        double threshold = PredictionReader.read(runDir("rate_relative").resolve("predictions/test/" + FOLDER
                + ".safetensors")).threshold();
        assertDetectEqualsTestRun("rate", "rate_relative", runDir("rate_fit"), 0.0, "--stream-calibration",
                "0.1:50", "--threshold", Double.toString(threshold));

        CliRunner.Result noThreshold = cli.run("detect", "--model", runDir("rate_fit").toString(),
                "--stream-calibration", "0.1", "-");
        assertThat(noThreshold.exitCode()).isNotZero();
        assertThat(noThreshold.err()).contains("--stream-calibration: give --threshold too").doesNotContain("\tat ");
        CliRunner.Result bad = cli.run("detect", "--model", runDir("rate_fit").toString(),
                "--stream-calibration", "2:x", "--threshold", "0", "-");
        assertThat(bad.err()).contains("expected Q or Q:H");
    }

    @Test
    void gatScoresEqualTheTestStage() throws IOException {
        // Batches differ (the test stage sorts graphs by size, detect keeps stream order): float32 sums may differ
        // in the last bits, nothing more.
        assertDetectEqualsTestStage("gat", checkpoint("gat"), 1e-5);
    }

    @Test
    void exportedBundleReloadsAndScoresLikeItsCheckpoint() throws IOException {
        Path out = tmp.resolve("bundle_gat");
        CliRunner.Result r = cli.run("export", checkpoint("gat").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported gat model", "with its test metrics", "HF_TOKEN is not set");
        for (String f : List.of("model.safetensors", "config.json", "vocab.json", "scaler.json", "metrics.json",
                "README.md", "SHA256SUMS")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("gat");
        assertThat(config.at("/representation/window_size").asInt()).isEqualTo(100);
        assertThat(config.at("/hyper_parameters/hidden").asInt()).isEqualTo(8);
        assertThat(config.get("feature_clip").asDouble()).isEqualTo(10.0);
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.at("/tests/" + FOLDER + "/auroc").isNumber()).isTrue();
        assertThat(Files.readString(out.resolve("README.md"))).startsWith("---\nlibrary_name: graphids\n");
        assertThat(Files.readString(out.resolve("SHA256SUMS"))).contains("  model.safetensors\n");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));

        Path capture = firstCapture();
        CliRunner.Result fromCkpt = cli.run("detect", "--model", checkpoint("gat").toString(), capture.toString());
        CliRunner.Result fromBundle = cli.run("detect", "--model", out.toString(), capture.toString());
        assertThat(fromBundle.exitCode()).as(fromBundle.err()).isZero();
        assertThat(withoutSummary(fromBundle.out())).isEqualTo(withoutSummary(fromCkpt.out()));

        // The bundle is verified before use.
        Files.writeString(out.resolve("scaler.json"), "{}");
        CliRunner.Result tampered = cli.run("detect", "--model", out.toString(), capture.toString());
        assertThat(tampered.exitCode()).isEqualTo(3);
        assertThat(tampered.err()).contains("scaler.json is corrupt: sha256");
    }

    @Test
    void exportOfTheRateBaselineGoesUnderTheLakeByDefault() throws IOException {
        CliRunner.Result r = cli.run("export", runDir("rate_fit").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path dir = tmp.resolve("lake/exports/sim/sim_model/rate_fit");
        assertThat(dir.resolve("config.json")).exists();
        assertThat(dir.resolve("model.safetensors")).doesNotExist();
        Path capture = firstCapture();
        assertThat(withoutSummary(cli.run("detect", "--model", dir.toString(), capture.toString()).out()))
                .isEqualTo(withoutSummary(cli.run("detect", "--model", runDir("rate_fit").toString(),
                        capture.toString()).out()));
    }

    @Test
    void standardInputGivesTheSameVerdictsAsTheFile() throws IOException {
        Path capture = firstCapture();
        String fromFile = cli.run("detect", "--model", runDir("rate_fit").toString(), capture.toString()).out();
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(capture)));
            CliRunner.Result r = cli.run("detect", "--model", runDir("rate_fit").toString(), "-");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(withoutSummary(r.out())).isEqualTo(withoutSummary(fromFile));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void jsonLinesOfAHandMadeCandumpLogHoldHandComputedValues() throws IOException {
        // 250 frames half a second apart (exact in binary): windows 0 and 1, the last 50 frames dropped; each window
        // spans 99 × 0.5 = 49.5 s, so the rate score is -49.5. 0x100 sends 3 frames of every 5, 0x1ABCDEF0 two.
        StringBuilder log = new StringBuilder();
        for (int k = 0; k < 250; k++) {
            String id = k % 5 < 3 ? "100" : "1ABCDEF0";
            log.append(String.format("(%.6f) can0 %s#0102%n", 1000 + 0.5 * k, id));
        }
        Path f = tmp.resolve("hand.log");
        Files.writeString(f, log);
        CliRunner.Result r = cli.run("detect", "--model", runDir("rate_fit").toString(), "--threshold", "-50",
                "--top-ids", "5", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("{\"window\":0,\"first_ts\":1000.0,\"last_ts\":1049.5,\"frames\":100,"
                + "\"score\":-49.5,\"alarm\":true,\"top_ids\":[{\"id\":\"100\",\"weight\":0.6},"
                + "{\"id\":\"1ABCDEF0\",\"weight\":0.4}]}");
        assertThat(lines[1]).startsWith("{\"window\":1,\"first_ts\":1050.0,\"last_ts\":1099.5,");
        JsonNode summary = JSON.readTree(lines[2]);
        assertThat(summary.get("windows").asLong()).isEqualTo(2);
        assertThat(summary.get("alarms").asLong()).isEqualTo(2);
        assertThat(summary.get("frames").asLong()).isEqualTo(250);
        assertThat(summary.get("threshold").asDouble()).isEqualTo(-50.0);
        // The default threshold (validation-chosen, around -0.1 s on simulated traffic) raises no alarm here.
        CliRunner.Result quiet = cli.run("detect", "--model", runDir("rate_fit").toString(), f.toString());
        assertThat(quiet.out()).contains("\"alarm\":false,\"top_ids\":[]").doesNotContain("\"alarm\":true");
    }

    @Test
    void badInputIsAClearErrorWithoutAStackTrace() throws IOException {
        Path f = tmp.resolve("bad.log");
        Files.writeString(f, "(1000.000000) can0 100#0102\n(1000.500000) can0 XYZ#0102\n");
        CliRunner.Result r = cli.run("detect", "--model", runDir("rate_fit").toString(), "--on-bad-row", "fail",
                f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.log:2").contains("XYZ").doesNotContain("Exception", "\tat ");

        Path junk = tmp.resolve("junk.csv");
        Files.write(junk, new byte[] {0, 1, 2, 3, (byte) 0xff});
        CliRunner.Result j = cli.run("detect", "--model", runDir("rate_fit").toString(), junk.toString());
        assertThat(j.exitCode()).isEqualTo(1);
        assertThat(j.err()).contains("junk.csv").doesNotContain("\tat ");

        CliRunner.Result noModel = cli.run("detect", "--model", tmp.resolve("nope").toString(), f.toString());
        assertThat(noModel.exitCode()).isEqualTo(3);
        assertThat(noModel.err()).contains("nope: no such model");

        CliRunner.Result noFile = cli.run("detect", "--model", runDir("rate_fit").toString(),
                tmp.resolve("missing.log").toString());
        assertThat(noFile.exitCode()).isEqualTo(3);
        assertThat(noFile.err()).contains("missing.log: no such file");

        // Export names what is missing instead of failing inside path handling (a path right under the root).
        CliRunner.Result noRun = cli.run("export", "/graphids-no-such-run");
        assertThat(noRun.exitCode()).isEqualTo(3);
        assertThat(noRun.err()).contains("/graphids-no-such-run: no such run directory or checkpoint")
                .doesNotContain("internal failure");
    }

    @Test
    void helpDescribesBothCommands() {
        CliRunner.Result d = cli.run("detect", "--help");
        assertThat(d.exitCode()).isZero();
        assertThat(d.out()).contains("--model", "--threshold", "--top-ids", "--batch", "standard input");
        CliRunner.Result e = cli.run("export", "--help");
        assertThat(e.exitCode()).isZero();
        assertThat(e.out()).contains("--out", "--repo-id", "Hugging Face");
        assertThat(cli.run("--help").out()).contains("detect", "export");
    }

    @Test
    void hfPushStageExportsTheCheckpointThroughTheLauncher() throws IOException {
        Path yaml = tmp.resolve("push.yaml");
        Files.writeString(yaml, """
                experiment_name: sim_push
                run_name: push
                dataset: sim
                stage: hf_push
                config:
                  ckpt_path: CKPT
                  output_dir: OUT
                """.replace("CKPT", checkpoint("gat").toString()).replace("OUT", tmp.resolve("pushed").toString()));
        CliRunner.Result r = cli.run("exp", "launch", yaml.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("pushed/model.safetensors")).exists();
        String events = Files.readString(lake.runsDir().resolve("sim/sim_push/push/.graphids/events.jsonl"));
        assertThat(events).contains("run_finished", "\"bundle_dir\"", "\"uploaded\":false");

        Files.writeString(yaml, Files.readString(yaml).replace("  ckpt_path: " + checkpoint("gat") + "\n", ""));
        CliRunner.Result missing = cli.run("exp", "config", yaml.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("config.ckpt_path");
    }

    @Test
    void benchDetectReportsFramesPerSecondAndLatency() throws IOException {
        Path capture = firstCapture();
        CliRunner.Result r = cli.run("bench", "detect", "--model", runDir("rate_fit").toString(), "--repeat", "1",
                capture.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String row = r.out().lines().filter(l -> l.startsWith(capture.getFileName().toString())).findFirst()
                .orElseThrow();
        String[] cells = row.trim().split("\\s+");
        long windows = predictions("rate").get(FOLDER + "/" + capture.getFileName()).size();
        assertThat(cells[2].replace(",", "")).isEqualTo(Long.toString(windows));
        assertThat(Double.parseDouble(cells[3].replace(",", ""))).isPositive();
        assertThat(Double.parseDouble(cells[6])).isGreaterThanOrEqualTo(Double.parseDouble(cells[5]));
    }

    private static Path firstCapture() throws IOException {
        try (var s = Files.list(lake.rawDir("sim").resolve(FOLDER))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".json")).sorted()
                    .findFirst().orElseThrow();
        }
    }

    private static String withoutSummary(String out) {
        return out.substring(0, out.lastIndexOf("{\"summary\""));
    }
}
