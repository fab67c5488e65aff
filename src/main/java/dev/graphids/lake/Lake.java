package dev.graphids.lake;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data lake: the one root under which GraphIDS writes anything at run time, and the one place that knows every
 * path under it.
 *
 * <pre>
 * {lake}/raw/{dataset}/{folder}/...   raw captures in the catalog layout
 * {lake}/datasets.json                user datasets (the built-in catalog needs no file)
 * {lake}/cache/                       graph caches
 * {lake}/runs/{dataset}/{experiment}/{run}
 * {lake}/mlflow.db                    tracking store in MLflow's schema
 * {lake}/slurm/                       sbatch scripts and job logs
 * </pre>
 */
public final class Lake {
    public static final String ROOT_VARIABLE = "GRAPHIDS_LAKE_ROOT";
    public static final String WRITE_VARIABLE = "GRAPHIDS_LAKE_WRITE";
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final boolean writable;
    private final boolean defaulted;

    private Lake(Path root, boolean writable, boolean defaulted) {
        this.root = root;
        this.writable = writable;
        this.defaulted = defaulted;
    }

    /**
     * Resolves the lake from the environment: {@code GRAPHIDS_LAKE_ROOT}, else a per-user data directory
     * ({@code $XDG_DATA_HOME/graphids} or {@code ~/.local/share/graphids}).
     *
     * @param codeDir the directory holding GraphIDS's own code, which the lake must not lie inside (null if unknown)
     * @throws GraphidsException when the lake would lie inside the code directory
     */
    public static Lake resolve(Map<String, String> env, Path codeDir) {
        String configured = env.get(ROOT_VARIABLE);
        boolean defaulted = configured == null || configured.isBlank();
        Path root;
        if (defaulted) {
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank()
                    ? Path.of(xdg)
                    : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
            root = base.resolve("graphids");
        } else {
            root = Path.of(configured);
        }
        root = realish(root.toAbsolutePath().normalize());
        if (codeDir != null) {
            Path code = realish(codeDir.toAbsolutePath().normalize());
            if (root.startsWith(code)) {
                throw GraphidsException.environment("the lake root " + root + " lies inside the GraphIDS code directory "
                        + code + "; set " + ROOT_VARIABLE + " to a directory outside it");
            }
        }
        String write = env.getOrDefault(WRITE_VARIABLE, "1").trim().toLowerCase();
        boolean writable = !(write.equals("0") || write.equals("false") || write.equals("no") || write.equals("off"));
        return new Lake(root, writable, defaulted);
    }

    /** A lake at an explicit root (tests, tools); writable, never refused. */
    public static Lake at(Path root) {
        return new Lake(root.toAbsolutePath().normalize(), true, false);
    }

    /** Resolves symbolic links of the longest existing prefix, so that a link cannot hide the code directory. */
    private static Path realish(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            return path;
        }
    }

    public Path root() {
        return root;
    }

    /** True when the root came from the per-user default rather than {@code GRAPHIDS_LAKE_ROOT}. */
    public boolean defaulted() {
        return defaulted;
    }

    public boolean writable() {
        return writable;
    }

    /**
     * Fails early, before any work, when the lake is read-only.
     *
     * @param action what the command was about to do, for the message ("simulate a dataset")
     */
    public void requireWritable(String action) {
        if (!writable) {
            throw GraphidsException.environment("cannot " + action + ": the lake " + root + " is read-only ("
                    + WRITE_VARIABLE + "=0); unset it or set " + WRITE_VARIABLE + "=1");
        }
    }

    /** Checks that a dataset (or other) name is one safe path segment: no slashes, no "..", no leading dot. */
    public static String checkSegment(String kind, String name) {
        if (name == null || !SAFE_SEGMENT.matcher(name).matches() || name.contains("..")) {
            throw GraphidsException.usage(kind + " name " + (name == null ? "(missing)" : "'" + name + "'")
                    + " is not a safe path segment: expected letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit, no '..'");
        }
        return name;
    }

    public Path rawDir() {
        return root.resolve("raw");
    }

    public Path rawDir(String dataset) {
        return rawDir().resolve(checkSegment("dataset", dataset));
    }

    public Path catalogFile() {
        return root.resolve("datasets.json");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public Path runsDir() {
        return root.resolve("runs");
    }

    public Path mlflowDb() {
        return root.resolve("mlflow.db");
    }

    public Path slurmDir() {
        return root.resolve("slurm");
    }
}
