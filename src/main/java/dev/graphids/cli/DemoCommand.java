package dev.graphids.cli;

import dev.graphids.cache.GraphCache;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.inspect.DatasetInspection;
import dev.graphids.can.inspect.DatasetInspector;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.GitInfo;
import dev.graphids.run.Launcher;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import dev.graphids.run.RunSummary;
import dev.graphids.run.RunTrackers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code graphids demo}: the main job end to end on data GraphIDS makes itself — simulate a dataset into a fresh
 * lake, then run every stage that exists on it. Later stages join as they are built.
 */
@Command(name = "demo", description = {"Run GraphIDS end to end on freshly simulated CAN traffic in a new lake:",
    "simulate a two-vehicle dataset with seven attack kinds, inspect it, and launch the experiment that builds",
    "its graph cache (run journal, MLflow run, traces)."})
public final class DemoCommand implements Callable<Integer> {
    static final String DATASET = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "Lake to create (must not exist yet; default: a new directory under the system temp dir).")
    Path lakeDir;

    @Option(names = "--minutes", defaultValue = "0.5", paramLabel = "M",
            description = "Length of each simulated capture in minutes (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The demo's cache experiment, written into its lake so that it can be rerun by hand. */
    private static final String CACHE_EXPERIMENT = """
            experiment_name: demo_cache
            dataset: demo
            stage: cache
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              data:
                source:
                  representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
                  val_fraction: 0.2
            """;

    private final CliContext ctx;

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Lake lake = freshLake();
        out.println("== GraphIDS demo: lake " + lake.root());
        out.println("\n== 1. simulate dataset '" + DATASET + "'");
        SimulateCommand.write(lake.rawDir(DATASET), seed, minutes, true, out);
        DatasetEntry entry = SimulateCommand.simulatedEntry(DATASET, seed);
        DatasetCatalog.register(lake, entry);

        out.println("\n== 2. inspect dataset '" + DATASET + "'");
        DatasetInspection inspection = new DatasetInspector(ReadOptions.defaults(), ctx.threads())
                .inspect(entry, lake.rawDir(DATASET));
        out.println(InspectionTable.render(inspection));
        if (!inspection.rejectedFiles().isEmpty()) {
            throw GraphidsException.environment("the simulated dataset has rejected files; this is a bug");
        }
        out.println("\n== 3. launch the cache experiment (snapshot windows of 100 frames): journal, MLflow run, traces");
        Path experiment = lake.root().resolve("experiments/demo_cache.yaml");
        Files.createDirectories(experiment.getParent());
        Files.writeString(experiment, CACHE_EXPERIMENT);
        Map<String, String> env = new java.util.HashMap<>(ctx.env());
        env.put(Lake.ROOT_VARIABLE, lake.root().toString());
        PrintWriter err = spec.commandLine().getErr();
        RunSpec run = new ConfigLoader(new GitInfo(CodeDirectory.locate())).load(experiment, List.of(), List.of());
        RunSummary summary = new Launcher(lake, env, paths -> RunTrackers.fromEnvironment(lake, env, paths),
                TerminalProgress.onStderr(err), err, ctx.threads()).launch(run);
        out.println("run " + summary.runDir() + ": " + summary.status() + " (MLflow run " + summary.mlflowRunId()
                + ")");
        Path cacheDir = Path.of(new RunJournal(new RunPaths(Path.of(summary.runDir()))).readEvents().stream()
                .filter(e -> e.message().equals("run_finished")).findFirst().orElseThrow().details()
                .get("cache_root").toString());
        out.println(CacheCommands.summary(GraphCache.open(cacheDir)));

        out.println("\nDone. Explore further with:");
        out.println("  export GRAPHIDS_LAKE_ROOT=" + lake.root());
        out.println("  ./graphids data inspect " + DATASET);
        out.println("  ./graphids data graphs " + DATASET);
        out.println("  ./graphids exp status " + summary.runDir());
        out.println("  ./graphids exp results --view cache");
        out.flush();
        return 0;
    }

    /** A new, empty lake: --lake, or a fresh temporary directory; never inside the code directory. */
    private Lake freshLake() throws IOException {
        Path dir = lakeDir != null ? lakeDir.toAbsolutePath().normalize()
                : Files.createTempDirectory("graphids-demo-");
        if (lakeDir != null && Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw GraphidsException.usage("--lake " + dir + ": expected a new or empty directory, found one with files");
        }
        Lake lake = Lake.resolve(Map.of(Lake.ROOT_VARIABLE, dir.toString(),
                Lake.WRITE_VARIABLE, ctx.env().getOrDefault(Lake.WRITE_VARIABLE, "1")), CodeDirectory.locate());
        lake.requireWritable("run the demo");
        Files.createDirectories(lake.root());
        return lake;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
