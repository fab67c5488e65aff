package dev.graphids.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.can.CanFrame;
import dev.graphids.can.catalog.CaptureFiles;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.error.BadInputException;
import dev.graphids.error.GraphidsException;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.graph.feature.IdFeatures;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.BuildLock;
import dev.graphids.io.Digests;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Builds a dataset's graph cache once and reuses it after (data.md Decision 8).
 *
 * <p>The cache directory is named after a digest of everything that changes its bytes: the representation, the
 * vocabulary scope, the split, the ID features, the bad-row policy, the preprocessing version and the digest of every
 * raw file. A change in any of them gives a new cache; a cache is never reused stale. A build runs under an
 * inter-process lock, in a hidden temporary directory that is renamed into place only once complete (with the
 * {@code .complete} marker written last), so concurrent builders build once and a killed build leaves nothing that
 * looks complete.
 *
 * <p>Layout: {@code {lake}/cache/v{version}/{dataset}/{kind}_{repr digest}_voc_{scope}_{identity}/} holding
 * {@code vocab.json}, {@code scaler.json}, {@code cache_metadata.json}, {@code .complete} and one safetensors shard per
 * capture file under {@code graphs/{folder}/}.
 */
public final class GraphCacheBuilder {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final String BUILDING = ".building-";
    private static final String HOST = hostName();

    private final Lake lake;
    private final int threads;
    private final CacheProgress progress;

    public GraphCacheBuilder(Lake lake, int threads, CacheProgress progress) {
        this.lake = lake;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** The result of {@link #ensure}: the cache and whether this call built it. */
    public record Outcome(GraphCache cache, boolean built, double seconds) {
    }

    /**
     * Returns the cache for the dataset and spec, building it first unless it exists.
     *
     * @param requireCache fail, naming what is missing, instead of building
     */
    public Outcome ensure(DatasetEntry dataset, CacheSpec spec, boolean requireCache) throws IOException {
        long start = System.nanoTime();
        List<SourceFile> sources = sources(dataset);
        String identity = identity(dataset, spec, sources);
        Path dir = cacheDir(dataset, spec, identity);
        if (GraphCache.isComplete(dir)) {
            return new Outcome(GraphCache.open(dir), false, seconds(start));
        }
        if (requireCache) {
            throw GraphidsException.environment("require_cache: no complete graph cache for dataset '"
                    + dataset.name() + "' (" + spec.representation().kind() + " " + spec.representation().digest()
                    + ", vocab " + spec.vocabScope().key() + ") at " + dir + "; build it with: graphids data cache "
                    + dataset.name());
        }
        lake.requireWritable("build the graph cache of " + dataset.name());
        Files.createDirectories(dir.getParent());
        try (BuildLock lock = BuildLock.acquire(dir.resolveSibling("." + dir.getFileName() + ".lock"))) {
            if (GraphCache.isComplete(dir)) {
                return new Outcome(GraphCache.open(dir), false, seconds(start));
            }
            removeAbandonedBuilds(dir);
            Path tmp = dir.resolveSibling("." + dir.getFileName() + BUILDING + HOST + "-" + ProcessHandle.current().pid());
            Files.createDirectories(tmp);
            build(dataset, spec, sources, identity, tmp, start);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        }
        return new Outcome(GraphCache.open(dir), true, seconds(start));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "_");
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The capture files of every present folder, digested, with duplicate training files marked. */
    List<SourceFile> sources(DatasetEntry dataset) {
        Path raw = lake.rawDir(dataset.name());
        if (!Files.isDirectory(raw)) {
            throw GraphidsException.environment("dataset '" + dataset.name() + "' is not in the lake: " + raw
                    + " does not exist");
        }
        List<Path> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (String folder : dataset.folders()) {
            Path dir = raw.resolve(folder);
            boolean train = dataset.isTrainFolder(folder);
            if (!Files.isDirectory(dir)) {
                if (train) {
                    throw GraphidsException.environment("dataset '" + dataset.name() + "': training folder " + dir
                            + " is missing");
                }
                continue; // absent test folders are skipped, as in the original
            }
            List<Path> captures = CaptureFiles.list(dir);
            if (captures.isEmpty()) {
                throw GraphidsException.environment("dataset '" + dataset.name() + "': folder " + dir
                        + " holds no capture files (*.csv, *.csv.gz, *.log, ...)");
            }
            for (Path p : captures) {
                files.add(p);
                folders.add(folder);
            }
        }
        List<String> digests = parallel(files.stream().map(p -> (Callable<String>) () -> Digests.sha256(p)).toList());
        Map<String, String> firstTrainByDigest = new HashMap<>();
        List<SourceFile> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String folder = folders.get(i);
            boolean train = dataset.isTrainFolder(folder);
            String name = raw.relativize(files.get(i)).toString();
            String duplicateOf = null;
            if (train) {
                duplicateOf = firstTrainByDigest.putIfAbsent(digests.get(i), name);
            }
            out.add(new SourceFile(folder, files.get(i), name, digests.get(i), train, duplicateOf));
        }
        return out;
    }

    /** First 12 hex digits of the SHA-256 of the canonical identity JSON. */
    static String identity(DatasetEntry dataset, CacheSpec spec, List<SourceFile> sources) throws IOException {
        return Digests.sha256(JSON.writeValueAsString(identityInputs(dataset, spec, sources))).substring(0, 12);
    }

    static Map<String, Object> identityInputs(DatasetEntry dataset, CacheSpec spec, List<SourceFile> sources) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("preprocessing_version", CacheSpec.PREPROCESSING_VERSION);
        id.put("dataset", dataset.name());
        id.put("representation", representationJson(spec));
        id.put("vocab_scope", spec.vocabScope().key());
        // Ordered maps only: the JSON of the identity must be the same bytes in every process (Map.of is not).
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("policy", "blocked_tail");
        split.put("val_fraction", spec.valFraction());
        split.put("embargo_windows", spec.representation().embargoWindows());
        id.put("split", split);
        id.put("scaler", "z_benign");
        id.put("id_buckets", spec.idBuckets());
        id.put("on_bad_row", spec.onBadRow().name().toLowerCase());
        List<String> files = new ArrayList<>();
        for (SourceFile s : sources) {
            files.add(s.name() + ":" + s.sha256());
        }
        id.put("raw_files", files);
        return id;
    }

