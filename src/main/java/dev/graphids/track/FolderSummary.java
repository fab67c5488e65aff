package dev.graphids.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric per test folder across repeated runs (seeds): for every (dataset, experiment, model) of finished test
 * runs, the mean, sample standard deviation and count of {@code test/{folder}/{metric}} — the view for honest
 * per-folder comparisons over several seeds.
 */
public final class FolderSummary {
    private FolderSummary() {
    }

    /** Statistics of one metric in one folder over runs. */
    public record Stat(int n, double mean, double sd, double min, double max) {
    }

    /**
     * One group of runs.
     *
     * @param folders folder → statistics, folders sorted by name
     * @param runs    run ids in the group
     */
    public record Group(String dataset, String experiment, String model, List<String> runs,
                        Map<String, Stat> folders) {
    }

    /** Tag of a test run with {@code config.stream_calibration}: {@code quantile=…,history=…}. */
    public static final String STREAM_CALIBRATION_TAG = "graphids.stream_calibration";
    /** A fuser's inputs where the method takes a choice of them (max_sigma), comma-separated. */
    public static final String FUSION_INPUTS_TAG = "graphids.fusion_inputs";

    /**
     * A test run's model as results show it: the model type, its fusion inputs where they are a choice
     * ({@code fusion/max_sigma[gat,rq]}), plus {@code stream(quantile=…,history=…)} for a stream-calibrated run, whose
     * scores are on another scale and are never averaged with plain ones.
     */
    static String modelLabel(Map<String, String> tags) {
        String inputs = tags.get(FUSION_INPUTS_TAG);
        String calibration = tags.get(STREAM_CALIBRATION_TAG);
        return tags.getOrDefault("graphids.model", "") + (inputs == null ? "" : "[" + inputs + "]")
                + (calibration == null ? "" : " stream(" + calibration + ")");
    }

    public static List<Group> of(TrackingStore store, List<String> datasets, String metric) {
        List<String> experiments = new ArrayList<>();
        if (datasets.isEmpty()) {
            experiments.addAll(store.experimentNames(ResultQuery.EXPERIMENT_PREFIX));
        } else {
            for (String d : datasets) {
                experiments.addAll(store.experimentNames(ResultQuery.EXPERIMENT_PREFIX + d + "/"));
            }
        }
        Map<List<String>, List<TrackedRun>> groups = new LinkedHashMap<>();
        for (String experiment : experiments) {
            for (TrackedRun run : store.searchRuns(experiment, Map.of("graphids.phase", "test"), RunStatus.FINISHED)) {
                Map<String, String> t = run.tags();
                List<String> key = List.of(t.getOrDefault("graphids.dataset", ""),
                        t.getOrDefault("graphids.experiment", ""), modelLabel(t));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
            }
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, runs) -> {
            Map<String, List<Double>> values = new TreeMap<>();
            for (TrackedRun run : runs) {
                run.metrics().forEach((k, v) -> {
                    String[] parts = k.split("/");
                    if (parts.length == 3 && parts[0].equals("test") && parts[2].equals(metric)) {
                        values.computeIfAbsent(parts[1], f -> new ArrayList<>()).add(v);
                    }
                });
            }
            Map<String, Stat> stats = new LinkedHashMap<>();
            values.forEach((folder, vs) -> stats.put(folder, stat(vs)));
            out.add(new Group(key.get(0), key.get(1), key.get(2), runs.stream().map(TrackedRun::runId).toList(),
                    stats));
        });
        out.sort(java.util.Comparator.comparing(Group::dataset).thenComparing(Group::experiment)
                .thenComparing(Group::model));
        return out;
    }

    static Stat stat(List<Double> vs) {
        int n = vs.size();
        double mean = vs.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = vs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new Stat(n, mean, sd, vs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                vs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
}
