package dev.graphids.cli;

import dev.graphids.run.RunPaths;
import dev.graphids.slurm.PipelineConfig;
import dev.graphids.slurm.PipelinePlan;
import dev.graphids.slurm.SbatchRenderer;
import dev.graphids.slurm.SlurmCommands;
import dev.graphids.slurm.SlurmSubmitter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids exp pipeline}: submit a pipeline YAML's stages as an {@code afterok} chain. */
@Command(name = "pipeline", description = {"Submit a pipeline of experiments to SLURM, each stage after the ones it "
        + "names (default: the previous one) with --dependency=afterok and --kill-on-invalid-dep=yes.",
    "${runs.<stage>.run_dir|checkpoint_dir|artifact_dir|predictions_dir} in a stage's set values name earlier "
        + "stages' paths. --dry-run prints every script and sbatch command; writes nothing."})
final class ExpPipelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE", description = "Pipeline YAML.")
    Path file;
    @Mixin
    ExpSubmitCommand.SlurmOptions slurm;
    private final CliContext ctx;

    ExpPipelineCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        PipelineConfig.Loaded pipeline = PipelineConfig.load(file);
        SbatchRenderer renderer = ExpSubmitCommand.renderer(ctx);
        List<PipelinePlan.PlannedStage> stages = PipelinePlan.plan(pipeline, ExpSubmitCommand.loader(), ctx.lake(),
                renderer, slurm.options());
        PrintWriter out = spec.commandLine().getOut();
        for (PipelinePlan.PlannedStage s : stages) {
        }
        SlurmSubmitter submitter = new SlurmSubmitter(ctx.lake(), SlurmCommands.system(ctx.env()), slurm.sbatch);
        if (slurm.dryRun) {
            for (PipelinePlan.PlannedStage s : stages) {
                List<String> after = s.after().stream().map(a -> "<job of " + a + ">").toList();
                out.println("# stage " + s.name() + ": " + String.join(" ",
                        submitter.command(s.script().path().toString(), after)));
                out.println("# run_dir " + RunPaths.of(ctx.lake(), s.spec().config()).runDir());
                out.print(s.script().text());
                out.println();
            }
            out.flush();
            return 0;
        }
        submitter.requireNotLive(stages.stream().map(PipelinePlan.PlannedStage::spec).toList());
        Map<String, String> jobs = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelinePlan.PlannedStage s : stages) {
            List<String> after = s.after().stream().map(jobs::get).toList();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("pipeline", pipeline.config().pipelineName());
            extra.put("pipeline_stage", s.name());
            SlurmSubmitter.Submission sub = submitter.submit(s.script(), List.of(s.spec()), false, after, extra);
            jobs.put(s.name(), sub.jobId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", s.name());
            row.put("job_id", sub.jobId());
            row.put("after", after);
            row.put("run_dir", sub.runs().get(0).get("run_dir"));
            row.put("script_path", sub.script());
            row.put("command", sub.command());
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pipeline", pipeline.config().pipelineName());
        json.put("stages", rows);
        out.println(DataCommand.JSON.writeValueAsString(json));
        out.flush();
        return 0;
    }
}
