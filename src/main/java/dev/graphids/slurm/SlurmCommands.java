package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs SLURM's client commands ({@code sbatch}, {@code squeue}, {@code scontrol}, {@code sacct}, {@code scancel}).
 * Commands are found on the {@code PATH} of the given environment (not the JVM's), so that tests can put fakes
 * first.
 */
public interface SlurmCommands {

    /** What a command printed and its exit code; 127 when it was not found. */
    record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> argv);

    /** True when the command can be run. */
    boolean available(String command);

    /** Real processes, looked up on {@code env}'s {@code PATH}, with a 60 s limit per command. */
    static SlurmCommands system(Map<String, String> env) {
        return new SlurmCommands() {
            @Override
            public Result run(List<String> argv) {
                Optional<Path> exe = locate(env, argv.get(0));
                if (exe.isEmpty()) {
                    return new Result(127, "", argv.get(0) + ": command not found");
                }
                List<String> cmd = new ArrayList<>(argv);
                cmd.set(0, exe.get().toString());
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().clear();
                pb.environment().putAll(env);
                try {
                    Process p = pb.start();
                    p.getOutputStream().close();
                    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
                    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        throw GraphidsException.environment(String.join(" ", argv) + ": no answer within 60 s");
                    }
                    return new Result(p.exitValue(), out.join(), err.join());
                } catch (IOException e) {
                    throw GraphidsException.environment(String.join(" ", argv) + ": cannot run: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw GraphidsException.environment(String.join(" ", argv) + ": interrupted", e);
                }
            }

            @Override
            public boolean available(String command) {
                return locate(env, command).isPresent();
            }
        };
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** An executable: a path when it contains '/', else the first match on {@code PATH}. */
    static Optional<Path> locate(Map<String, String> env, String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
