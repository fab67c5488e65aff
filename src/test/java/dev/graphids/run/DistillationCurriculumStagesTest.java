package dev.graphids.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.io.Digests;
import dev.graphids.lake.Lake;
import dev.graphids.track.ModelComparison;
import dev.graphids.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Knowledge distillation (GAT and VGAE students) and the curriculum through the launcher on simulated traffic. */
class DistillationCurriculumStagesTest {
    static final String FIT = """
            experiment_name: kd
            run_name: %s
            dataset: sim
            seed: 3
            stage: fit
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              model: %s
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
              trainer: {max_epochs: 2, patience: 5, min_steps_per_epoch: 4}
            """;
    static final String TEACHER_GAT = "{type: gat, hidden: 8, layers: 2, heads: 2, fc_layers: 2, embedding_dim: 4}";
    static final String STUDENT_GAT = "{type: gat, hidden: 4, layers: 1, heads: 1, fc_layers: 1, embedding_dim: 4}";
    static final String TEACHER_VGAE = "{type: vgae, latent_dim: 8, hidden_dims: [8], heads: 1, embedding_dim: 4, "
            + "mlp_hidden: 8, min_calibration_graphs: 2}";
    static final String STUDENT_VGAE = "{type: vgae, latent_dim: 4, hidden_dims: [4], heads: 1, embedding_dim: 4, "
            + "mlp_hidden: 4, min_calibration_graphs: 2}";

    @TempDir
    Path tmp;
    Lake lake;
    StageLaunches launches;

    @BeforeEach
    void simulate() throws IOException {
        launches = StageLaunches.simulated(tmp, 0.1);
        lake = launches.lake();
    }

    private RunSummary fit(String run, String model, String extra) throws IOException {
        return launches.launch(FIT.formatted(run, model) + extra);
    }

    private Path best(String run) {
        return lake.runsDir().resolve("sim/kd").resolve(run).resolve("checkpoints/best_model.safetensors");
    }

    private Map<String, Object> details(String run) {
        return new RunJournal(new RunPaths(lake.runsDir().resolve("sim/kd").resolve(run))).readEvents().get(1)
                .details();
    }

    @Test
    void gatAndVgaeStudentsLearnFromTheirTeachersAndRecordThem() throws IOException {
        assertThat(fit("teacher_gat", TEACHER_GAT, "").status()).isEqualTo("finished");
        RunSummary student = fit("student_gat", STUDENT_GAT, "  distillation: {teacher_ckpt: " + best("teacher_gat")
                + ", alpha: 0.7, temperature: 4.0}\n");
        assertThat(student.status()).as(launches.log()).isEqualTo("finished");
        Checkpoint ckpt = Checkpoint.open(best("student_gat"), ModelChoice.types());
        assertThat(ckpt.metadata()).containsEntry("teacher_sha256", Digests.sha256(best("teacher_gat")));
        Map<String, Object> d = details("student_gat");
        long teacherParams = ((Number) d.get("teacher_parameters")).longValue();
        assertThat(((Number) d.get("parameters")).longValue()).isPositive().isLessThan(teacherParams / 5);
        assertThat(ckpt.threshold()).isNotNaN();
        // A test run of this checkpoint tags it as a distilled student whatever test file launches it.
        assertThat(ModelRuns.checkpointRoleTags(ckpt)).containsEntry(ModelComparison.TEACHER_TAG,
                ckpt.metadata().get("teacher_ckpt")).containsKey(ModelComparison.SCALE_TAG);
        assertThat(ModelRuns.checkpointRoleTags(Checkpoint.open(best("teacher_gat"), ModelChoice.types())))
                .doesNotContainKey(ModelComparison.TEACHER_TAG);

        // feature_noise adds a distillation term on a noisy copy of each batch: same seed, other weights.
        RunSummary noisy = fit("student_gat_noisy", STUDENT_GAT, "  distillation: {teacher_ckpt: "
                + best("teacher_gat") + ", alpha: 0.7, temperature: 4.0, feature_noise: 0.5}\n");
        assertThat(noisy.status()).as(launches.log()).isEqualTo("finished");
        Checkpoint noisyCkpt = Checkpoint.open(best("student_gat_noisy"), ModelChoice.types());
        assertThat(noisyCkpt.metadata()).containsEntry("teacher_feature_noise", "0.5");
        assertThat(ckpt.metadata()).containsEntry("teacher_feature_noise", "0.0")
                .containsEntry("teacher_similarity_weight", "0.0");
        assertSameParametersOtherValues(ckpt, noisyCkpt);
        // similarity_weight adds the similarity-preserving term on the graph embeddings: again other weights.
        RunSummary similar = fit("student_gat_similar", STUDENT_GAT, "  distillation: {teacher_ckpt: "
                + best("teacher_gat") + ", alpha: 0.7, temperature: 4.0, similarity_weight: 5.0}\n");
        assertThat(similar.status()).as(launches.log()).isEqualTo("finished");
        Checkpoint similarCkpt = Checkpoint.open(best("student_gat_similar"), ModelChoice.types());
        assertThat(similarCkpt.metadata()).containsEntry("teacher_similarity_weight", "5.0");
        assertSameParametersOtherValues(ckpt, similarCkpt);

        assertThat(fit("teacher_vgae", TEACHER_VGAE, "").status()).isEqualTo("finished");
        RunSummary vgae = fit("student_vgae", STUDENT_VGAE, "  distillation: {teacher_ckpt: "
                + best("teacher_vgae") + "}\n");
        assertThat(vgae.status()).as(launches.log()).isEqualTo("finished");
        // The projection lives beside the student, not in its checkpoint: the student reloads as a plain VGAE.
        Checkpoint v = Checkpoint.open(best("student_vgae"), ModelChoice.types());
        assertThat(v.metadata()).containsKey("teacher_sha256");
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
             var model = v.model(m)) {
            assertThat(model.parameters().parameters().keySet()).noneMatch(k -> k.contains("projection"));
        }

