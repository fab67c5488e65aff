package dev.graphids.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.track.Ingest;
import dev.graphids.track.SqliteTrackingStore;
import dev.graphids.track.TrackingStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graphids exp ingest RUN_DIR...}: loads the offline tracking payloads of finished runs
 * ({@code {run_dir}/.graphids/mlflow_ingest.json}) into the tracking store, from one writer (runtime.md §11.3).
 * Exits 1 when a run could not be ingested; the others are still ingested.
 */
@Command(name = "ingest", description = {
    "Load the offline tracking payloads ({run_dir}/.graphids/mlflow_ingest.json) of finished runs into the",
    "tracking store. Runs already there (same graphids.run_dir tag) are skipped unless --force replaces them."})
public final class ExpIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run directories holding a payload.")
    List<Path> runDirs = new ArrayList<>();
    @Option(names = "--force", description = "Re-ingest runs already in the store (the earlier runs are deleted).")
    boolean force;
    @Option(names = "--json", description = "Print JSON for programs.")
    boolean json;
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "sqlite:///PATH of the tracking store (default: MLFLOW_TRACKING_URI, else {lake}/mlflow.db).")
    String trackingUri;

    private final CliContext ctx;

    public ExpIngestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        ctx.lake().requireWritable("ingest runs into the tracking store");
        List<Ingest.Result> results;
        try (SqliteTrackingStore store = TrackingStores.open(ctx.lake(), ctx.env(), trackingUri)) {
            results = Ingest.ingestAll(runDirs, store, !force);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(results));
        } else {
            for (Ingest.Result r : results) {
                out.printf("%-8s %s: %s%n", r.status().label(), r.runDir(), r.message());
            }
        }
        out.flush();
        boolean failed = results.stream().anyMatch(r -> r.status() == Ingest.Outcome.FAILED);
        return failed ? GraphidsException.EXIT_BAD_INPUT : 0;
    }
}
