package dev.graphids.can.sim;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link TrafficSimulator#writeDataset}: every file written, in layout order, plus the manifest.
 *
 * @param outDir   the dataset directory
 * @param config   the options used
 * @param vehicles the vehicles simulated
 * @param files    one entry per data file (copies included)
 * @param manifest the {@code simulation.json} written last
 */
public record SimulationSummary(Path outDir, SimulationConfig config, List<VehicleModel> vehicles,
                                List<FileSummary> files, Path manifest) {
    public SimulationSummary {
        vehicles = List.copyOf(vehicles);
        files = List.copyOf(files);
    }

    /** Rows in all data files, copies included. */
    public long totalFrames() {
        return files.stream().mapToLong(FileSummary::frames).sum();
    }

    /** Rows with {@code attack=1} in all data files, copies included. */
    public long totalAttackFrames() {
        return files.stream().mapToLong(FileSummary::attackFrames).sum();
    }

    /** Folders that received at least one file, in layout order. */
    public List<String> folders() {
        return files.stream().map(f -> f.path().substring(0, f.path().indexOf('/'))).distinct().toList();
    }

    /** The summary of the file at relative path {@code path}. */
    public FileSummary file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no file " + path));
    }
}
