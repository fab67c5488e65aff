package dev.graphids.slurm;

import dev.graphids.lake.Lake;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A pipeline resolved for submission: each stage's validated run (placeholders replaced by earlier stages' paths),
 * its rendered script and the stages it runs after.
 */
public final class PipelinePlan {
    /**
     * @param name   the stage name
     * @param spec   the validated run
     * @param script the rendered sbatch script
     * @param after  names of the stages whose jobs must end OK first
     */
    public record PlannedStage(String name, RunSpec spec, SbatchScript script, List<String> after) {
    }

    private PipelinePlan() {
    }

    public static List<PlannedStage> plan(PipelineConfig.Loaded pipeline, ConfigLoader loader, Lake lake,
                                          SbatchRenderer renderer, SbatchOptions options) {
        List<PlannedStage> out = new ArrayList<>();
        Map<String, RunPaths> paths = new HashMap<>();
        List<PipelineConfig.StageEntry> stages = pipeline.config().stages();
        for (int i = 0; i < stages.size(); i++) {
            PipelineConfig.StageEntry s = stages.get(i);
            List<String> overrides = new ArrayList<>();
            for (String o : s.set() == null ? List.<String>of() : s.set()) {
                overrides.add(substitute(o, paths));
            }
            RunSpec spec = loader.load(pipeline.configFile(s), overrides, List.of());
            RunPaths runPaths = RunPaths.of(lake, spec.config());
            for (var e : paths.entrySet()) {
                if (e.getValue().equals(runPaths)) {
                    throw pipeline.error("stages[" + i + "]", "runs in the same run directory as stage '"
                            + e.getKey() + "' (" + runPaths.runDir() + "); give it another run_name");
                }
            }
            paths.put(s.name(), runPaths);
            List<String> after = s.after() != null ? List.copyOf(s.after())
                    : i == 0 ? List.of() : List.of(stages.get(i - 1).name());
            out.add(new PlannedStage(s.name(), spec, renderer.render(spec, List.of(), options, null), after));
        }
        return out;
    }

    static String substitute(String value, Map<String, RunPaths> paths) {
        Matcher m = PipelineConfig.PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            RunPaths p = paths.get(m.group(1));
            String v = switch (m.group(2)) {
                case "run_dir" -> p.runDir().toString();
                case "checkpoint_dir" -> p.checkpoints().toString();
                case "artifact_dir" -> p.artifacts().toString();
                default -> p.predictions().toString();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
