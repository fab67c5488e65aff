package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import dev.graphids.model.cpu.CpuKernels;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command a job runs to launch GraphIDS on the compute node (which runs the same checkout as the submitter):
 * {@code GRAPHIDS_LAUNCH_COMMAND} when set (whitespace-separated words, no shell syntax: each word is quoted into
 * the script), else this JVM's {@code java} with {@code -jar} of the GraphIDS jar it runs from, or with its class
 * path and {@code dev.graphids.cli.Main} when it runs from classes (tests, IDEs); the vector module is added when
 * this JVM has it ({@link CpuKernels}).
 */
public final class LaunchCommand {
    public static final String VARIABLE = "GRAPHIDS_LAUNCH_COMMAND";

    private LaunchCommand() {
    }

    public static List<String> resolve(Map<String, String> env, Path codeDir) {
        String configured = env.get(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Arrays.asList(configured.trim().split("\\s+"));
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isBlank()) {
            throw GraphidsException.environment("cannot tell how to launch GraphIDS on the compute node (no class "
                    + "path); set " + VARIABLE);
        }
        String cp = Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> out = new ArrayList<>();
        out.add(java);
        if (CpuKernels.moduleLoaded()) {
            out.add(CpuKernels.JVM_OPTION); // the job scores with the same forwards as this JVM
        }
        if (codeDir != null) {
            out.add("-Dgraphids.code.dir=" + codeDir);
        }
        boolean ownJar = !cp.contains(File.pathSeparator) && Path.of(cp).getFileName().toString()
                .matches("graphids.*\\.jar");
        if (ownJar) {
            out.addAll(List.of("-jar", cp));
        } else {
            out.addAll(List.of("-cp", cp, "dev.graphids.cli.Main"));
        }
        return out;
    }
}
