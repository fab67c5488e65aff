package dev.graphids.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a result view against a tracking store (runtime.md §4.7 with the HEAD changes): every experiment named
 * {@code graphids/{dataset}/...} (all datasets, or those given), runs whose tags {@code graphids.<key>} equal the
 * view's filter (phase {@code test} unless the filter names one), of one status (FINISHED by default), and by
 * default only the most recent run per (dataset, group, variant).
 */
public final class ResultQuery {
    /** The prefix of the experiments the runtime creates. */
    public static final String EXPERIMENT_PREFIX = "graphids/";

    private ResultQuery() {
    }

    /**
     * One row of a result view.
     *
     * @param metrics the view's metrics in its order; null where the run has no such metric
     */
    public record Row(String dataset, String group, String variant, String phase, String runId, RunStatus status,
            String runName, long startTimeMs, Map<String, Double> metrics) {
    }

    /**
     * Runs the view.
     *
     * @param datasets the datasets to look at, or empty for every dataset
     * @param latestOnly keep only the most recent run per (dataset, group, variant)
     * @param status the status to select, or null for every status
     * @return rows sorted by dataset, group, variant, then start time
     */
    public static List<Row> run(TrackingStore store, ResultView view, List<String> datasets, boolean latestOnly,
            RunStatus status) {
        List<String> experiments = new ArrayList<>();
        if (datasets.isEmpty()) {
            experiments.addAll(store.experimentNames(EXPERIMENT_PREFIX));
        } else {
            for (String d : datasets) {
                experiments.addAll(store.experimentNames(EXPERIMENT_PREFIX + d + "/"));
            }
        }
        Map<String, String> tagFilter = new LinkedHashMap<>();
        view.filter().forEach((k, v) -> tagFilter.put("graphids." + k, v));
        tagFilter.put("graphids.phase", view.phase());
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String experiment : experiments) {
            String[] parts = experiment.split("/", -1);
            for (TrackedRun run : store.searchRuns(experiment, tagFilter, status)) {
                Map<String, String> tags = run.tags();
                String dataset = tags.getOrDefault("graphids.dataset", parts.length > 1 ? parts[1] : "");
                String group = tags.getOrDefault("graphids.group", parts[parts.length - 1]);
                String variant = tags.getOrDefault("graphids.variant", tags.getOrDefault("graphids.row_name", ""));
                // searchRuns returns newest first, so the first run seen per key is the latest.
                if (latestOnly && !seen.add(dataset + "\u0000" + group + "\u0000" + variant)) {
                    continue;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (String key : view.metrics()) {
                    metrics.put(key, lookup(run.metrics(), key));
                }
                rows.add(new Row(dataset, group, variant, tags.getOrDefault("graphids.phase", view.phase()),
                        run.runId(), run.status(), tags.getOrDefault(TrackingStore.RUN_NAME_TAG, ""),
                        run.startTimeMs(), metrics));
            }
        }
        rows.sort(Comparator.comparing(Row::dataset).thenComparing(Row::group).thenComparing(Row::variant)
                .thenComparingLong(Row::startTimeMs));
        return rows;
    }

    /**
     * A metric with the original's fallbacks for historical nesting: the exact key; for {@code test/test/X} then
     * {@code X} and {@code test/X}; for {@code test/X} then {@code X}.
     */
    static Double lookup(Map<String, Double> metrics, String key) {
        List<String> candidates = new ArrayList<>(List.of(key));
        if (key.startsWith("test/test/")) {
            String suffix = key.substring("test/test/".length());
            candidates.add(suffix);
            candidates.add("test/" + suffix);
        } else if (key.startsWith("test/")) {
            candidates.add(key.substring("test/".length()));
        }
        for (String c : candidates) {
            Double v = metrics.get(c);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
