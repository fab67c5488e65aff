package dev.graphids.model;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.CacheProgress;
import dev.graphids.cache.CacheSpec;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.cache.Split;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.lake.Lake;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.Engines;
import dev.graphids.tensor.GraphBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Micro-benchmark: training step time per batch of B graphs and scoring throughput on a dataset's graph cache.
 * Usage: {@code GatBenchmark <lake> <dataset> [type:scale=gat:small] [graphsPerBatch=64] [threads=0] [steps=40]};
 * the cache is built (or reused) in the lake with default settings. VGAE and DGI are calibrated on benign
 * validation graphs before scoring.
 */
public final class GatBenchmark {
    private GatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Lake lake = Lake.at(Path.of(args[0]));
        String dataset = args[1];
        String[] model = (args.length > 2 ? args[2] : "gat:small").split(":");
        int perBatch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        long t0 = System.nanoTime();
        GraphCache cache = new GraphCacheBuilder(lake, 2, CacheProgress.NONE)
                .ensure(DatasetCatalog.load(lake).require(dataset), CacheSpec.defaults(), false).cache();
        System.out.printf("cache ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Engines.preflight(Accelerator.CPU, threads);
        System.out.println("intra-op threads " + Engines.threads());
        BatchLoader loader = BatchLoader.open(cache, BatchLoader.Selection.of(Split.TRAIN)).clipFeatures(10);
        List<int[]> plan = BatchLoader.shuffle(loader.packByCount(perBatch), 1, 0);
        List<GraphBatch> batches = new ArrayList<>();
        long tb = System.nanoTime();
        for (int i = 0; i < Math.min(plan.size(), steps + 5); i++) {
            batches.add(loader.batch(plan.get(i)));
        }
        double buildMs = (System.nanoTime() - tb) / 1e6 / batches.size();
        GraphBatch first = batches.get(0);
        System.out.printf("train graphs %d, batches of %d: n_max %d, Eg %d, %.0f nodes per batch, host batch build "
                + "%.2f ms%n", loader.size(), perBatch, first.maxNodes(), first.gatEdges(),
                batches.stream().mapToInt(GraphBatch::totalNodes).average().orElse(0), buildMs);
        DataDims dims = DataDims.of(cache);
        try (NDManager root = NDManager.newBaseManager();
             GraphModel gat = ModelRegistry.create(ModelRegistry.parse(model[0], ModelRegistry.JSON.createObjectNode()
                     .put("scale", model.length > 1 ? model[1] : "small")), dims, root, 1);
             Adam opt = gat.newOptimizer(1.0)) {
            System.out.println("parameters " + gat.parameters().count() + " (without id tables "
                    + gat.parameterCountWithoutIdTables() + ")");
            Engines.seed(1);
            for (int i = 0; i < 5; i++) {
                gat.trainStep(batches.get(i % batches.size()), opt);
            }
            long ts = System.nanoTime();
            double loss = 0;
            for (int i = 0; i < steps; i++) {
                loss = gat.trainStep(batches.get((5 + i) % batches.size()), opt);
            }
            double stepMs = (System.nanoTime() - ts) / 1e6 / steps;
            System.out.printf("train step: %.1f ms per %d-graph batch (%.0f graphs/s), last loss %.4f%n", stepMs,
                    perBatch, perBatch * 1000 / stepMs, loss);
            List<GraphBatch> val = new ArrayList<>();
            BatchLoader vl = BatchLoader.open(cache, BatchLoader.Selection.of(Split.VAL).benign()).clipFeatures(10);
            List<int[]> vp = vl.packByCount(perBatch);
            for (int i = 0; i < Math.min(5, vp.size()); i++) {
                val.add(vl.batch(vp.get(i)));
            }
            if (gat instanceof dev.graphids.model.vgae.VgaeModel v) {
                v.calibrate(val);
            } else if (gat instanceof dev.graphids.model.dgi.DgiModel d) {
                d.calibrate(val);
            }
            // Five passes of `steps` batches each: this VM's speed drifts by ±30 % between minutes, so the spread
            // and the median are reported, not one figure.
            double[] rates = new double[5];
            for (int pass = 0; pass < rates.length; pass++) {
                long ti = System.nanoTime();
                int graphs = 0;
                for (int i = 0; i < steps; i++) {
                    GraphBatch b = batches.get(i % batches.size());
                    gat.score(b);
                    graphs += b.size();
                }
                rates[pass] = graphs / ((System.nanoTime() - ti) / 1e9);
            }
            double[] sorted = rates.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("inference: %.0f graphs/s median of 5 passes (passes %s; %s)%n", sorted[2],
                    java.util.Arrays.stream(rates).mapToObj(r -> String.format("%.0f", r))
                            .collect(java.util.stream.Collectors.joining(", ")),
                    gat instanceof dev.graphids.model.gat.GatClassifier && dev.graphids.model.cpu.CpuKernels
                            .available() ? "vector-API forward" : "libtorch forward");
        }
    }
}
