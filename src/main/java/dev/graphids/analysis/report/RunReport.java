package dev.graphids.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.Evaluation;
import dev.graphids.eval.Evaluator;
import dev.graphids.eval.LabelledScores;
import dev.graphids.eval.OperatingPoints;
import dev.graphids.eval.PredictionReader;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a report shows of one run directory: its manifest, its resolved config, the metrics of every scored split
 * (recomputed from its prediction files at the threshold they record, so a report needs no tracking store), and its
 * plots ({@code artifacts/plots/*.png}, then the analysis PNGs of {@code artifacts/}).
 *
 * @param metrics split ({@code val}, then each test folder) → metric → value
 */
public record RunReport(Path runDir, RunManifest manifest, JsonNode config, Map<String, Map<String, Double>> metrics,
                        List<Path> plots) {
    /** The metrics a report tabulates, in column order. */
    public static final List<String> COLUMNS = List.of("n_samples", "n_attack", "auroc", "ap", "f1", "precision",
            "recall", "fpr", "mcc", "threshold");
    private static final ObjectMapper JSON = new ObjectMapper();

    public String title() {
        return manifest.dataset() + " / " + manifest.experiment() + " / " + manifest.name();
    }

    /** The model of the run (from its config), or "" when it has none. */
    public String model() {
        JsonNode c = config.path("config");
        if (c.path("model").isObject()) {
            return c.path("model").path("type").asText("");
        }
        return c.path("model_type").asText("");
    }

    /**
     * @throws GraphidsException (usage) when {@code dir} is not a run directory, (bad input) when a prediction file
     *                           is unreadable
     */
    public static RunReport load(Path dir) {
        RunPaths paths = new RunPaths(dir.toAbsolutePath().normalize());
        if (!Files.isRegularFile(paths.manifest())) {
            throw GraphidsException.usage(dir + ": not a GraphIDS run directory (expected " + paths.manifest()
                    + "; run directories are {lake}/runs/{dataset}/{experiment}/{run})");
        }
        RunManifest manifest = new RunJournal(paths).readManifest();
        JsonNode config;
        try {
            config = Files.isRegularFile(paths.resolvedConfig()) ? JSON.readTree(paths.resolvedConfig().toFile())
                    : JSON.createObjectNode();
        } catch (IOException e) {
            throw new dev.graphids.error.BadInputException(paths.resolvedConfig() + ": not valid JSON: " + e.getMessage());
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        List<Path> predictionFiles = new ArrayList<>();
        Path val = paths.predictions().resolve("val.safetensors");
        if (Files.isRegularFile(val)) {
            predictionFiles.add(val);
        }
        predictionFiles.addAll(list(paths.predictions().resolve("test"), ".safetensors"));
        for (Path file : predictionFiles) {
            String split = file.getParent().getFileName().toString().equals("test")
                    ? stem(file) : "val";
            metrics.put(split, metricsOf(file));
        }
        List<Path> plots = new ArrayList<>(list(paths.artifacts().resolve("plots"), ".png"));
        plots.addAll(list(paths.artifacts(), ".png"));
        return new RunReport(paths.runDir(), manifest, config, metrics, plots);
    }

    static Map<String, Double> metricsOf(Path file) {
        try {
            PredictionReader.Predictions p = PredictionReader.read(file);
            int[] labels = new int[p.size()];
            int[] types = new int[p.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = p.y()[i] != 0 ? 1 : 0;
                types[i] = (int) p.attackType()[i];
            }
            Evaluation e = new Evaluator(p.threshold(), OperatingPoints.none())
                    .evaluate(p.split(), new LabelledScores(labels, types, p.score()));
            Map<String, Double> out = new LinkedHashMap<>();
            for (String k : COLUMNS) {
                out.put(k, e.metrics().getOrDefault(k, Double.NaN));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new dev.graphids.error.BadInputException(file + ": not a readable prediction file: " + e.getMessage());
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw GraphidsException.environment(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".safetensors".length());
    }
}
