package dev.graphids.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Comparisons of finished test runs on one pooled test metric ({@code test/{metric}}, all test folders together),
 * with repeated runs (seeds) summarised as mean ± sample sd:
 * <ul>
 *   <li>{@link #best}: per dataset and model, the best run and the spread over all runs;</li>
 *   <li>{@link #teacherStudent}: per dataset and model family, teacher ({@code scale: large}) against students
 *       ({@code scale: small}), with and without distillation (a {@code distillation} key in the run's config
 *       payload), models.md §5;</li>
 *   <li>{@link #fusionVsInputs}: per dataset, each fusion model (model tag {@code fusion/<method>})
 *       against its inputs (gat, vgae, dgi) and the difference to the best input's mean.</li>
 * </ul>
 */
public final class ModelComparison {
    static final String SCALE_PARAM = "graphids.payload/model/scale";
    /** Test runs' tags naming the tested checkpoint's scale and, for a distilled student, its teacher. */
    public static final String SCALE_TAG = "graphids.model_scale";
    public static final String TEACHER_TAG = "graphids.teacher_ckpt";
    static final List<String> FUSION_INPUTS = List.of("gat", "vgae", "dgi");

    private ModelComparison() {
    }

    /**
     * One row: the runs of a (dataset, model, role) group.
     *
     * @param best           the highest value, from run {@code bestRunId}
     * @param deltaVsInputs  fusion rows only: mean − the best input model's mean (NaN otherwise)
     */
    public record Entry(String dataset, String model, String role, int runs, double mean, double sd, double best,
                        String bestRunId, double deltaVsInputs) {
    }

    /** Per dataset and model: the best run by {@code test/{metric}} and the mean ± sd over all its runs. */
    public static List<Entry> best(TrackingStore store, List<String> datasets, String metric) {
        return group(store, datasets, metric, r -> "");
    }

    /** Teacher vs students per dataset and model family (rows with role teacher, student_kd, student). */
    public static List<Entry> teacherStudent(TrackingStore store, List<String> datasets, String metric) {
        List<Entry> out = group(store, datasets, metric, ModelComparison::role);
        out.removeIf(e -> e.role().isEmpty());
        return out;
    }

    /** Fusion models and their inputs per dataset; fusion rows carry the gain over the best input. */
    public static List<Entry> fusionVsInputs(TrackingStore store, List<String> datasets, String metric) {
        List<Entry> all = group(store, datasets, metric, r -> isFusion(model(r)) ? "fusion"
                : FUSION_INPUTS.contains(model(r)) ? "input" : "");
        List<Entry> out = new ArrayList<>();
        Map<String, Double> bestInput = new LinkedHashMap<>();
        for (Entry e : all) {
            if (e.role().equals("input")) {
                bestInput.merge(e.dataset(), e.mean(), Math::max);
            }
        }
        for (Entry e : all) {
            if (e.role().isEmpty() || !all.stream().anyMatch(f -> f.dataset().equals(e.dataset())
                    && f.role().equals("fusion"))) {
                continue; // only datasets that have a fusion model
            }
            double delta = e.role().equals("fusion") ? e.mean() - bestInput.getOrDefault(e.dataset(), Double.NaN)
                    : Double.NaN;
            out.add(new Entry(e.dataset(), e.model(), e.role(), e.runs(), e.mean(), e.sd(), e.best(), e.bestRunId(),
                    delta));
        }
        return out;
    }

    /** Fusion runs are tagged {@code fusion/<method>} (older runs {@code fusion} or {@code fusion_<method>}). */
    static boolean isFusion(String model) {
        return model.equals("fusion") || model.startsWith("fusion/") || model.startsWith("fusion_");
    }

    /**
     * teacher, student_kd, student, or "" when the run's scale is neither large nor small. The tested checkpoint's
     * own tags win over the run's config (a teacher is often tested with the student's test file).
     */
    static String role(TrackedRun r) {
        String scale = r.tags().getOrDefault(SCALE_TAG, r.params().getOrDefault(SCALE_PARAM, ""));
        boolean distilled = r.tags().containsKey(TEACHER_TAG) || r.params().keySet().stream().anyMatch(k ->
                k.startsWith("graphids.payload/") && k.toLowerCase(Locale.ROOT).contains("distill"));
        return switch (scale) {
            case "large" -> "teacher";
            case "small" -> distilled ? "student_kd" : "student";
            default -> "";
        };
    }

    private static String model(TrackedRun r) {
        return r.tags().getOrDefault("graphids.model", "");
    }

    private static List<Entry> group(TrackingStore store, List<String> datasets, String metric,
                                     Function<TrackedRun, String> role) {
        List<String> experiments = new ArrayList<>();
        if (datasets.isEmpty()) {
            experiments.addAll(store.experimentNames(ResultQuery.EXPERIMENT_PREFIX));
        } else {
            for (String d : datasets) {
                experiments.addAll(store.experimentNames(ResultQuery.EXPERIMENT_PREFIX + d + "/"));
            }
        }
        String key = "test/" + metric;
        Map<List<String>, List<TrackedRun>> groups = new LinkedHashMap<>();
        for (String experiment : experiments) {
            for (TrackedRun run : store.searchRuns(experiment, Map.of("graphids.phase", "test"), RunStatus.FINISHED)) {
                Double v = run.metrics().get(key);
                if (v == null || v.isNaN()) {
                    continue;
                }
                groups.computeIfAbsent(List.of(run.tags().getOrDefault("graphids.dataset", ""),
                        FolderSummary.modelLabel(run.tags()), role.apply(run)), k -> new ArrayList<>()).add(run);
            }
        }
        List<Entry> out = new ArrayList<>();
        groups.forEach((k, runs) -> {
            List<Double> values = runs.stream().map(r -> r.metrics().get(key)).toList();
            FolderSummary.Stat s = FolderSummary.stat(values);
            TrackedRun top = runs.stream().max(Comparator.comparingDouble(r -> r.metrics().get(key))).orElseThrow();
            out.add(new Entry(k.get(0), k.get(1), k.get(2), runs.size(), s.mean(), s.sd(), s.max(), top.runId(),
                    Double.NaN));
        });
        out.sort(Comparator.comparing(Entry::dataset).thenComparing(Entry::model).thenComparing(Entry::role));
        return out;
    }
}
