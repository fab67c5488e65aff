package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.analysis.AnalysisManifest;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyze stage end to end: tiny GAT and VGAE fitted on simulated traffic, then analysed through the launcher. */
class AnalyzeStageTest {
    static final String DATA = """
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
            """;
    static final String ANALYZE = """
            experiment_name: sim_model
            run_name: analyze
            dataset: sim
            seed: 3
            stage: analyze
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
            """ + DATA;

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

    private Path fit(String name, String model) throws IOException {
        String yaml = FitTestStagesTest.FIT.replace("{type: rate}", model).replace("run_name: fit", "run_name: " + name)
                .replace("max_epochs: 2", "max_epochs: 1");
        assertThat(launch(yaml).status()).isEqualTo("finished");
        return runDir(name).resolve("checkpoints/best_model.safetensors");
    }

    private static void assertReadablePng(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as(png.toString()).isNotNull();
        assertThat(img.getWidth()).as(png.toString()).isGreaterThanOrEqualTo(600);
    }

    @Test
    void gatAnalysisWritesEveryArtifactItsManifestAndPlots() throws IOException {
        String tiny = "{type: gat, hidden: 8, layers: 2, heads: 2, fc_layers: 1, embedding_dim: 4, dropout: 0.1}";
        Path student = fit("fit_gat", tiny);
        Path teacher = fit("fit_teacher", tiny.replace("hidden: 8", "hidden: 4"));
        RunSummary run = launch(ANALYZE + """
                  ckpt_path: %s
                  attention: true
                  attention_max_samples: 3
                  cka: true
                  cka_teacher_ckpt: %s
                  cka_max_samples: 20
                  landscape: true
                  landscape_resolution: 3
                  landscape_scale: 0.5
                  landscape_max_graphs: 12
                  embedding_max_samples: 30
                """.formatted(student, teacher));
        assertThat(run.status()).as(launches.log()).isEqualTo("finished");
        Path out = runDir("analyze").resolve("artifacts");
        AnalysisManifest m = AnalysisManifest.read(out.resolve("analysis_manifest.json"));
        assertThat(m.contract()).isEqualTo("graphids.analyze");
        assertThat(m.modelType()).isEqualTo("gat");
        assertThat(m.checkpointPath()).isEqualTo(student.toString());
        assertThat(m.expectedOutputs()).containsExactly("embeddings.safetensors", "embeddings_pca_class.png",
                "embeddings_pca_attack_type.png", "attention_weights.safetensors", "attention_heatmap.png", "cka.json",
                "cka.png", "loss_landscape_gat.csv", "loss_landscape_gat.png");
        assertThat(m.existingOutputs()).isEqualTo(m.expectedOutputs());
        for (String f : m.expectedOutputs()) {
            if (f.endsWith(".png")) {
                assertReadablePng(out.resolve(f));
            }
        }

        Safetensors.MappedFile emb = Safetensors.map(out.resolve("embeddings.safetensors"));
        assertThat(emb.shape("embeddings")).containsExactly(30, 16); // width = hidden 8 × 2 heads, concatenated
        assertThat(emb.shape("pca")).containsExactly(30, 2);
        assertThat(emb.longArray("labels")).hasSize(30).containsAnyOf(0L, 1L);
        assertThat(emb.metadata()).containsEntry("model_type", "gat").containsEntry("split", "val");

        Safetensors.MappedFile att = Safetensors.map(out.resolve("attention_weights.safetensors"));
        assertThat(att.longArray("n_samples")).containsExactly(3);
        long edges = att.shape("sample_0_edge_index")[1];
        assertThat(att.shape("sample_0_layer_1_alpha")).containsExactly(edges, 2);
        // α is a softmax over each destination's incoming edges: per head, it sums to 1 at every node.
        float[] alpha = att.floatArray("sample_0_layer_0_alpha");
        long[] index = att.longArray("sample_0_edge_index");
        int nodes = att.shape("sample_0_can_id")[0] > 0 ? (int) att.shape("sample_0_can_id")[0] : 0;
        double[] perNode = new double[nodes];
        for (int e = 0; e < edges; e++) {
            perNode[(int) index[(int) edges + e]] += alpha[2 * e];
        }
        for (double s : perNode) {
            assertThat(s).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        }

        JsonNode cka = new ObjectMapper().readTree(out.resolve("cka.json").toFile());
        assertThat(cka.size()).isEqualTo(4);
        for (String key : List.of("teacher_0_student_0", "teacher_0_student_1", "teacher_1_student_0",
                "teacher_1_student_1")) {
            assertThat(cka.get(key).asDouble()).isBetween(-1.0, 1.0001);
        }

        List<String> csv = Files.readAllLines(out.resolve("loss_landscape_gat.csv"));
        assertThat(csv.get(0)).isEqualTo("x,y,loss,model_type,dataset");
        assertThat(csv).hasSize(10);
        assertThat(csv.get(1)).startsWith("-0.5,-0.5,").endsWith(",gat,sim");
        assertThat(csv.get(5)).startsWith("0.0,0.0,");
        for (String row : csv.subList(1, csv.size())) {
            assertThat(Double.parseDouble(row.split(",")[2])).isPositive().isFinite();
        }
    }

