package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** best run per model, teacher vs student and fusion vs inputs over a temporary SQLite store. */
class ModelComparisonTest {
    @TempDir
    Path tmp;

    static String run(SqliteTrackingStore store, String dataset, String model, String scale, boolean distilled,
                      double auroc, RunStatus status) {
        String exp = store.getOrCreateExperiment("graphids/" + dataset + "/test", null);
        String id = store.createRun(exp, model + "_" + auroc, Map.of("graphids.phase", "test", "graphids.dataset",
                dataset, "graphids.model", model), 1000L);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("graphids.payload/model/type", model);
        if (scale != null) {
            params.put("graphids.payload/model/scale", scale);
        }
        if (distilled) {
            params.put("graphids.payload/distillation/type", "soft_label_distillation");
        }
        store.logParams(id, params);
        store.logMetrics(id, List.of(new Metric("test/auroc", auroc, 1000L, 0),
                new Metric("test/f01/auroc", 0.0, 1000L, 0)));
        store.terminate(id, status, 2000L);
        return id;
    }

    @Test
    void comparesModelsOnThePooledTestMetric() {
        try (SqliteTrackingStore store = SqliteTrackingStore.open(tmp.resolve("mlflow.db"), tmp.toUri().toString())) {
            String bestGat = run(store, "sim", "gat", "large", false, 0.90, RunStatus.FINISHED);
            run(store, "sim", "gat", "large", false, 0.80, RunStatus.FINISHED);
            run(store, "sim", "gat", "small", true, 0.85, RunStatus.FINISHED);
            run(store, "sim", "gat", "small", false, 0.70, RunStatus.FINISHED);
            run(store, "sim", "gat", "large", false, 0.99, RunStatus.FAILED); // failed runs never count
            run(store, "sim", "vgae", "small", false, 0.60, RunStatus.FINISHED);
            String fusion = run(store, "sim", "fusion/max_sigma", null, false, 0.92, RunStatus.FINISHED);
            run(store, "other", "gat", "small", false, 0.50, RunStatus.FINISHED);

            List<ModelComparison.Entry> best = ModelComparison.best(store, List.of("sim"), "auroc");
            assertThat(best).extracting(ModelComparison.Entry::model).containsExactly("fusion/max_sigma", "gat", "vgae");
            ModelComparison.Entry gat = best.get(1);
            assertThat(gat.runs()).isEqualTo(4);
            assertThat(gat.best()).isEqualTo(0.90);
            assertThat(gat.bestRunId()).isEqualTo(bestGat);
            assertThat(gat.mean()).isCloseTo((0.9 + 0.8 + 0.85 + 0.7) / 4, within(1e-12));
            // sample sd of {0.9, 0.8, 0.85, 0.7}: mean 0.8125, squares .00765625+.00015625+.00140625+.01265625
            assertThat(gat.sd()).isCloseTo(Math.sqrt(0.021875 / 3), within(1e-12));

            List<ModelComparison.Entry> ts = ModelComparison.teacherStudent(store, List.of("sim"), "auroc");
            assertThat(ts).extracting(e -> e.model() + "/" + e.role()).containsExactly("gat/student",
                    "gat/student_kd", "gat/teacher", "vgae/student");

            // Tested with the student's plain test file, the checkpoint's own tags decide the role.
            String teacherByTag = run(store, "tagged", "gat", "small", false, 0.97, RunStatus.FINISHED);
            store.setTags(teacherByTag, Map.of(ModelComparison.SCALE_TAG, "large"));
            String studentByTag = run(store, "tagged", "gat", "small", false, 0.96, RunStatus.FINISHED);
            store.setTags(studentByTag, Map.of(ModelComparison.SCALE_TAG, "small", ModelComparison.TEACHER_TAG,
                    "runs/x/teacher/checkpoints/best_model.safetensors"));
            assertThat(ModelComparison.teacherStudent(store, List.of("tagged"), "auroc"))
                    .extracting(e -> e.model() + "/" + e.role()).containsExactly("gat/student_kd", "gat/teacher");
            assertThat(ts.get(2).mean()).isCloseTo(0.85, within(1e-12));
            assertThat(ts.get(2).sd()).isCloseTo(Math.sqrt(0.005), within(1e-12));
            assertThat(ts.get(1).mean()).isCloseTo(0.85, within(1e-12));

            List<ModelComparison.Entry> fv = ModelComparison.fusionVsInputs(store, List.of(), "auroc");
            assertThat(fv).extracting(e -> e.dataset() + "/" + e.model() + "/" + e.role()).containsExactly(
                    "sim/fusion/max_sigma/fusion", "sim/gat/input", "sim/vgae/input"); // "other" has no fusion model
            assertThat(fv.get(0).bestRunId()).isEqualTo(fusion);
            assertThat(fv.get(0).deltaVsInputs()).isCloseTo(0.92 - 0.8125, within(1e-12));
            assertThat(fv.get(1).deltaVsInputs()).isNaN();
        }
    }
}
