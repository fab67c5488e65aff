package dev.graphids.cli;

import dev.graphids.analysis.report.ReportWriter;
import dev.graphids.analysis.report.RunReport;
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
 * lake, then run every stage on it: cache, fit and test (rate, VGAE, GAT), extract, fusion fit and test, analyze,
 * and a report over the runs.
 */
@Command(name = "demo", description = {"Run GraphIDS end to end on freshly simulated CAN traffic in a new lake:",
    "simulate a two-vehicle dataset with seven attack kinds, inspect it, then launch experiments (each with run",
    "journal, MLflow run and traces) that build its graph cache; fit and test the rate baseline, a VGAE and a GAT;",
    "extract their fusion state and fit and test an MLP fusion; analyze the GAT; print the per-folder test metrics",
    "and write an HTML report."})
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

    private static final String REPRESENTATION = "representation_cfg: {kind: snapshot, window_size: 100, stride: 100}\n";
    private static final String DATA = """
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.2}
            """;
    private static final String CACHE_CONFIG = "config:\n" + DATA;
    private static final String TRAINER = "  trainer: {max_epochs: %d, patience: 3, min_steps_per_epoch: 20}\n";

    @Option(names = "--epochs", defaultValue = "3",
            description = "Training epochs of the VGAE and the GAT (default: ${DEFAULT-VALUE}).")
    int epochs;

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
        Map<String, String> env = new java.util.HashMap<>(ctx.env());
        env.put(Lake.ROOT_VARIABLE, lake.root().toString());
        Launcher launcher = new Launcher(lake, env, paths -> RunTrackers.fromEnvironment(lake, env, paths),
                TerminalProgress.onStderr(spec.commandLine().getErr()), spec.commandLine().getErr(), ctx.threads());

        out.println("\n== 3. launch the cache experiment (snapshot windows of 100 frames): journal, MLflow run, traces");
        RunSummary cache = launch(lake, launcher, "demo_cache", "cache", CACHE_CONFIG, List.of());
        out.println(CacheCommands.summary(GraphCache.open(Path.of(finished(cache).get("cache_root").toString()))));

        Map<String, Map<String, Object>> results = new java.util.LinkedHashMap<>();
        List<Path> reported = new java.util.ArrayList<>();
        Map<String, String> fitted = new java.util.LinkedHashMap<>();
        String[][] models = {
            {"rate", "{type: rate}", "the rate baseline (window time span; nothing to learn but its threshold)"},
            {"vgae", "{type: vgae, scale: small, min_calibration_graphs: 20}", "the VGAE anomaly detector (benign graphs only)"},
            {"gat", "{type: gat, scale: small}", "the GAT classifier (small)"}};
        int step = 4;
        for (String[] m : models) {
            out.println("\n== " + step++ + ". fit and test " + m[2]);
            String body = "config:\n  model: " + m[1] + "\n" + DATA + TRAINER.formatted(epochs);
            RunSummary fit = launch(lake, launcher, "demo_" + m[0], "fit", body, List.of());
            out.println("fit  " + fit.runDir() + ": " + fit.status());
            fitted.put(m[0], finished(fit).get("best_checkpoint").toString());
            RunSummary test = launch(lake, launcher, "demo_" + m[0], "test", body,
                    List.of("config.ckpt_path=" + fitted.get(m[0])));
            out.println("test " + test.runDir() + ": " + test.status());
            results.put(m[0], tests(test));
            reported.add(Path.of(test.runDir()));
        }

        out.println("\n== " + step++ + ". extract the fusion state of the GAT and the VGAE (on their validation graphs)");
        RunSummary extract = launch(lake, launcher, "demo_extract", "extract", "config:\n  checkpoints: {gat: "
                + fitted.get("gat") + ", vgae: " + fitted.get("vgae") + "}\n" + DATA, List.of());
        out.println("extract " + extract.runDir() + ": " + extract.status());

        out.println("\n== " + step++ + ". fit and test the MLP fusion of GAT and VGAE");
        String fusion = "config:\n  model: {type: fusion, method: mlp}\n  states: " + extract.runDir() + "\n"
                + "  trainer: {max_epochs: 30, patience: 5, monitor: val_loss}\n";
        RunSummary fusionFit = launch(lake, launcher, "demo_fusion", "fit", fusion, List.of());
        out.println("fit  " + fusionFit.runDir() + ": " + fusionFit.status());
        RunSummary fusionTest = launch(lake, launcher, "demo_fusion", "test", fusion,
                List.of("config.ckpt_path=" + finished(fusionFit).get("best_checkpoint")));
        out.println("test " + fusionTest.runDir() + ": " + fusionTest.status());
        results.put("fusion", tests(fusionTest));
        reported.add(Path.of(fusionTest.runDir()));

        out.println("\n== " + step++ + ". analyze the GAT: embeddings (PCA) and attention over CAN IDs");
        RunSummary analyze = launch(lake, launcher, "demo_gat", "analyze", "config:\n  model_type: gat\n"
                + "  ckpt_path: " + fitted.get("gat") + "\n" + DATA + "  embeddings: true\n  attention: true\n"
                + "  attention_max_samples: 5\n", List.of());
        out.println("analyze " + analyze.runDir() + ": " + analyze.status() + " (artifacts/ holds data files and PNGs)");
        reported.add(Path.of(analyze.runDir()));

        out.println("\n== " + step++ + ". test results per folder (threshold chosen on validation)");
        out.println(resultsTable(results));

        Path html = lake.root().resolve("reports").resolve("demo.html");
        List<RunReport> runs = new java.util.ArrayList<>();
        for (Path dir : reported) {
            runs.add(RunReport.load(dir));
        }
        ReportWriter.write(runs, "GraphIDS demo", html);
        out.println("\nReport (open in a browser): " + html);

        out.println("\nDone. Explore further with:");
        out.println("  export GRAPHIDS_LAKE_ROOT=" + lake.root());
        out.println("  ./graphids data inspect " + DATASET);
        out.println("  ./graphids data graphs " + DATASET);
        out.println("  ./graphids exp status " + cache.runDir());
        out.println("  ./graphids exp results --per-folder auroc");
        out.println("  ./graphids detect --model " + Path.of(fitted.get("gat")).getParent().getParent() + " "
                + lake.rawDir(DATASET).resolve("test_01_known_vehicle_known_attack") + "/<a capture file>");
        out.flush();
        return 0;
    }

    /** Writes an experiment of the demo into the lake (so it can be rerun by hand) and launches it. */
    private RunSummary launch(Lake lake, Launcher launcher, String experiment, String stage, String config,
                              List<String> overrides) throws IOException {
        String yaml = "experiment_name: " + experiment + "\nrun_name: " + stage + "\ndataset: " + DATASET
                + "\nseed: " + seed + "\nstage: " + stage + "\n" + REPRESENTATION + config;
        Path file = lake.root().resolve("experiments").resolve(experiment + "_" + stage + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        RunSpec run = new ConfigLoader(new GitInfo(CodeDirectory.locate())).load(file, overrides, List.of());
        return launcher.launch(run);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tests(RunSummary test) {
        return (Map<String, Object>) finished(test).get("tests");
    }

    private static Map<String, Object> finished(RunSummary run) {
        return new RunJournal(new RunPaths(Path.of(run.runDir()))).readEvents().stream()
                .filter(e -> e.message().equals("run_finished")).findFirst().orElseThrow().details();
    }

    @SuppressWarnings("unchecked")
    private static String resultsTable(Map<String, Map<String, Object>> results) {
        StringBuilder sb = new StringBuilder(String.format("%-42s %8s", "test folder", "windows"));
        results.keySet().forEach(m -> sb.append(String.format("  %-8s %-8s", m + " AUC", m + " F1")));
        sb.append('\n');
        Map<String, Object> first = results.values().iterator().next();
        for (String folder : first.keySet()) {
            sb.append(String.format("%-42s %8s", folder, ((Map<String, Object>) first.get(folder)).get("samples")));
            for (Map<String, Object> tests : results.values()) {
                Map<String, Object> m = (Map<String, Object>) tests.get(folder);
                sb.append(String.format("  %-8.4f %-8.4f", ((Number) m.get("auroc")).doubleValue(),
                        ((Number) m.get("f1")).doubleValue()));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
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
