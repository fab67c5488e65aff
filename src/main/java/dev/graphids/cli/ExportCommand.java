package dev.graphids.cli;

import dev.graphids.export.BundleExporter;
import dev.graphids.export.HubUploader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids export}: a run's checkpoint as a model bundle in the Hugging Face repository layout. */
@Command(name = "export", description = {
    "Export a run's checkpoint as a model bundle laid out as a Hugging Face model repository (model.safetensors,",
    "config.json, vocab.json, scaler.json, metrics.json of its test run if found, README.md model card, SHA256SUMS),",
    "written atomically (default {lake}/exports/{dataset}/{experiment}/{run}); graphids detect --model loads it.",
    "With HF_TOKEN set and --repo-id given, it is also uploaded to the Hub (HF_ENDPOINT overrides the address)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", paramLabel = "DIR", description = "The bundle directory (replaced if it exists).")
    Path out;
    @Option(names = "--repo-id", paramLabel = "OWNER/NAME", description = "Hub repository to upload to.")
    String repoId;
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT",
            description = "A fit run directory (its best checkpoint) or a checkpoint inside a run directory.")
    Path source;

    private final CliContext ctx;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        BundleExporter.Result r = BundleExporter.export(ctx.lake(), source, out);
        o.printf("exported %s model (threshold %s%s) to %s%n", r.modelType(), r.threshold(),
                r.withMetrics() ? ", with its test metrics" : ", no test run found", r.dir());
        r.sha256().forEach((name, digest) -> o.printf("  %s  %s%n", digest, name));
        o.println(HubUploader.maybeUpload(ctx.env(), r.dir(), repoId).message());
        o.flush();
        return 0;
    }
}
