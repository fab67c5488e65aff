package dev.graphids.cli;

import dev.graphids.bench.DetectBenchmark;
import dev.graphids.detect.DetectorSpec;
import dev.graphids.detect.Detectors;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids bench detect}: end-to-end detection speed and window latency (docs/benchmarks.md). */
@Command(name = "detect", description = {
    "End-to-end speed of graphids detect (read, window, build graphs, score, format JSON lines): frames/s with",
    "file batching, and per-window latency p50/p99 (window complete -> verdict) with one window per batch, as for",
    "standard input. Pin cores with taskset (taskset -c 0 for one core, -c 0,1 for two)."})
final class BenchDetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Bundle, run directory or checkpoint.")
    Path model;
    @Option(names = "--batch", defaultValue = "256", description = "Windows per batch for throughput (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--repeat", defaultValue = "2", description = "Passes per file; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeat;
    @Option(names = "--top-ids", defaultValue = "3", description = "Suspicious IDs per alarm (0 = no attribution; default: ${DEFAULT-VALUE}).")
    int topIds;
    @Option(names = "--threads", description = "libtorch intra-op threads (default: cores - 1, at least 1).")
    Integer threads;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DetectorSpec detector = Detectors.load(model);
        if (!detector.isRate()) {
            Engines.preflight(Accelerator.CPU, DetectCommand.intraOpThreads(threads));
        }
        out.printf("model %s, %d processors, top ids %d%n", detector.modelType(),
                Runtime.getRuntime().availableProcessors(), topIds);
        out.printf("%-32s %10s %8s %14s %14s %10s %10s%n", "file", "frames", "windows", "frames/s", "stream fr/s",
                "p50 ms", "p99 ms");
        for (Path f : files) {
            DetectBenchmark.Result r = DetectBenchmark.measure(detector, f, batch, topIds, repeat);
            out.printf("%-32s %,10d %,8d %,14.0f %,14.0f %10.3f %10.3f%n", f.getFileName(), r.frames(), r.windows(),
                    r.framesPerSecond(), r.streamFramesPerSecond(), r.latencyP50Millis(), r.latencyP99Millis());
            out.flush();
        }
        return 0;
    }
}
