package dev.graphids.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code analysis_manifest.json} (runtime.md §8.2): what the analyze run meant to write ({@code expected_outputs},
 * every enabled artifact's data file and PNG, in the fixed artifact order) and what is on disk afterwards
 * ({@code existing_outputs}), so a partial analysis is visible as such. Written last, atomically.
 */
public record AnalysisManifest(@JsonProperty("contract") String contract, @JsonProperty("version") int version,
                               @JsonProperty("dataset") String dataset, @JsonProperty("model_type") String modelType,
                               @JsonProperty("checkpoint_path") String checkpointPath,
                               @JsonProperty("output_dir") String outputDir,
                               @JsonProperty("expected_outputs") List<String> expectedOutputs,
                               @JsonProperty("existing_outputs") List<String> existingOutputs) {
    public static final String FILE = "analysis_manifest.json";
    public static final String CONTRACT = "graphids.analyze";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The manifest of {@code expected} outputs in {@code dir}, listing those that exist now. */
    public static AnalysisManifest of(String dataset, String modelType, String checkpoint, Path dir,
                                      List<String> expected) {
        List<String> existing = new ArrayList<>();
        for (String name : expected) {
            if (Files.isRegularFile(dir.resolve(name))) {
                existing.add(name);
            }
        }
        return new AnalysisManifest(CONTRACT, 1, dataset, modelType, checkpoint, dir.toString(), List.copyOf(expected),
                existing);
    }

    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
        return file;
    }

    public static AnalysisManifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), AnalysisManifest.class);
    }
}
