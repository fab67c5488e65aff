package dev.graphids.bench;

import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.detect.DetectSummary;
import dev.graphids.detect.DetectorSpec;
import dev.graphids.detect.StreamDetector;
import dev.graphids.detect.VerdictJson;
import java.nio.file.Path;

/**
 * End-to-end speed of {@code graphids detect} on a capture: read, window, build, score, format every JSON line
 * (then drop it). Throughput is measured with file batching, latency with one window per batch (the standard-input
 * mode); the fastest of {@code repeat} passes counts for each, the first pass warming the JIT.
 */
public final class DetectBenchmark {
    private DetectBenchmark() {
    }

    /** One measured file: the throughput pass and the latency pass. */
    public record Result(Path file, long frames, long windows, double framesPerSecond, double latencyP50Millis,
                         double latencyP99Millis, double streamFramesPerSecond) {
    }

    public static Result measure(DetectorSpec spec, Path file, int batch, int topIds, int repeat) {
        DetectSummary best = null;
        DetectSummary bestStream = null;
        for (int i = 0; i < Math.max(1, repeat); i++) {
            DetectSummary s = once(spec, file, batch, topIds);
            best = best == null || s.seconds() < best.seconds() ? s : best;
            DetectSummary l = once(spec, file, 1, topIds);
            bestStream = bestStream == null || l.seconds() < bestStream.seconds() ? l : bestStream;
        }
        return new Result(file, best.frames(), best.windows(), best.framesPerSecond(), bestStream.latencyP50Millis(),
                bestStream.latencyP99Millis(), bestStream.framesPerSecond());
    }

    private static DetectSummary once(DetectorSpec spec, Path file, int batch, int topIds) {
        long[] chars = new long[1];
        try (FrameReader reader = FrameReaders.open(file, ReadOptions.defaults())) {
            return new StreamDetector(spec, batch, topIds).run(reader, v -> chars[0] += VerdictJson.line(v).length());
        }
    }
}