        assertThatThrownBy(() -> fit("vgae_noise", STUDENT_VGAE, "  distillation: {teacher_ckpt: "
                + best("teacher_vgae") + ", feature_noise: 0.5}\n"))
                .hasMessageContaining("config.distillation.feature_noise: applies to gat students");
        assertThatThrownBy(() -> fit("vgae_similar", STUDENT_VGAE, "  distillation: {teacher_ckpt: "
                + best("teacher_vgae") + ", similarity_weight: 1.0}\n"))
                .hasMessageContaining("config.distillation.similarity_weight: applies to gat students");

        // A teacher of another family is refused before training.
        assertThatThrownBy(() -> fit("mixed", STUDENT_GAT, "  distillation: {teacher_ckpt: " + best("teacher_vgae")
                + "}\n")).hasMessageContaining("expected a gat checkpoint");
    }

    /** Both checkpoints hold the same parameter names and at least one differs in value. */
    private static void assertSameParametersOtherValues(Checkpoint one, Checkpoint other) throws IOException {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
             var first = one.model(m); var second = other.model(m)) {
            Map<String, ai.djl.ndarray.NDArray> a = first.parameters().parameters();
            Map<String, ai.djl.ndarray.NDArray> b = second.parameters().parameters();
            assertThat(b.keySet()).isEqualTo(a.keySet());
            assertThat(a.keySet()).anyMatch(k -> !java.util.Arrays.equals(a.get(k).toFloatArray(),
                    b.get(k).toFloatArray()));
        }
    }

    @Test
    void curriculumRunsFromVgaeDifficultyOrRandomScores() throws IOException {
        assertThat(fit("vgae", TEACHER_VGAE, "").status()).isEqualTo("finished");
        RunSummary byVgae = fit("cur_vgae", STUDENT_GAT, "  curriculum: {difficulty: vgae, vgae_ckpt: " + best("vgae")
                + ", ramp_epochs: 2}\n");
        assertThat(byVgae.status()).as(launches.log()).isEqualTo("finished");
        assertThat(Checkpoint.open(best("cur_vgae"), ModelChoice.types()).metadata())
                .containsEntry("curriculum", "vgae").containsKey("curriculum_vgae_sha256");
        assertThat(fit("cur_random", STUDENT_GAT, "  curriculum: {difficulty: random}\n").status())
                .isEqualTo("finished");
        assertThatThrownBy(() -> fit("bad", STUDENT_GAT, "  curriculum: {difficulty: vgae}\n"))
                .hasMessageContaining("config.curriculum.vgae_ckpt: is required");
        assertThatThrownBy(() -> fit("bad2", TEACHER_VGAE, "  curriculum: {difficulty: random}\n"))
                .hasMessageContaining("does not apply to a vgae model");
    }
}
