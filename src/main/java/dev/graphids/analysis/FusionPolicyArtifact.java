package dev.graphids.analysis;

import dev.graphids.analysis.plot.AnalysisCharts;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy of a fusion model (runtime.md §8.7), read from the prediction file of a fusion run (docs/predictions.md)
 * rather than re-run: per window the mixing weight {@code alpha}, the two input scores {@code gat_prob} and
 * {@code anomaly}, and the label {@code y}. {@code config.fusion_predictions} names the file, or a fusion run (or its
 * {@code predictions/} directory), whose {@code val.safetensors} is used. Writes {@code fusion_policy.json}
 * ({@code alphas}, {@code labels}, {@code gat_prob}, {@code anomaly}, {@code alpha_by_label} {normal, attack},
 * {@code q_values} [] — the original's {@code dqn_policy.json} plus the inputs) and a PNG of α against both inputs.
 */
final class FusionPolicyArtifact implements Artifact {
    static final String FILE = "fusion_policy.json";
    static final String PNG = "fusion_policy.png";
    static final List<String> COLUMNS = List.of("alpha", "gat_prob", "anomaly", "y");

    @Override
    public String name() {
        return "fusion_policy";
    }

    @Override
    public List<String> outputs(String modelType) {
        return List.of(FILE, PNG);
    }

    /** The prediction file a {@code fusion_predictions} value names. */
    static Path resolve(Path given) {
        if (Files.isDirectory(given)) {
            for (Path candidate : List.of(given.resolve("predictions/val.safetensors"),
                    given.resolve("val.safetensors"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw GraphidsException.usage("config.fusion_predictions: " + given + " holds no predictions/val"
                    + ".safetensors or val.safetensors; name a fusion run, its predictions directory or a prediction "
                    + "file");
        }
        if (!Files.isRegularFile(given)) {
            throw GraphidsException.usage("config.fusion_predictions: " + given + " does not exist");
        }
        return given;
    }

    /** The policy columns of a prediction file, as doubles. */
    static Map<String, double[]> read(Path file) throws IOException {
        Safetensors.MappedFile f;
        try {
            f = Safetensors.map(file);
        } catch (IOException | RuntimeException e) {
            throw GraphidsException.usage("config.fusion_predictions: " + file + ": not a readable prediction file ("
                    + e.getMessage() + ")");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            if (!f.names().contains(column)) {
                throw GraphidsException.usage("fusion_policy not available: needs a fusion model's predictions with "
                        + "alpha, gat_prob and anomaly; " + file + " (model " + f.metadata().getOrDefault("model", "?")
                        + ") has no column '" + column + "' (columns: " + String.join(", ", f.names()) + ")");
            }
            out.put(column, column(f, column, file));
        }
        return out;
    }

    private static double[] column(Safetensors.MappedFile f, String name, Path file) {
        String dtype = f.dtype(name);
        switch (dtype) {
            case "F64" -> {
                java.nio.DoubleBuffer b = f.doubles(name);
                double[] d = new double[b.remaining()];
                b.get(d);
                return d;
            }
            case "F32" -> {
                float[] v = f.floatArray(name);
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                return d;
            }
            case "I64" -> {
                long[] v = f.longArray(name);
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                return d;
            }
            default -> throw GraphidsException.usage(file + ": column '" + name + "': expected F64, F32 or I64, found "
                    + dtype);
        }
    }

    @Override
    public void write(AnalysisContext ctx) throws Exception {
        Path file = resolve(Path.of(ctx.config().fusionPredictions()));
        Map<String, double[]> c = read(file);
        double[] alpha = c.get("alpha");
        double[] y = c.get("y");
        for (double[] col : c.values()) {
            if (col.length != alpha.length) {
                throw GraphidsException.usage(file + ": the columns alpha, gat_prob, anomaly and y must have one row "
                        + "per window; found " + alpha.length + " and " + col.length + " rows");
            }
        }
        List<Double> normal = new ArrayList<>();
        List<Double> attack = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        for (int i = 0; i < alpha.length; i++) {
            labels.add((long) y[i]);
            (y[i] != 0 ? attack : normal).add(alpha[i]);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", file.toString());
        json.put("alphas", alpha);
        json.put("labels", labels);
        json.put("gat_prob", c.get("gat_prob"));
        json.put("anomaly", c.get("anomaly"));
        json.put("alpha_by_label", Map.of("normal", normal, "attack", attack));
        json.put("q_values", List.of());
        AtomicFiles.writeString(ctx.dir().resolve(FILE), AnalysisManifest.JSON.writeValueAsString(json) + "\n");
        AnalysisCharts.fusionPolicy(ctx.dir().resolve(PNG), "fusion policy: α against its inputs — " + ctx.dataset()
                + " (" + alpha.length + " windows)", byClass(c.get("gat_prob"), alpha, y),
                byClass(c.get("anomaly"), alpha, y));
    }

    private static Map<String, double[][]> byClass(double[] x, double[] alpha, double[] y) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (int label = 0; label <= 1; label++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if ((y[i] != 0 ? 1 : 0) == label) {
                    idx.add(i);
                }
            }
            double[][] xy = new double[2][idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                xy[0][k] = x[idx.get(k)];
                xy[1][k] = alpha[idx.get(k)];
            }
            out.put(label == 0 ? "benign" : "attack", xy);
        }
        return out;
    }
}
