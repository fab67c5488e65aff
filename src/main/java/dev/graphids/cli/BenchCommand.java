package dev.graphids.cli;

import dev.graphids.bench.GraphBenchmark;
import dev.graphids.bench.IngestBenchmark;
import dev.graphids.graph.WindowSpec;
import dev.graphids.can.read.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids bench ...}: throughput measurements recorded in docs/benchmarks.md. */
@Command(name = "bench", description = "Benchmarks (figures for docs/benchmarks.md).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Graphs.class, BenchDetectCommand.class})
public final class BenchCommand {

    @Command(name = "graphs", description = {"Graph construction speed on one thread (window 100, stride 100): frames",
        "are read into memory first, then windowed and built into graphs with all features."})
    static final class Graphs implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--repeat", defaultValue = "5", description = "Passes per file; the fastest counts.")
        int repeat;
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-40s %12s %10s %14s%n", "file", "frames", "graphs", "frames/s");
            for (Path f : files) {
                GraphBenchmark.Result r = GraphBenchmark.measure(f, WindowSpec.DEFAULT, repeat);
                out.printf("%-40s %,12d %,10d %,14.0f%n", f.getFileName(), r.frames(), r.graphs(),
                        r.framesPerSecond());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "ingest", description = {
        "Capture reading speed: frames/s and peak heap, for plain CSV and CSV.gz of synthetic captures of the given",
        "sizes (written to a temporary directory and deleted after), or for the files named. The reader is",
        "single-threaded; pin it to one core with taskset -c 0 for the one-core figure."})
    static final class Ingest implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--frames", split = ",", defaultValue = "2000000,10000000",
                description = "Synthetic capture sizes in frames (default: ${DEFAULT-VALUE}).")
        List<Long> sizes;
        @Option(names = "--repeat", defaultValue = "3", description = "Reads per file; the fastest counts.")
        int repeat;
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "Capture files to measure instead.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-40s %12s %10s %14s %10s %12s%n", "file", "frames", "MB", "frames/s", "MB/s", "peak heap");
            if (!files.isEmpty()) {
                for (Path f : files) {
                    print(out, f.getFileName().toString(), IngestBenchmark.measure(f, ReadOptions.defaults(), repeat));
                }
                return 0;
            }
            Path dir = Files.createTempDirectory("graphids-bench-");
            try {
                for (long n : sizes) {
                    for (boolean gzip : new boolean[] {false, true}) {
                        Path f = dir.resolve("synthetic-" + n + (gzip ? ".csv.gz" : ".csv"));
                        IngestBenchmark.writeSynthetic(f, n, gzip, 42);
                        print(out, f.getFileName().toString(),
                                IngestBenchmark.measure(f, ReadOptions.defaults(), repeat));
                        Files.delete(f);
                    }
                }
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
        }

        private static void print(PrintWriter out, String name, IngestBenchmark.Result r) {
            out.printf("%-40s %,12d %10.1f %,14.0f %10.1f %9.1f MB%n", name, r.frames(), r.bytes() / 1e6,
                    r.framesPerSecond(), r.megabytesPerSecond(), r.peakHeapBytes() / 1e6);
            out.flush();
        }
    }
}
