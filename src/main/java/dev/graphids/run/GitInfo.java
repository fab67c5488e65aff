package dev.graphids.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit of the code that runs, read from its checkout; {@code unknown} outside one. */
public final class GitInfo {
    private final Path codeDir;

    public GitInfo(Path codeDir) {
        this.codeDir = codeDir;
    }

    public String sha() {
        if (codeDir == null || !Files.exists(codeDir.resolve(".git"))) {
            return "unknown";
        }
        try {
            Process p = new ProcessBuilder("git", "-C", codeDir.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out
                    : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
