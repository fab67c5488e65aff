package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.analysis.AnalysisManifest;
import dev.graphids.cache.CacheProgress;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fusion_policy reads alpha, gat_prob and anomaly from a fusion run's prediction file (written here by hand). */
class FusionPolicyAnalyzeTest {
    static final String YAML = """
            experiment_name: sim_fusion
            run_name: policy
            dataset: sim
            seed: 3
            stage: analyze
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              model_type: fusion
              fusion_policy: true
              fusion_predictions: %s
            """;

    @TempDir
    Path tmp;

    private RunSummary launch(String yaml) throws IOException {
        Lake lake = Lake.at(tmp.resolve("lake"));
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, yaml);
        RunSpec spec = new ConfigLoader(new GitInfo(null)).load(f, List.of(), List.of());
        return new Launcher(lake, Map.of(), p -> RunTracker.NONE, CacheProgress.NONE, new PrintWriter(
                new StringWriter()), 1).launch(spec);
    }

    private static void predictions(Path file, boolean withAlpha) throws IOException {
        Files.createDirectories(file.getParent());
        List<Safetensors.Tensor> t = new java.util.ArrayList<>(List.of(
                Safetensors.Tensor.i64("y", new long[] {0, 1, 0, 1}, 4),
                Safetensors.Tensor.f64("score", new double[] {0.1, 0.9, 0.2, 0.8}, 4),
                Safetensors.Tensor.f64("gat_prob", new double[] {0.05, 0.95, 0.3, 0.6}, 4),
                Safetensors.Tensor.f32("anomaly", new float[] {-1f, 4f, 0.5f, 2f}, 4)));
        if (withAlpha) {
            t.add(Safetensors.Tensor.f64("alpha", new double[] {0.2, 0.9, 0.4, 0.7}, 4));
        }
        Safetensors.write(file, t, Map.of("format", "graphids-predictions", "model", withAlpha ? "fusion" : "gat"));
    }

    @Test
    void policyJsonSplitsAlphaByLabelAndPlotsIt() throws IOException {
        Path fusionRun = tmp.resolve("fusion_run");
        predictions(fusionRun.resolve("predictions/val.safetensors"), true);
        assertThat(launch(YAML.formatted(fusionRun)).status()).isEqualTo("finished");
        Path out = tmp.resolve("lake/runs/sim/sim_fusion/policy/artifacts");
        JsonNode policy = new ObjectMapper().readTree(out.resolve("fusion_policy.json").toFile());
        assertThat(policy.get("alpha_by_label").get("normal").toString()).isEqualTo("[0.2,0.4]");
        assertThat(policy.get("alpha_by_label").get("attack").toString()).isEqualTo("[0.9,0.7]");
        assertThat(policy.get("labels").toString()).isEqualTo("[0,1,0,1]");
        assertThat(policy.get("anomaly").get(1).asDouble()).isEqualTo(4.0);
        assertThat(policy.get("q_values").size()).isZero();
        assertThat(ImageIO.read(out.resolve("fusion_policy.png").toFile()).getWidth()).isGreaterThanOrEqualTo(600);
        AnalysisManifest m = AnalysisManifest.read(out.resolve("analysis_manifest.json"));
        assertThat(m.modelType()).isEqualTo("fusion");
        assertThat(m.existingOutputs()).containsExactly("fusion_policy.json", "fusion_policy.png");
    }

    @Test
    void predictionsWithoutAlphaAreNotAFusionModelsAndSaySo() throws IOException {
        Path file = tmp.resolve("gat_val.safetensors");
        predictions(file, false);
        assertThatThrownBy(() -> launch(YAML.formatted(file))).hasMessageContaining(
                "fusion_policy not available: needs a fusion model's predictions with alpha").hasMessageContaining(
                "no column 'alpha'");
        // The manifest still records what was expected and that it is missing.
        AnalysisManifest m = AnalysisManifest.read(tmp.resolve("lake/runs/sim/sim_fusion/policy/artifacts"
                + "/analysis_manifest.json"));
        assertThat(m.expectedOutputs()).containsExactly("fusion_policy.json", "fusion_policy.png");
        assertThat(m.existingOutputs()).isEmpty();
        assertThatThrownBy(() -> launch(YAML.formatted(tmp.resolve("absent")))).hasMessageContaining(
                "config.fusion_predictions: " + tmp.resolve("absent") + " does not exist");
        assertThatThrownBy(() -> launch(YAML.formatted(file).replace("fusion_policy: true",
                "fusion_policy: true\n  landscape: true"))).hasMessageContaining(
                "config.landscape: applies to model_type gat, vgae or dgi only");
    }
}