    static Map<String, Object> representationJson(CacheSpec spec) {
        Map<String, Object> r = new java.util.TreeMap<>(spec.representation().fields());
        r.put("kind", spec.representation().kind());
        return r;
    }

    Path cacheDir(DatasetEntry dataset, CacheSpec spec, String identity) {
        return lake.cacheDir().resolve("v" + CacheSpec.PREPROCESSING_VERSION).resolve(dataset.name())
                .resolve(spec.representation().kind() + "_" + spec.representation().digest() + "_voc_"
                        + spec.vocabScope().key() + "_" + identity);
    }

    /**
     * Removes temporary build directories of killed builds: every one of this cache (we hold its lock, so no other
     * builder is at work on it), and those of other caches left by processes of this host that no longer run.
     */
    private static void removeAbandonedBuilds(Path dir) throws IOException {
        String mine = "." + dir.getFileName() + BUILDING;
        String thisHost = BUILDING + HOST + "-";
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            for (Path p : siblings.toList()) {
                String name = p.getFileName().toString();
                int at = name.indexOf(thisHost);
                boolean deadHere = at > 0 && ProcessHandle.of(parsePid(name.substring(at + thisHost.length())))
                        .map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE;
                if (name.startsWith(mine) || deadHere) {
                    deleteTree(p);
                }
            }
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void build(DatasetEntry dataset, CacheSpec spec, List<SourceFile> sources, String identity, Path tmp,
                       long start) throws IOException {
        ReadOptions read = ReadOptions.defaults().withPolicy(spec.onBadRow());
        List<SourceFile> used = sources.stream().filter(s -> s.duplicateOf() == null).toList();

        long vocabStart = System.nanoTime();
        List<SourceFile> vocabSources = used.stream()
                .filter(s -> s.train() || spec.vocabScope() == CacheSpec.VocabScope.ALL).toList();
        progress.phase("vocabulary", vocabSources.size());
        CanIdVocabulary vocabulary = vocabulary(vocabSources, read);
        double vocabSeconds = seconds(vocabStart);

        long shardStart = System.nanoTime();
        progress.phase("graphs", used.size());
        ShardBuilder snapshots = new ShardBuilder(spec.representation(), vocabulary,
                new IdFeatures(spec.idBuckets()), spec.split(), read);
        TemporalShardBuilder events = new TemporalShardBuilder(vocabulary, spec.valFraction(), read);
        boolean temporal = spec.representation() instanceof dev.graphids.graph.Representation.Temporal;
        List<ShardResult> results = parallel(used.stream().map(s -> (Callable<ShardResult>) () -> {
            ShardResult r = temporal ? events.build(s, tmp) : snapshots.build(s, tmp);
            progress.fileDone(s.name(), r.frames());
            return r;
        }).toList());
        double shardSeconds = seconds(shardStart);

        RunningMoments nodes = new RunningMoments(temporal ? TemporalShardBuilder.MSG
                : dev.graphids.graph.feature.NodeFeatures.COUNT);
        RunningMoments edges = new RunningMoments(temporal ? 0 : dev.graphids.graph.feature.EdgeFeatures.COUNT);
        for (ShardResult r : results) {
            nodes.merge(r.nodeMoments());
            edges.merge(r.edgeMoments());
        }
        if (nodes.count() == 0) {
            throw noBenignTraining(dataset, spec, results);
        }
        FeatureScaler scaler = FeatureScaler.fit(nodes, edges);
        vocabulary.write(tmp.resolve("vocab.json"));
        AtomicFiles.writeString(tmp.resolve("scaler.json"), JSON.writeValueAsString(scaler) + "\n");
        Map<String, Object> metadata = CacheMetadata.of(dataset, spec, identityInputs(dataset, spec, sources),
                identity, vocabulary, scaler, sources, results, CacheMetadata.ordered("vocabulary_seconds", vocabSeconds,
                        "graphs_seconds", shardSeconds, "total_seconds", seconds(start)), Instant.now());
        AtomicFiles.writeString(tmp.resolve(GraphCache.METADATA), JSON.writeValueAsString(metadata) + "\n");
        AtomicFiles.writeString(tmp.resolve(GraphCache.COMPLETE), "ok\n");
    }

    private static GraphidsException noBenignTraining(DatasetEntry dataset, CacheSpec spec,
                                                      List<ShardResult> results) {
        long trainFrames = results.stream().filter(r -> r.source().train()).mapToLong(ShardResult::frames).max()
                .orElse(0);
        String size = spec.representation().windowSpec() == null ? ""
                : " (window_size " + spec.representation().windowSpec().size() + "; the largest training file has "
                + trainFrames + " frames)";
        return GraphidsException.usage("dataset '" + dataset.name() + "' gives no benign training windows" + size
                + ": the scaler is fitted on benign training graphs, so at least one is needed");
    }

    /** The vocabulary of the given files; files rejected for bad rows contribute nothing. */
    private CanIdVocabulary vocabulary(List<SourceFile> files, ReadOptions read) {
        List<int[]> ids = parallel(files.stream().map(s -> (Callable<int[]>) () -> {
            java.util.BitSet standard = new java.util.BitSet(2048);
            java.util.Set<Integer> extended = new java.util.HashSet<>();
            try (FrameReader r = FrameReaders.open(s.path(), read)) {
                CanFrame f;
                while ((f = r.next()) != null) {
                    if (f.id() <= CanFrame.MAX_STANDARD_ID) {
                        standard.set(f.id());
                    } else {
                        extended.add(f.id());
                    }
                }
            } catch (BadInputException e) {
                return new int[0];
            }
            progress.fileDone(s.name(), 0);
            return Stream.concat(standard.stream().boxed(), extended.stream()).mapToInt(Integer::intValue).toArray();
        }).toList());
        CanIdVocabulary.Builder builder = CanIdVocabulary.builder();
        for (int[] file : ids) {
            for (int id : file) {
                builder.add(id);
            }
        }
        return builder.build();
    }

    private <T> List<T> parallel(List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cache build interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw GraphidsException.environment("cache build failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
