package dev.graphids.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.detect.ModelBundle;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the test run of a checkpoint: a finished run of the same dataset whose journal's {@code run_finished} event
 * is a test of exactly this checkpoint file, and returns its results (per-folder AUROC, F1 and samples, threshold).
 */
final class TestRunMetrics {
    private TestRunMetrics() {
    }

    /**
     * @param datasetRunsDir {@code {lake}/runs/{dataset}}
     * @param checkpoint     absolute, normalised checkpoint path
     */
    static Optional<ObjectNode> find(Path datasetRunsDir, Path checkpoint) throws IOException {
        if (!Files.isDirectory(datasetRunsDir)) {
            return Optional.empty();
        }
        List<Path> journals;
        try (Stream<Path> s = Files.find(datasetRunsDir, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals("events.jsonl"))) {
            journals = s.sorted().toList();
        }
        ObjectNode found = null;
        for (Path events : journals) {
            try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    JsonNode e = parse(line);
                    JsonNode d = e == null ? null : e.path("details");
                    if (d != null && "run_finished".equals(e.path("message").asText())
                            && "test".equals(d.path("stage").asText())
                            && samePath(d.path("ckpt_path").asText(), checkpoint)) {
                        ObjectNode m = ModelBundle.JSON.createObjectNode();
                        m.put("test_run", events.getParent().getParent().toString());
                        m.put("finished", e.path("ts").asText());
                        m.set("threshold", d.path("threshold"));
                        m.set("tests", d.path("tests"));
                        found = m; // the latest journal (in path order) wins
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static JsonNode parse(String line) {
        try {
            return ModelBundle.JSON.readTree(line);
        } catch (IOException e) {
            return null; // a torn last line of a live journal is not a result
        }
    }

    private static boolean samePath(String text, Path checkpoint) {
        return !text.isEmpty() && Path.of(text).toAbsolutePath().normalize().equals(checkpoint);
    }
}
