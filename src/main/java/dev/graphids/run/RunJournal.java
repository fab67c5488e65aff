package dev.graphids.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run journal (the original's {@code graphids/exp/journal.py}): a manifest rewritten atomically and an
 * append-only event log. Each event is one {@code write} of a whole line followed by fsync, and readers skip a
 * trailing partial line, so a crash at any moment leaves readable files.
 */
public final class RunJournal {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper LINE = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final RunPaths paths;

    public RunJournal(RunPaths paths) {
        this.paths = paths;
    }

    public RunPaths paths() {
        return paths;
    }

    /** Now, UTC, to the second (as the original's journal). */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public void writeManifest(RunManifest manifest) {
        try {
            AtomicFiles.writeString(paths.manifest(), JSON.writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw GraphidsException.environment(paths.manifest() + ": cannot write: " + e.getMessage(), e);
        }
    }

    public void append(String status, String stage, String message, Map<String, Object> details) {
        RunEvent event = new RunEvent(now(), status, stage, message, details == null ? Map.of() : details);
        try {
            Files.createDirectories(paths.journalDir());
            byte[] line = (LINE.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(paths.events(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC)) {
                out.write(line);
            }
        } catch (IOException e) {
            throw GraphidsException.environment(paths.events() + ": cannot append: " + e.getMessage(), e);
        }
    }

    /** The manifest, or null when the run has none yet. */
    public RunManifest readManifest() {
        if (!Files.exists(paths.manifest())) {
            return null;
        }
        try {
            return JSON.readValue(paths.manifest().toFile(), RunManifest.class);
        } catch (IOException e) {
            throw GraphidsException.environment(paths.manifest() + ": not a valid run manifest: " + e.getMessage(), e);
        }
    }

    /** The events in order; a final line cut short by a crash is skipped. */
    public List<RunEvent> readEvents() {
        List<RunEvent> out = new ArrayList<>();
        if (!Files.exists(paths.events())) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(paths.events(), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(LINE.readValue(line, RunEvent.class));
                } catch (IOException e) {
                    if (i < lines.size() - 1) {
                        throw GraphidsException.environment(paths.events() + ":" + (i + 1) + ": not a valid event: "
                                + e.getMessage(), e);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw GraphidsException.environment(paths.events() + ": cannot read: " + e.getMessage(), e);
        }
    }
}
