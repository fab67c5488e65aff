package dev.graphids.detect;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.build.SnapshotWindower;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Windows a frame stream exactly as the graph cache does ({@link SnapshotWindower}: complete windows of W frames
 * every S frames, trailing partial rows dropped) and scores every window as it completes.
 *
 * <p>Two threads: a reader parses and windows frames into chunks of up to {@code batch} windows, handed over a
 * bounded queue, while the calling thread scores each chunk and emits verdicts in window order. Memory stays bounded
 * (at most {@link #QUEUED_CHUNKS} chunks in flight). A chunk is handed over when full, or at once when
 * {@code batch} is 1 (standard input or a live bus: a verdict per window as soon as it completes).
 */
public final class StreamDetector {
    static final int QUEUED_CHUNKS = 4;

    private final DetectorSpec spec;
    private final int batch;
    private final int topIds;
    private final StreamCalibration calibration;
    private final boolean perInput;

    /**
     * @param batch  windows scored together (1 for the lowest latency; more for throughput on files)
     * @param topIds suspicious CAN IDs named for each alarm (0 = none)
     */
    public StreamDetector(DetectorSpec spec, int batch, int topIds) {
        this(spec, batch, topIds, null);
    }

    /**
     * @param calibration when not null, every score is made relative to this stream's running quantile (as a test
     *                    run with {@code config.stream_calibration} does) before it meets the threshold
     */
    public StreamDetector(DetectorSpec spec, int batch, int topIds, StreamCalibration calibration) {
        this(spec, batch, topIds, calibration, false);
    }

    /**
     * @param perInput with a calibration: a max_sigma fuser's inputs are each made relative to the stream before
     *                 they are combined (as a test run with {@code stream_calibration.per_input}), not its score after
     */
    public StreamDetector(DetectorSpec spec, int batch, int topIds, StreamCalibration calibration, boolean perInput) {
        this.calibration = calibration;
        this.perInput = perInput && calibration != null;
        if (batch < 1 || topIds < 0) {
            throw GraphidsException.usage("--batch must be >= 1 and --top-ids >= 0, found " + batch + " and "
                    + topIds);
        }
        this.spec = spec;
        this.batch = batch;
        this.topIds = topIds;
    }

    private record Chunk(List<FrameWindow> windows, long[] completedAt, RuntimeException failure, boolean end) {
    }

    /** Reads {@code reader} to its end, calling {@code sink} with each window's verdict in order. */
    public DetectSummary run(FrameReader reader, Consumer<WindowVerdict> sink) {
        long start = System.nanoTime();
        SnapshotWindower windower = new SnapshotWindower(spec.window());
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        Thread producer = new Thread(() -> produce(reader, windower, queue), "graphids-detect-reader");
        producer.setDaemon(true);
        LatencyHistogram latency = new LatencyHistogram();
        long windows = 0;
        long alarms = 0;
        StreamCalibration.Online relative = calibration == null || perInput ? null
                : calibration.online(spec.modelType());
        try (WindowScorer scorer = WindowScorer.of(spec, perInput ? calibration : null)) {
            producer.start();
            while (true) {
                Chunk c = queue.take();
                if (c.failure() != null) {
                    throw c.failure();
                }
                if (c.end()) {
                    break;
                }
                double[] scores = scorer.score(c.windows());
                for (int i = 0; i < scores.length; i++) {
                    if (relative != null) {
                        scores[i] = relative.next(scores[i]);
                    }
                    FrameWindow w = c.windows().get(i);
                    boolean alarm = scores[i] >= spec.threshold();
                    List<SuspectId> suspects = alarm && topIds > 0 ? scorer.suspects(i, topIds) : List.of();
                    sink.accept(new WindowVerdict(w.index(), w.timestamp(0), w.timestamp(w.size() - 1), w.size(),
                            scores[i], alarm, label(w), suspects));
                    latency.add(System.nanoTime() - c.completedAt()[i]);
                    windows++;
                    alarms += alarm ? 1 : 0;
                }
            }
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GraphidsException.environment("detection interrupted");
        } finally {
            producer.interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new DetectSummary(spec.modelType(), spec.threshold(), windows, alarms, windower.frames(),
                reader.report().badRows(), windower.outOfOrderFrames(), seconds, latency.quantileMillis(0.5),
                latency.quantileMillis(0.99));
    }

    private void produce(FrameReader reader, SnapshotWindower windower, BlockingQueue<Chunk> queue) {
        try {
            List<FrameWindow> chunk = new ArrayList<>(batch);
            long[] at = new long[batch];
            CanFrame f;
            while ((f = reader.next()) != null) {
                Optional<FrameWindow> w = windower.push(f);
                if (w.isPresent()) {
                    at[chunk.size()] = System.nanoTime();
                    chunk.add(w.get());
                    if (chunk.size() == batch) {
                        queue.put(new Chunk(chunk, at, null, false));
                        chunk = new ArrayList<>(batch);
                        at = new long[batch];
                    }
                }
            }
            if (!chunk.isEmpty()) {
                queue.put(new Chunk(chunk, at, null, false));
            }
            queue.put(new Chunk(null, null, null, true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(new Chunk(null, null, e, false));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 1 when any frame is an attack, 0 when all are benign, −1 when unlabelled. */
    private static int label(FrameWindow w) {
        boolean unlabelled = true;
        for (int r = 0; r < w.size(); r++) {
            if (w.label(r) > 0) {
                return 1;
            }
            unlabelled &= w.label(r) < 0;
        }
        return unlabelled ? -1 : 0;
    }
}
