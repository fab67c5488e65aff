package dev.graphids.analysis;

import dev.graphids.analysis.plot.AnalysisCharts;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.model.GraphModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.run.ModelChoice;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.train.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear CKA between every layer of a teacher GAT ({@code cka_teacher_ckpt}) and every layer of the student under
 * analysis (runtime.md §8.5), on the first {@code cka_max_samples} validation graphs: each conv layer's node
 * representations mean-pooled per graph, one [graphs, width] matrix per layer. {@code cka.json} holds
 * {@code teacher_i_student_j} for every pair; the PNG shows the matrix.
 */
final class CkaArtifact implements Artifact {
    static final String FILE = "cka.json";
    static final String PNG = "cka.png";

    @Override
    public String name() {
        return "cka";
    }

    @Override
    public List<String> outputs(String modelType) {
        return List.of(FILE, PNG);
    }

    @Override
    public void write(AnalysisContext ctx) throws Exception {
        Path teacherPath = Path.of(ctx.config().ckaTeacherCkpt());
        Checkpoint teacherCkpt = Checkpoint.open(teacherPath, ModelChoice.types());
        if (!teacherCkpt.modelType().equals("gat")) {
            throw GraphidsException.usage("config.cka_teacher_ckpt: expected a gat checkpoint, found a "
                    + teacherCkpt.modelType() + " checkpoint " + teacherPath);
        }
        teacherCkpt.requireTrainedOn(ctx.cache(), "config.cka_teacher_ckpt");
        double[][][] student = layers((GatClassifier) ctx.model(), ctx);
        double[][][] teacher;
        try (GraphModel t = teacherCkpt.model(ctx.manager())) {
            teacher = layers((GatClassifier) t, ctx);
        }
        if (student[0].length < 4) {
            throw GraphidsException.usage("cka needs at least 4 validation graphs, found " + student[0].length);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double[][] matrix = new double[teacher.length][student.length];
        for (int i = 0; i < teacher.length; i++) {
            for (int j = 0; j < student.length; j++) {
                matrix[i][j] = Cka.linear(teacher[i], student[j]);
                out.put("teacher_" + i + "_student_" + j, matrix[i][j]);
            }
        }
        AtomicFiles.writeString(ctx.dir().resolve(FILE), AnalysisManifest.JSON.writeValueAsString(out) + "\n");
        String[] rows = new String[teacher.length];
        String[] cols = new String[student.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "teacher layer " + (i + 1);
        }
        for (int j = 0; j < cols.length; j++) {
            cols[j] = "student layer " + (j + 1);
        }
        AnalysisCharts.heatmap(ctx.dir().resolve(PNG), ctx.title("linear CKA, teacher vs student layers ("
                + student[0].length + " validation graphs)"), "student GAT layer (this checkpoint)",
                "teacher GAT layer", cols, rows, matrix, "linear CKA (0 = unrelated, 1 = same up to rotation and "
                        + "scale)", 0, 1, true);
    }

    private static double[][][] layers(GatClassifier model, AnalysisContext ctx) {
        List<float[][][]> parts = new ArrayList<>();
        int graphs = 0;
        for (GraphBatch b : ctx.firstBatches(ctx.config().ckaMaxSamples())) {
            parts.add(model.layerEmbeddings(b));
            graphs += b.size();
        }
        int layers = parts.get(0).length;
        double[][][] out = new double[layers][graphs][];
        for (int l = 0; l < layers; l++) {
            int row = 0;
            for (float[][][] p : parts) {
                for (float[] g : p[l]) {
                    double[] d = new double[g.length];
                    for (int c = 0; c < g.length; c++) {
                        d[c] = g[c];
                    }
                    out[l][row++] = d;
                }
            }
        }
        return out;
    }
}
