package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.SharedData;
import dev.graphids.eval.PredictionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real hcrl_sa test capture, detect with the rate baseline gives the test stage's predictions bit for bit. */
class DetectHcrlSaTest {
    @TempDir
    Path tmp;

    @Test
    void rateDetectOnARealTestCaptureEqualsTheTestStage() throws IOException {
        Path data = SharedData.require("hcrl_sa");
        Path lake = tmp.resolve("lake");
        Files.createDirectories(lake.resolve("raw"));
        Files.createSymbolicLink(lake.resolve("raw/hcrl_sa"), data);
        CliRunner cli = new CliRunner(lake).with("GRAPHIDS_MLFLOW_MODE", "off");
        Path ckpt = lake.resolve("runs/hcrl_sa/hcrl_sa_rate/fit/checkpoints/best_model.safetensors");
        Path fit = Path.of("configs/experiments/hcrl_sa_rate_fit.yaml");
        Path test = Path.of("configs/experiments/hcrl_sa_rate_test.yaml");
        assertThat(cli.run("exp", "launch", fit.toString()).exitCode()).isZero();
        CliRunner.Result t = cli.run("exp", "launch", test.toString(), "--set", "config.ckpt_path=" + ckpt);
        assertThat(t.exitCode()).as(t.err()).isZero();

        String folder = "test_04_unknown_vehicle_unknown_attack";
        Path predictions;
        try (var s = Files.find(lake.resolve("runs/hcrl_sa/hcrl_sa_rate"), 4,
                (p, a) -> p.toString().endsWith("predictions/test/" + folder + ".safetensors"))) {
            predictions = s.findFirst().orElseThrow();
        }
        var p = PredictionReader.read(predictions);
        Map<Long, Double> expected = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            expected.put(p.windowIndex()[i], p.score()[i]);
        }
        CliRunner.Result d = cli.run("detect", "--model", ckpt.toString(),
                data.resolve(folder).resolve("malfunction-spark.csv.gz").toString());
        assertThat(d.exitCode()).as(d.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        String[] lines = d.out().split("\n");
        assertThat(lines).hasSize(expected.size() + 1);
        int alarms = 0;
        for (int i = 0; i < lines.length - 1; i++) {
            JsonNode w = json.readTree(lines[i]);
            assertThat(w.get("score").asDouble()).as(lines[i]).isEqualTo(expected.get(w.get("window").asLong()));
            alarms += w.get("alarm").asBoolean() ? 1 : 0;
        }
        assertThat(json.readTree(lines[lines.length - 1]).get("alarms").asInt()).isEqualTo(alarms);
    }
}
