package dev.graphids.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.track.FolderSummary;
import dev.graphids.track.ModelComparison;
import dev.graphids.track.ResultQuery;
import dev.graphids.track.ResultView;
import dev.graphids.track.ResultViews;
import dev.graphids.track.RunStatus;
import dev.graphids.track.SqliteTrackingStore;
import dev.graphids.track.TrackingStores;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graphids exp results}: a result view over the tracking store (runtime.md §4.7). Read-only: works with
 * {@code GRAPHIDS_LAKE_WRITE=0} and never creates the tracking database.
 */
@Command(name = "results", description = {
    "Show a result view: the latest finished run per (dataset, group, variant) of the experiments",
    "graphids/{dataset}/{stage}, filtered on the runs' graphids.* tags, with the view's metrics.",
    "Views come with GraphIDS (any, fit, cache) and from {lake}/result_views.json."})
public final class ExpResultsCommand implements Callable<Integer> {
    private static final List<String> FORMATS = List.of("table", "csv", "json");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;
    @Option(names = "--view", defaultValue = "any", description = "The view (default: ${DEFAULT-VALUE}).")
    String view;
    @Option(names = "--dataset", paramLabel = "D", description = "Only this dataset (repeatable; default: all).")
    List<String> datasets = new ArrayList<>();
    @Option(names = "--all", description = "Every matching run, not only the latest per variant.")
    boolean all;
    @Option(names = "--all-statuses", description = "Runs of every status, not only FINISHED.")
    boolean allStatuses;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--per-folder", paramLabel = "METRIC",
            description = "Instead of a view: METRIC (auroc, f1, ...) per test folder, mean ± sd over the finished "
                    + "test runs (seeds) of each dataset, experiment and model.")
    String perFolder;
    @Option(names = "--compare", paramLabel = "KIND",
            description = "Instead of a view, compare finished test runs on the pooled test metric --metric: best "
                    + "(best run and mean ± sd per dataset and model), teacher-student, fusion-vs-inputs.")
    String compare;
    @Option(names = "--metric", defaultValue = "auroc", paramLabel = "METRIC",
            description = "The pooled test metric of --compare (default: ${DEFAULT-VALUE}).")
    String metric;
    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "sqlite:///PATH of the tracking store (default: MLFLOW_TRACKING_URI, else {lake}/mlflow.db).")
    String trackingUri;

    private final CliContext ctx;

    public ExpResultsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            throw GraphidsException.usage("unknown --format '" + format + "'; expected one of "
                    + String.join(", ", FORMATS));
        }
        for (String d : datasets) {
            Lake.checkSegment("dataset", d);
        }
        if (compare != null) {
            List<ModelComparison.Entry> entries;
            try (SqliteTrackingStore store = TrackingStores.openReadOnly(ctx.lake(), ctx.env(), trackingUri)) {
                entries = switch (compare) {
                    case "best" -> ModelComparison.best(store, datasets, metric);
                    case "teacher-student" -> ModelComparison.teacherStudent(store, datasets, metric);
                    case "fusion-vs-inputs" -> ModelComparison.fusionVsInputs(store, datasets, metric);
                    default -> throw GraphidsException.usage("--compare: expected best, teacher-student or "
                            + "fusion-vs-inputs, found '" + compare + "'");
                };
            }
            comparison(spec.commandLine().getOut(), entries, fmt);
            return 0;
        }
        if (perFolder != null) {
            List<FolderSummary.Group> groups;
            try (SqliteTrackingStore store = TrackingStores.openReadOnly(ctx.lake(), ctx.env(), trackingUri)) {
                groups = FolderSummary.of(store, datasets, perFolder);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (fmt.equals("json")) {
                try {
                    out.println(JSON.writeValueAsString(groups));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                folderTable(out, groups, fmt.equals("csv"));
            }
            out.flush();
            return 0;
        }
        ResultView v = ResultViews.load(ctx.lake()).get(view);
        List<ResultQuery.Row> rows;
        try (SqliteTrackingStore store = TrackingStores.openReadOnly(ctx.lake(), ctx.env(), trackingUri)) {
            rows = ResultQuery.run(store, v, datasets, !all, allStatuses ? null : RunStatus.FINISHED);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (fmt) {
            case "json" -> out.println(json(rows));
            case "csv" -> csv(out, v, rows);
            default -> table(out, v, rows);
        }
        out.flush();
        return 0;
    }

    private void comparison(PrintWriter out, List<ModelComparison.Entry> entries, String fmt) {
        if (fmt.equals("json")) {
            try {
                out.println(JSON.writeValueAsString(entries));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
            return;
        }
        List<String> header = List.of("dataset", "model", "role", "runs", "mean", "sd", "best", "best_run",
                "delta_vs_best_input");
        if (fmt.equals("csv")) {
            out.println(csvLine(header));
        } else {
            out.println("test/" + metric + " (pooled test folders) over finished test runs, --compare " + compare);
            if (entries.isEmpty()) {
                out.println("no finished test runs with test/" + metric + " match");
            }
        }
        for (ModelComparison.Entry e : entries) {
            List<String> cells = List.of(e.dataset(), e.model(), e.role(), Integer.toString(e.runs()),
                    num(e.mean()), num(e.sd()), num(e.best()), e.bestRunId(), num(e.deltaVsInputs()));
            out.println(fmt.equals("csv") ? csvLine(cells) : String.join("  ", cells));
        }
        out.flush();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private void folderTable(PrintWriter out, List<FolderSummary.Group> groups, boolean csv) {
        java.util.SortedSet<String> folders = new java.util.TreeSet<>();
        groups.forEach(g -> folders.addAll(g.folders().keySet()));
        List<String> header = new ArrayList<>(List.of("dataset", "experiment", "model", "runs"));
        header.addAll(folders);
        if (csv) {
            out.println(csvLine(header));
        } else {
            out.println(perFolder + " per test folder, mean ± sd over finished test runs");
            out.println(String.join("  ", header));
        }
        for (FolderSummary.Group g : groups) {
            List<String> cells = new ArrayList<>(List.of(g.dataset(), g.experiment(), g.model(),
                    Integer.toString(g.runs().size())));
            for (String f : folders) {
                FolderSummary.Stat st = g.folders().get(f);
                cells.add(st == null ? "" : Double.isNaN(st.sd()) ? String.format(Locale.ROOT, "%.4f", st.mean())
                        : String.format(Locale.ROOT, "%.4f ± %.4f", st.mean(), st.sd()));
            }
            out.println(csv ? csvLine(cells) : String.join("  ", cells));
        }
    }

    private static String json(List<ResultQuery.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResultQuery.Row r : rows) {
            Map<String, Object> m = fixed(r);
            m.put("metrics", r.metrics());
            out.add(m);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fixed(ResultQuery.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", r.dataset());
        m.put("group", r.group());
        m.put("variant", r.variant());
        m.put("phase", r.phase());
        m.put("run_id", r.runId());
        m.put("status", r.status().name());
        m.put("run_name", r.runName());
        m.put("start_time", r.startTimeMs());
        return m;
    }

    private static void csv(PrintWriter out, ResultView v, List<ResultQuery.Row> rows) {
        List<String> header = new ArrayList<>(List.of("dataset", "group", "variant", "phase", "run_id", "status",
                "run_name", "start_time"));
        header.addAll(v.metrics());
        out.println(csvLine(header));
        for (ResultQuery.Row r : rows) {
            List<String> cells = new ArrayList<>();
            fixed(r).values().forEach(x -> cells.add(String.valueOf(x)));
            r.metrics().values().forEach(x -> cells.add(x == null ? "" : Double.toString(x)));
            out.println(csvLine(cells));
        }
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n")
                    ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", quoted);
    }

    private void table(PrintWriter out, ResultView v, List<ResultQuery.Row> rows) {
        if (rows.isEmpty()) {
            out.println("no " + (allStatuses ? "" : "finished ") + "runs match view '" + v.name() + "' (filter "
                    + v.filter() + ", phase " + v.phase() + ")");
            return;
        }
        List<String> header = new ArrayList<>(List.of("dataset", "group", "variant", "status", "run_id", "started"));
        header.addAll(v.metrics());
        List<List<String>> cells = new ArrayList<>();
        for (ResultQuery.Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.dataset(), r.group(), r.variant(), r.status().name(),
                    r.runId().substring(0, Math.min(8, r.runId().length())),
                    TIME.format(Instant.ofEpochMilli(r.startTimeMs()))));
            r.metrics().values().forEach(x -> line.add(x == null ? "-" : String.format(Locale.ROOT, "%.4f", x)));
            cells.add(line);
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        printRow(out, header, width);
        for (List<String> line : cells) {
            printRow(out, line, width);
        }
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                s.append("  ");
            }
            s.append(String.format("%-" + width[i] + "s", cells.get(i)));
        }
        out.println(s.toString().stripTrailing());
    }
}
