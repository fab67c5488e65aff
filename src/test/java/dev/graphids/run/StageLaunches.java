package dev.graphids.run;

import dev.graphids.cache.CacheProgress;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the stage tests share: a lake holding the simulated dataset {@code sim}, and launching experiment YAML text
 * into it as {@code graphids exp launch} does (validated by the loader, no tracking, one thread), with the launcher's
 * log kept for assertion messages.
 */
final class StageLaunches {
    private final Lake lake;
    private final Path configDir;
    private final StringWriter log = new StringWriter();
    private int launched;

    private StageLaunches(Lake lake, Path configDir) {
        this.lake = lake;
        this.configDir = configDir;
    }

    /** A new lake under {@code dir} with {@code minutes} of simulated traffic as dataset {@code sim}. */
    static StageLaunches simulated(Path dir, double minutes) throws IOException {
        Lake lake = Lake.at(dir.resolve("lake"));
        SimulateFixture.dataset(lake, "sim", minutes);
        return new StageLaunches(lake, dir);
    }

    Lake lake() {
        return lake;
    }

    /** Writes {@code yaml} to a file of its own, loads it with the overrides and launches it. */
    RunSummary launch(String yaml, String... overrides) throws IOException {
        Path file = configDir.resolve("exp-" + launched++ + ".yaml");
        Files.writeString(file, yaml);
        RunSpec spec = new ConfigLoader(new GitInfo(null)).load(file, List.of(overrides), List.of());
        return new Launcher(lake, Map.of(), p -> RunTracker.NONE, CacheProgress.NONE, new PrintWriter(log), 1)
                .launch(spec);
    }

    /** Everything the launches logged (progress, epochs, failures). */
    String log() {
        return log.toString();
    }
}
