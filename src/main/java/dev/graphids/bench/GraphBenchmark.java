package dev.graphids.bench;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.WindowSpec;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.graph.build.SnapshotWindower;
import dev.graphids.graph.build.WindowGraphBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Graph construction speed on one thread: the frames of a capture are read into memory first, then windowed and
 * built into graphs (the 35 node and 11 edge features) repeatedly; the fastest pass counts.
 */
public final class GraphBenchmark {
    private GraphBenchmark() {
    }

    /** One measured file. */
    public record Result(Path file, long frames, long graphs, double seconds) {
        public double framesPerSecond() {
            return frames / seconds;
        }
    }

    public static Result measure(Path file, WindowSpec spec, int repetitions) {
        List<CanFrame> frames = new ArrayList<>();
        CanIdVocabulary.Builder vocab = CanIdVocabulary.builder();
        try (FrameReader r = FrameReaders.open(file, ReadOptions.defaults())) {
            CanFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
                vocab.add(f);
            }
        }
        WindowGraphBuilder builder = new WindowGraphBuilder(vocab.build());
        double best = Double.MAX_VALUE;
        long graphs = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            long start = System.nanoTime();
            SnapshotWindower windower = new SnapshotWindower(spec);
            long nodes = 0;
            graphs = 0;
            for (CanFrame f : frames) {
                Optional<FrameWindow> w = windower.push(f);
                if (w.isPresent()) {
                    WindowGraph g = builder.build(w.get(), 0);
                    nodes += g.numNodes();
                    graphs++;
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            if (nodes < 0) {
                throw new IllegalStateException("unreachable; keeps the work observable");
            }
        }
        return new Result(file, frames.size(), graphs, best);
    }
}
