package dev.graphids.can.inspect;

import dev.graphids.can.catalog.CaptureFiles;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Inspects every capture of a dataset, files in parallel (one reader per core), and finds duplicate files. */
public final class DatasetInspector {
    private final ReadOptions options;
    private final int threads;

    public DatasetInspector(ReadOptions options, int threads) {
        this.options = options;
        this.threads = Math.max(1, threads);
    }

    /** Inspects a catalog dataset whose raw directory is {@code rawDir}. */
    public DatasetInspection inspect(DatasetEntry dataset, Path rawDir) {
        List<String> folders = dataset.folders();
        List<List<Path>> files = new ArrayList<>();
        for (String folder : folders) {
            files.add(CaptureFiles.list(rawDir.resolve(folder)));
        }
        List<List<FileInspection>> results = run(rawDir, folders, files);
        List<DatasetInspection.FolderInspection> out = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            String folder = folders.get(i);
            out.add(summarise(folder, dataset.isTrainFolder(folder), Files.isDirectory(rawDir.resolve(folder)),
                    results.get(i)));
        }
        return new DatasetInspection(dataset.name(), rawDir.toString(), markDuplicates(out));
    }

    /** Inspects loose files or every capture under a directory, as one folder. */
    public DatasetInspection inspectPath(Path path) {
        boolean dir = Files.isDirectory(path);
        Path root = dir ? path : path.toAbsolutePath().getParent();
        List<Path> files = dir ? CaptureFiles.list(path) : List.of(path);
        List<FileInspection> results = run(root, List.of(""), List.of(files)).get(0);
        return new DatasetInspection(path.toString(), root.toString(),
                markDuplicates(List.of(summarise("", false, true, results))));
    }

    private List<List<FileInspection>> run(Path root, List<String> folders, List<List<Path>> files) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<List<Future<FileInspection>>> futures = new ArrayList<>();
            for (int i = 0; i < folders.size(); i++) {
                String folder = folders.get(i);
                List<Future<FileInspection>> fs = new ArrayList<>();
                for (Path file : files.get(i)) {
                    String name = root.relativize(file).toString();
                    fs.add(pool.submit(() -> CaptureInspector.inspect(file, name, folder, options)));
                }
                futures.add(fs);
            }
            List<List<FileInspection>> out = new ArrayList<>();
            for (List<Future<FileInspection>> fs : futures) {
                List<FileInspection> r = new ArrayList<>();
                for (Future<FileInspection> f : fs) {
                    r.add(f.get());
                }
                out.add(r);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("inspection interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static DatasetInspection.FolderInspection summarise(String folder, boolean train, boolean present,
                                                                List<FileInspection> files) {
        long frames = 0;
        long attacks = 0;
        long bad = 0;
        for (FileInspection f : files) {
            if (!f.rejected()) {
                frames += f.frames();
                attacks += f.attackFrames();
            }
            bad += f.badRowCount();
        }
        return new DatasetInspection.FolderInspection(folder, train, present, files, frames, attacks,
                distinctIdsOf(files), bad);
    }

    private static int distinctIdsOf(List<FileInspection> files) {
        IdSet union = new IdSet();
        for (FileInspection f : files) {
            if (!f.rejected()) {
                union.addAll(f.ids());
            }
        }
        return union.size();
    }

    private static List<DatasetInspection.FolderInspection> markDuplicates(
            List<DatasetInspection.FolderInspection> folders) {
        Map<String, List<String>> byDigest = new LinkedHashMap<>();
        for (DatasetInspection.FolderInspection folder : folders) {
            for (FileInspection f : folder.files()) {
                byDigest.computeIfAbsent(f.sha256(), k -> new ArrayList<>()).add(f.path());
            }
        }
        List<DatasetInspection.FolderInspection> out = new ArrayList<>();
        for (DatasetInspection.FolderInspection folder : folders) {
            List<FileInspection> files = new ArrayList<>();
            for (FileInspection f : folder.files()) {
                List<String> others = new ArrayList<>(byDigest.get(f.sha256()));
                others.remove(f.path());
                files.add(f.withDuplicates(others));
            }
            out.add(new DatasetInspection.FolderInspection(folder.name(), folder.train(), folder.present(), files,
                    folder.frames(), folder.attackFrames(), folder.distinctIds(), folder.badRows()));
        }
        return out;
    }
}
