package dev.graphids.cli;

import dev.graphids.can.sim.FileSummary;
import dev.graphids.can.sim.SimulationConfig;
import dev.graphids.can.sim.SimulationSummary;
import dev.graphids.can.sim.TrafficSimulator;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Dataset directory to write (new, empty, or an earlier simulated dataset).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Master seed; the same seed gives byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--minutes", defaultValue = "1", paramLabel = "M",
            description = "Length of each capture in minutes, fractions allowed (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write .csv.gz (default) or, with --no-gzip, plain .csv.")
    boolean gzip;

    @Override
    public Integer call() {
        Path target = out.toAbsolutePath().normalize();
        Path code = CodeDirectory.locate();
        if (code != null && target.startsWith(code.toAbsolutePath().normalize())) {
            throw GraphidsException.usage("--out " + out + ": expected a directory outside the code directory "
                    + code + ", found one inside it");
        }
        SimulationSummary s = TrafficSimulator.writeDataset(target, SimulationConfig.of(seed, minutes, gzip));
        PrintWriter w = spec.commandLine().getOut();
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
        return 0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
