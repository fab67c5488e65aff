package dev.graphids.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.CacheProgress;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.catalog.DatasetEntry;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids data cache} and {@code graphids data graphs}. */
final class CacheCommands {
    private CacheCommands() {
    }

    /** What both commands share: the dataset, the options that pick its cache, and the way to reach it. */
    abstract static class CacheCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DATASET")
        String dataset;
        @Mixin
        CacheOptions options;
        final CliContext ctx;

        CacheCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        GraphCacheBuilder.Outcome ensure(CacheProgress progress, boolean requireCache) throws Exception {
            DatasetEntry entry = DatasetCatalog.load(ctx.lake()).require(dataset);
            return new GraphCacheBuilder(ctx.lake(), ctx.threads(), progress).ensure(entry, options.toSpec(),
                    requireCache);
        }
    }

    @Command(name = "cache", description = {"Build the graph cache of a dataset (once: an existing cache with the same",
        "inputs is reused), with a progress bar and a summary table."})
    static final class Build extends CacheCommand {
        @Option(names = "--require-cache", description = "Fail instead of building when the cache is missing.")
        boolean requireCache;

        Build(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            GraphCacheBuilder.Outcome o = ensure(TerminalProgress.onStderr(spec.commandLine().getErr()), requireCache);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s graph cache %s (%.1f s)%n", o.built() ? "built" : "reused", o.cache().dir(), o.seconds());
            out.println(summary(o.cache()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "graphs", description = "Summarise the graph cache of a dataset: samples per split, node and "
            + "edge counts, class and attack-type balance.")
    static final class Summary extends CacheCommand {
        @Option(names = "--json", description = "Print cache_metadata.json.")
        boolean json;

        Summary(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            GraphCache cache = ensure(CacheProgress.NONE, true).cache();
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? DataCommand.JSON.writeValueAsString(cache.metadata())
                    : "graph cache " + cache.dir() + "\n" + summary(cache));
            out.flush();
            return 0;
        }
    }

    /** The per-split table of a cache. */
    static String summary(GraphCache cache) {
        JsonNode m = cache.metadata();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s %s, vocabulary %d IDs (%s), %s samples%n", m.get("dataset").asText(),
                m.get("representation").toString(), m.get("vocab").get("size").asInt(),
                m.get("vocab").get("scope").asText(), m.get("sample_kind").asText()));
        boolean events = m.get("sample_kind").asText().equals("event");
        String row = "%-42s %9s %9s %9s %7s  %-17s %-17s %s%n";
        sb.append(String.format(row, "split", "samples", "benign", "attack", "files", "nodes min/mean/max",
                "edges min/mean/max", "attack types"));
        for (Iterator<Map.Entry<String, JsonNode>> it = m.get("splits").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            JsonNode types = s.get("attack_balance");
            StringBuilder t = new StringBuilder();
            types.fields().forEachRemaining(a -> t.append(a.getKey()).append('=').append(a.getValue().asLong())
                    .append(' '));
            sb.append(String.format(row, e.getKey(), String.format("%,d", s.get("num_samples").asLong()),
                    String.format("%,d", s.get("label_balance").get("benign").asLong()),
                    String.format("%,d", s.get("label_balance").get("attack").asLong()),
                    s.get("num_files").asInt() > 0 ? s.get("num_files").asText() : "",
                    events ? "-" : dist(s.get("node_count")), events ? "-" : dist(s.get("edge_count")),
                    t.toString().trim()));
        }
        JsonNode dups = m.get("duplicate_files");
        for (JsonNode d : dups) {
            sb.append("duplicate (loaded once): ").append(d.get("file").asText()).append(" = ")
                    .append(d.get("duplicate_of").asText()).append('\n');
        }
        for (JsonNode r : m.get("rejected_files")) {
            sb.append("REJECTED: ").append(r.get("file").asText()).append(": ").append(r.get("reason").asText())
                    .append('\n');
        }
        JsonNode timing = m.get("timing");
        sb.append(String.format("built in %.1f s (vocabulary %.1f s, graphs %.1f s)", timing.get("total_seconds")
                .asDouble(), timing.get("vocabulary_seconds").asDouble(), timing.get("graphs_seconds").asDouble()));
        return sb.toString();
    }

    private static String dist(JsonNode d) {
        if (d == null || d.isEmpty()) {
            return "-";
        }
        return d.get("min").asInt() + "/" + String.format("%.1f", d.get("mean").asDouble()) + "/" + d.get("max")
                .asInt();
    }
}
