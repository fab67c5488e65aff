package dev.graphids.can.sim;

import dev.graphids.can.write.CatalogCsvWriter;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic dataset in the catalog layout ({@link DatasetLayout}): one capture per file, each
 * {@link SimulationConfig#minutes()} long, as {@code timestamp,arbitration_id,data_field,attack} CSV, then
 * {@value #MANIFEST} describing seed, vehicles, attacks and their intervals. Every file is written atomically;
 * the manifest is deleted first and written last, so its presence means the dataset is complete.
 */
public final class TrafficSimulator {
    /** Name of the machine-readable description written last into the dataset directory. */
    public static final String MANIFEST = "simulation.json";
    /** Capture 0 starts at 2023-01-01T00:00:00Z; capture i starts i hours later. */
    public static final long EPOCH_START_MICROS = 1_672_531_200_000_000L;
    private static final long CAPTURE_SPACING_MICROS = 3_600_000_000L;

    private TrafficSimulator() {
    }

    /**
     * Writes the dataset into {@code outDir} (created if missing). An existing non-empty directory is accepted only
     * if it holds a previous {@value #MANIFEST}; its files are replaced.
     *
     * @throws GraphidsException usage error for an unusable {@code outDir}, environment error when writing fails
     */
    public static SimulationSummary writeDataset(Path outDir, SimulationConfig cfg) {
        checkOutDir(outDir);
        List<VehicleModel> vehicles = List.of(Vehicles.vehicleA(), Vehicles.vehicleB());
        List<DatasetLayout.Entry> layout = DatasetLayout.standard(vehicles.get(0), vehicles.get(1));
        String ext = cfg.gzip() ? ".csv.gz" : ".csv";
        Path manifest = outDir.resolve(MANIFEST);
        try {
            Files.createDirectories(outDir);
            Files.deleteIfExists(manifest);
        } catch (IOException e) {
            throw GraphidsException.environment("cannot prepare " + outDir + ": " + e.getMessage(), e);
        }
        Map<String, FileSummary> written = writeCaptures(outDir, cfg, layout, ext);
        List<FileSummary> files = new ArrayList<>();
        for (DatasetLayout.Entry e : layout) {
            String path = e.key() + ext;
            if (e.copyOf() == null) {
                files.add(written.get(path));
            } else {
                FileSummary source = written.get(e.copyOf() + ext);
                copy(outDir.resolve(source.path()), outDir.resolve(path));
                files.add(source.copyAt(path));
            }
        }
        SimulationSummary summary = new SimulationSummary(outDir, cfg, vehicles, files, manifest);
        try {
            AtomicFiles.writeString(manifest, SimulationManifest.toJson(summary));
        } catch (IOException e) {
            throw GraphidsException.environment("cannot write " + manifest + ": " + e.getMessage(), e);
        }
        return summary;
    }

    /** The capture behind a layout entry (seeds and attack plan derived from the master seed). */
    public static Capture capture(DatasetLayout.Entry e, SimulationConfig cfg) {
        long captureSeed = Seeds.derive(cfg.seed(), e.captureIndex());
        long duration = cfg.durationMicros();
        AttackPlan plan = e.attack() == null ? null
                : AttackPlanner.plan(e.vehicle(), e.attack(), duration, new Random(Seeds.derive(captureSeed, 0x91A4)));
        return new Capture(e.vehicle(), captureSeed, duration, plan);
    }

    /**
     * What {@link #writeCsv} wrote.
     *
     * @param frames       rows, header excluded
     * @param attackFrames rows with {@code attack=1}
     * @param bits         on-wire bits of all frames, stuffing included (see {@link FrameBits})
     */
    public record WriteStats(long frames, long attackFrames, long bits) {
    }

    /**
     * Streams {@code capture} as catalog CSV onto {@code out} (gzip-compressed when {@code gzip}), timestamps offset
     * by {@code startEpochMicros} (microseconds since the Unix epoch), and closes {@code out}.
     */
    public static WriteStats writeCsv(Capture capture, long startEpochMicros, boolean gzip, OutputStream out)
            throws IOException {
        OutputStream sink = gzip ? new FastGzip(out) : out;
        long frames = 0;
        long attacks = 0;
        long bits = 0;
        try (CatalogCsvWriter w = new CatalogCsvWriter(sink)) {
            FrameSource src = capture.open();
            for (SimFrame f = src.next(); f != null; f = src.next()) {
                w.write(f.toCanFrame(startEpochMicros, frames + 2));
                frames++;
                attacks += f.attack() ? 1 : 0;
                bits += f.bits();
            }
        }
        return new WriteStats(frames, attacks, bits);
    }

    private static Map<String, FileSummary> writeCaptures(Path outDir, SimulationConfig cfg,
                                                          List<DatasetLayout.Entry> layout, String ext) {
        ExecutorService pool = Executors.newFixedThreadPool(cfg.threads());
        try {
            Map<String, Future<FileSummary>> futures = new HashMap<>();
            for (DatasetLayout.Entry e : layout) {
                if (e.copyOf() == null) {
                    futures.put(e.key() + ext, pool.submit(() -> writeOne(outDir, cfg, e, ext)));
                }
            }
            Map<String, FileSummary> out = new HashMap<>();
            for (Map.Entry<String, Future<FileSummary>> f : futures.entrySet()) {
                out.put(f.getKey(), await(f.getValue()));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileSummary writeOne(Path outDir, SimulationConfig cfg, DatasetLayout.Entry e, String ext)
            throws IOException {
        Capture capture = capture(e, cfg);
        long start = EPOCH_START_MICROS + e.captureIndex() * CAPTURE_SPACING_MICROS;
        String path = e.key() + ext;
        WriteStats[] stats = new WriteStats[1];
        AtomicFiles.write(outDir.resolve(path), out -> stats[0] = writeCsv(capture, start, cfg.gzip(), out));
        double load = stats[0].bits() / (capture.durationMicros() / 1e6 * FrameBits.BITRATE);
        return new FileSummary(path, e.vehicle().name(), capture.attack(), null, capture.captureSeed(), start,
                capture.durationMicros(), stats[0].frames(), stats[0].attackFrames(), load);
    }

    private static FileSummary await(Future<FileSummary> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GraphidsException.environment("interrupted while writing the dataset", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof GraphidsException g) {
                throw g;
            }
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                throw GraphidsException.environment("cannot write the dataset: " + c.getMessage(), c);
            }
            throw new IllegalStateException(c);
        }
    }

    private static void copy(Path source, Path target) {
        try {
            AtomicFiles.write(target, out -> Files.copy(source, out));
        } catch (IOException e) {
            throw GraphidsException.environment("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void checkOutDir(Path outDir) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw GraphidsException.usage("--out " + outDir + ": expected a directory, found a file");
        }
        if (Files.isDirectory(outDir) && !Files.exists(outDir.resolve(MANIFEST))) {
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.findAny().isPresent()) {
                    throw GraphidsException.usage("--out " + outDir + ": expected an empty directory or an earlier"
                            + " simulated dataset (with " + MANIFEST + "), found other files");
                }
            } catch (IOException e) {
                throw GraphidsException.environment("cannot list " + outDir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Gzip at the fastest level: the CSV is highly repetitive, so level 1 loses little size and saves much time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