    @Test
    void vgaeAnalysisAndTheRulesOfWhatAppliesToWhichModel() throws IOException {
        Path vgae = fit("fit_vgae", "{type: vgae, latent_dim: 4, hidden_dims: [8], heads: 1, embedding_dim: 4, "
                + "mlp_hidden: 8, min_calibration_graphs: 2}");
        RunSummary run = launch(ANALYZE.replace("config:", "config:\n  model_type: vgae\n  ckpt_path: " + vgae
                + "\n  landscape: true\n  landscape_resolution: 2\n  landscape_max_graphs: 6\n  embedding_max_samples:"
                + " 10"));
        assertThat(run.status()).as(launches.log()).isEqualTo("finished");
        Path out = runDir("analyze").resolve("artifacts");
        AnalysisManifest m = AnalysisManifest.read(out.resolve("analysis_manifest.json"));
        assertThat(m.existingOutputs()).containsExactly("embeddings.safetensors", "embeddings_pca_class.png",
                "embeddings_pca_attack_type.png", "loss_landscape_vgae.csv", "loss_landscape_vgae.png");
        assertThat(Safetensors.map(out.resolve("embeddings.safetensors")).shape("embeddings")).containsExactly(10, 4);
        assertThat(Files.readAllLines(out.resolve("loss_landscape_vgae.csv"))).hasSize(5);

        Path dgi = fit("fit_dgi", "{type: dgi, latent_dim: 8, heads: 1}");
        RunSummary dgiRun = launch(ANALYZE.replace("run_name: analyze", "run_name: analyze_dgi").replace("config:",
                "config:\n  model_type: dgi\n  ckpt_path: " + dgi + "\n  landscape: true\n  landscape_resolution: 2"
                        + "\n  landscape_max_graphs: 6\n  embedding_max_samples: 10"));
        assertThat(dgiRun.status()).as(launches.log()).isEqualTo("finished");
        Path dgiOut = runDir("analyze_dgi").resolve("artifacts");
        assertThat(Safetensors.map(dgiOut.resolve("embeddings.safetensors")).shape("embeddings")).containsExactly(10, 8);
        assertThat(AnalysisManifest.read(dgiOut.resolve("analysis_manifest.json")).existingOutputs())
                .contains("loss_landscape_dgi.csv", "loss_landscape_dgi.png");

        // Attention is a GAT artifact: refused at validation, naming the key.
        assertThatThrownBy(() -> launch(ANALYZE.replace("config:", "config:\n  model_type: vgae\n  ckpt_path: " + vgae
                + "\n  attention: true"))).hasMessageContaining("config.attention: applies to model_type gat only");
        // A checkpoint of another type than model_type is refused before any work.
        assertThatThrownBy(() -> launch(ANALYZE.replace("config:", "config:\n  ckpt_path: " + vgae)))
                .hasMessageContaining("config.model_type: gat, but the checkpoint");
        assertThatThrownBy(() -> launch(ANALYZE.replace("config:", "config:\n  ckpt_path: " + vgae
                + "\n  model_type: vgae\n  cka: true"))).hasMessageContaining("config.cka: applies to model_type gat");
    }

    @Test
    void shippedAnalyzeConfigsValidateAndNameTheMissingCheckpoint() {
        ConfigLoader loader = new ConfigLoader(new GitInfo(null));
        for (String name : List.of("hcrl_sa_gat_analyze", "hcrl_sa_vgae_analyze", "fusion_policy_analyze")) {
            Path f = Path.of("configs/experiments", name + ".yaml");
            String key = name.startsWith("fusion") ? "config.fusion_predictions" : "config.ckpt_path";
            AnalyzeRunConfig unset = (AnalyzeRunConfig) loader.load(f, List.of(), List.of()).stage();
            assertThatThrownBy(unset::requirePaths).hasMessageContaining(key + ": is required");
            List<String> sets = new java.util.ArrayList<>(List.of(key + "=/x/best_model.safetensors"));
            if (name.contains("gat")) {
                sets.add("config.cka_teacher_ckpt=/x/teacher.safetensors");
            }
            RunSpec spec = loader.load(f, sets, List.of());
            assertThat(spec.stage()).isInstanceOf(AnalyzeRunConfig.class);
            assertThat(dev.graphids.analysis.Analyzer.expectedOutputs((AnalyzeRunConfig) spec.stage())).isNotEmpty();
        }
    }
}
