package dev.graphids.cli;

import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.can.read.CaptureFormat;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.detect.DetectSummary;
import dev.graphids.detect.DetectorSpec;
import dev.graphids.detect.Detectors;
import dev.graphids.detect.StreamDetector;
import dev.graphids.detect.VerdictJson;
import dev.graphids.error.GraphidsException;
import dev.graphids.eval.StreamCalibration;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids detect}: scores a CAN stream window by window with a trained model; JSON lines out. */
@Command(name = "detect", description = {
    "Score a CAN capture or stream window by window with a trained model: one JSON line per window (index, first",
    "and last timestamp, frames, score, alarm = score >= threshold, the most suspicious CAN IDs of alarms), then a",
    "summary line. Windows are cut and built exactly as the graph cache does, so scores equal the test stage's.",
    "Example: candump -L can0 | graphids detect --model RUN_DIR -"})
final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "An exported bundle directory (graphids export), a run directory or a run's checkpoint.")
    Path model;
    @Option(names = "--threshold", paramLabel = "T",
            description = "Alarm threshold (default: the one chosen on validation, stored with the model).")
    Double threshold;
    @Option(names = "--stream-calibration", paramLabel = "Q[:H]", description = {
        "Scores relative to this stream's running Q-quantile over its last H windows (default H 10000), as a test run",
        "with config.stream_calibration; needs --threshold on that scale (the calibrated test run's threshold)."})
    String streamCalibration;
    @Option(names = "--per-input", description = {
        "With --stream-calibration and a max_sigma fuser: each input relative to the stream before they are combined,",
        "as a test run with config.stream_calibration.per_input: true."})
    boolean perInput;
    @Option(names = "--top-ids", defaultValue = "3", paramLabel = "K",
            description = "Suspicious CAN IDs named per alarm (0 = none; default: ${DEFAULT-VALUE}).")
    int topIds;
    @Option(names = "--batch", paramLabel = "N",
            description = "Windows scored together (default: 256 for a file, 1 for standard input).")
    Integer batch;
    @Option(names = "--format", paramLabel = "F", description = "csv, candump or hcrl (default: detected).")
    String format;
    @Option(names = "--on-bad-row", defaultValue = "skip", paramLabel = "POLICY",
            description = "skip or fail (default: ${DEFAULT-VALUE}).")
    String onBadRow;
    @Option(names = "--threads", paramLabel = "N", description = {"libtorch intra-op threads for graph models",
        "(default: cores - 1, at least 1: the reader thread has its own core)."})
    Integer threads;
    @Parameters(index = "0", paramLabel = "INPUT",
            description = "A capture file (CSV, candump -L log, HCRL; gzip or not), or - for standard input.")
    String input;

    private final InputStream stdin;

    DetectCommand() {
        this(System.in);
    }

    DetectCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Scoring threads: one core is left to the reader thread, which parses and windows in parallel. */
    static int intraOpThreads(Integer asked) {
        if (asked != null && asked < 1) {
            throw GraphidsException.usage("--threads: expected >= 1, found " + asked);
        }
        return asked != null ? asked : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** {@code Q[:H]} of --stream-calibration, or null. */
    private StreamCalibration streamCalibration() {
        if (streamCalibration == null) {
            return null;
        }
        if (threshold == null) {
            throw GraphidsException.usage("--stream-calibration: give --threshold too, on the calibrated scale (the "
                    + "threshold of a test run with config.stream_calibration); the model's own threshold is not");
        }
        String[] parts = streamCalibration.split(":", -1);
        try {
            double q = Double.parseDouble(parts[0]);
            int h = parts.length > 1 ? Integer.parseInt(parts[1]) : StreamCalibration.DEFAULT_HISTORY;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new StreamCalibration(q, h);
        } catch (IllegalArgumentException e) {
            throw GraphidsException.usage("--stream-calibration: expected Q or Q:H with Q in 0..1 and H >= 1 windows, "
                    + "found '" + streamCalibration + "'");
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReadOptions options = ReadOptions.defaults().withPolicy(BadRowPolicy.parse(onBadRow))
                .withFormat(format == null ? null : CaptureFormat.parse(format));
        DetectorSpec detector = Detectors.load(model);
        if (threshold != null) {
            if (!Double.isFinite(threshold)) {
                throw GraphidsException.usage("--threshold: expected a finite number, found " + threshold);
            }
            detector = detector.withThreshold(threshold);
        }
        if (!detector.isRate()) {
            Engines.preflight(Accelerator.CPU, intraOpThreads(threads));
        }
        boolean stream = input.equals("-");
        int n = batch != null ? batch : stream ? 1 : 256;
        if (perInput && streamCalibration == null) {
            throw GraphidsException.usage("--per-input: give --stream-calibration Q[:H] too");
        }
        StreamDetector detect = new StreamDetector(detector, n, topIds, streamCalibration(), perInput);
        try (FrameReader reader = stream ? FrameReaders.open(Path.of("stdin"), stdin, options)
                : FrameReaders.open(Path.of(input), options)) {
            DetectSummary summary = detect.run(reader, v -> {
                out.print(VerdictJson.line(v));
                out.print('\n');
                if (n == 1) {
                    out.flush();
                }
            });
            out.println(VerdictJson.summary(summary));
            out.flush();
            return 0;
        } finally {
            out.flush();
        }
    }
}
