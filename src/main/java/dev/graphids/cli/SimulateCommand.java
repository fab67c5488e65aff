package dev.graphids.cli;

import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.sim.DatasetLayout;
import dev.graphids.can.sim.FileSummary;
import dev.graphids.can.sim.SimulationConfig;
import dev.graphids.can.sim.SimulationSummary;
import dev.graphids.can.sim.TrafficSimulator;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code graphids simulate}: writes a seeded synthetic CAN dataset in the catalog layout. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a synthetic, labelled CAN dataset (two vehicles, seven attacks) in the catalog layout.")
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Where the dataset goes: a directory, or a named dataset in the lake. */
    static final class Target {
        @Option(names = "--out", paramLabel = "DIR",
                description = "Dataset directory to write (new, empty, or an earlier simulated dataset).")
        Path out;

        @Option(names = "--dataset", paramLabel = "NAME",
                description = "Write into the lake as raw/NAME and declare NAME in the lake's datasets.json.")
        String dataset;
    }

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Master seed; the same seed gives byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--minutes", defaultValue = "1", paramLabel = "M",
            description = "Length of each capture in minutes, fractions allowed (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write .csv.gz (default) or, with --no-gzip, plain .csv.")
    boolean gzip;

    private final CliContext ctx;

    SimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Path dir;
        if (target.dataset != null) {
            Lake lake = ctx.lake();
            lake.requireWritable("simulate dataset " + target.dataset);
            dir = lake.rawDir(target.dataset);
        } else {
            dir = target.out.toAbsolutePath().normalize();
            Path code = CodeDirectory.locate();
            if (code != null && dir.startsWith(code.toAbsolutePath().normalize())) {
                throw GraphidsException.usage("--out " + target.out + ": expected a directory outside the code "
                        + "directory " + code + ", found one inside it");
            }
            if (ctx.env().containsKey(Lake.ROOT_VARIABLE) && dir.startsWith(ctx.lake().root())) {
                ctx.lake().requireWritable("simulate into " + dir);
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        write(dir, seed, minutes, gzip, w);
        if (target.dataset != null) {
            DatasetCatalog.register(ctx.lake(), simulatedEntry(target.dataset, seed));
            w.println("declared dataset '" + target.dataset + "' in " + ctx.lake().catalogFile());
        }
        w.flush();
        return 0;
    }

    /** The catalog entry of a simulated dataset (the set_0N layout). */
    static DatasetEntry simulatedEntry(String name, long seed) {
        return new DatasetEntry(name, DatasetLayout.TRAIN_BENIGN, DatasetLayout.TRAIN_ATTACKS,
                DatasetLayout.FOLDERS.subList(2, DatasetLayout.FOLDERS.size()),
                List.of("dos", "fuzzing", "gear", "rpm", "replay", "suppress", "masquerade"),
                "Simulated by graphids simulate (seed " + seed + ")", false);
    }

    /** Simulates into {@code dir} and prints what was written. */
    static SimulationSummary write(Path target, long seed, double minutes, boolean gzip, PrintWriter w) {
        SimulationSummary s = TrafficSimulator.writeDataset(target, SimulationConfig.of(seed, minutes, gzip));
        w.printf(Locale.ROOT, "simulated dataset in %s (seed %d, %s min per capture)%n", target, seed,
                trim(minutes));
        String folder = null;
        for (FileSummary f : s.files()) {
            String dir = f.path().substring(0, f.path().indexOf('/'));
            if (!dir.equals(folder)) {
                folder = dir;
                w.println("  " + dir + "/");
            }
            w.printf(Locale.ROOT, "    %-18s vehicle %s  %-10s %8d frames  %6d attack  load %4.1f %%%s%n",
                    f.path().substring(dir.length() + 1), f.vehicle(),
                    f.plan() == null ? "benign" : f.plan().kind().label(), f.frames(), f.attackFrames(),
                    100 * f.busLoad(), f.copyOf() == null ? "" : "  (copy)");
        }
        w.printf(Locale.ROOT, "%d folders, %d files, %d frames, %d attack frames; manifest %s%n",
                s.folders().size(), s.files().size(), s.totalFrames(), s.totalAttackFrames(),
                s.manifest().getFileName());
        w.flush();
        return s;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
