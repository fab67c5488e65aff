package dev.graphids.cli;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.GitInfo;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import dev.graphids.slurm.ClusterCatalog;
import dev.graphids.slurm.LaunchCommand;
import dev.graphids.slurm.SbatchOptions;
import dev.graphids.slurm.SbatchRenderer;
import dev.graphids.slurm.SbatchScript;
import dev.graphids.slurm.SlurmCommands;
import dev.graphids.slurm.SlurmSubmitter;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids exp submit}: render an sbatch script for an experiment and submit it (or a seed array). */
@Command(name = "submit", description = {"Submit an experiment to SLURM: render an sbatch script from its resources "
        + "section and the cluster catalog, run sbatch, journal the job id in the run directory.",
    "--seeds submits one job array, one run per seed. --dry-run prints the script and writes nothing."})
final class ExpSubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ExpCommand.ConfigFile config;
    @Mixin
    SlurmOptions slurm;
    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Submit one job array: task i runs with seed S_i and run name {run_name}_seed{S_i}.")
    List<Integer> seeds = new ArrayList<>();
    @Option(names = "--plan-id", paramLabel = "ID",
            description = "With --seeds: plan_id of the array's runs (default: the config's, else "
                    + "{experiment}-{UTC time}).")
    String planId;
    private final CliContext ctx;

    ExpSubmitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Cluster and sbatch options shared by submit and pipeline. */
    static final class SlurmOptions {
        @Option(names = {"-C", "--cluster"}, paramLabel = "CLUSTER", description = "Cluster of the catalog "
                + "(default: resources.cluster, else the catalog's default_cluster).")
        String cluster;
        @Option(names = {"-p", "--partition"}, paramLabel = "NAME", description = "Partition (default: "
                + "resources.partition, else the cluster's cpu/gpu partition).")
        String partition;
        @Option(names = {"-t", "--time"}, paramLabel = "TIME", description = "Time limit (default: "
                + "resources.time_limit, else the cluster's default, else 01:00:00).")
        String time;
        @Option(names = "--gres", paramLabel = "GRES", description = "Generic resources (default: resources.gres, "
                + "else gpu:N for N GPUs).")
        String gres;
        @Option(names = "--stage-data", description = "Copy the dataset's raw captures into $TMPDIR on the node.")
        boolean stageData;
        @Option(names = "--dry-run", description = "Print the script(s); write nothing, submit nothing.")
        boolean dryRun;
        @Option(names = "--sbatch", paramLabel = "PATH", defaultValue = "sbatch",
                description = "sbatch command (default: ${DEFAULT-VALUE} on PATH).")
        String sbatch;

        SbatchOptions options() {
            return new SbatchOptions(cluster, partition, time, gres, stageData);
        }
    }

    static SbatchRenderer renderer(CliContext ctx) {
        return new SbatchRenderer(ctx.lake(), ctx.env(), ClusterCatalog.load(ctx.lake()), CodeDirectory.locate(),
                LaunchCommand.resolve(ctx.env(), CodeDirectory.locate()));
    }

    static ConfigLoader loader() {
        return new ConfigLoader(new GitInfo(CodeDirectory.locate()));
    }

    @Override
    public Integer call() throws Exception {
        RunSpec run = config.load();
        SbatchRenderer renderer = renderer(ctx);
        PrintWriter out = spec.commandLine().getOut();
        List<RunSpec> runs = new ArrayList<>();
        SbatchRenderer.ArrayPlan array = null;
        if (seeds.isEmpty()) {
            if (planId != null) {
                throw GraphidsException.usage("--plan-id applies to --seeds arrays; for one run use --set plan_id=...");
            }
            runs.add(run);
        } else {
            String plan = planId != null ? planId : run.config().planId() != null ? run.config().planId()
                    : run.config().experimentName() + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
            array = new SbatchRenderer.ArrayPlan(seeds, plan);
            for (int s : seeds) {
                List<String> o = new ArrayList<>(config.overrides);
                o.addAll(List.of("seed=" + s, "run_name=" + SbatchRenderer.seedRunName(run.config().runName(), s),
                        "plan_id=" + plan));
                runs.add(loader().load(config.file, o, config.tlas));
            }
            if (runs.stream().map(r -> RunPaths.of(ctx.lake(), r.config())).distinct().count() < runs.size()) {
                throw GraphidsException.usage("--seeds: each seed must be different");
            }
        }
        SbatchScript script = renderer.render(run, config.tlas, slurm.options(), array);
        if (slurm.dryRun) {
            out.print(script.text());
            out.flush();
            return 0;
        }
        SlurmSubmitter submitter = new SlurmSubmitter(ctx.lake(), SlurmCommands.system(ctx.env()), slurm.sbatch);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (array != null) {
            extra.put("plan_id", array.planId());
        }
        submitter.requireNotLive(runs);
        SlurmSubmitter.Submission s = submitter.submit(script, runs, array != null, List.of(), extra);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job_id", s.jobId());
        json.put("script_path", s.script());
        json.put("command", s.command());
        if (array != null) {
            json.put("plan_id", array.planId());
        }
        json.put("runs", s.runs());
        out.println(DataCommand.JSON.writeValueAsString(json));
        out.flush();
        return 0;
    }
}
