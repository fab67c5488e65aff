package dev.graphids.cli;

import dev.graphids.can.read.BadRowPolicy;
import dev.graphids.can.read.CaptureFormat;
import dev.graphids.can.read.ReadOptions;
import picocli.CommandLine.Option;

/** The options that say how captures are read. */
public final class ReadOptionsMixin {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Capture format: csv, candump or hcrl (default: detected from the content).")
    String format;

    @Option(names = "--on-bad-row", paramLabel = "POLICY", defaultValue = "skip",
            description = "skip (count bad rows, reject a file above 1 %% bad) or fail (stop at the first). "
                    + "Default: ${DEFAULT-VALUE}.")
    String onBadRow;

    ReadOptions toOptions() {
        ReadOptions o = ReadOptions.defaults().withPolicy(BadRowPolicy.parse(onBadRow));
        return format == null ? o : o.withFormat(CaptureFormat.parse(format));
    }
}
