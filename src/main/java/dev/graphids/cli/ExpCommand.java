package dev.graphids.cli;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import dev.graphids.run.ConfigLoader;
import dev.graphids.run.GitInfo;
import dev.graphids.run.Launcher;
import dev.graphids.run.RunEvent;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import dev.graphids.run.RunSummary;
import dev.graphids.run.RunTracker;
import dev.graphids.run.RunTrackers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids exp ...}: experiment configs, launches, run journals. */
@Command(name = "exp", description = "Experiment configs, launch, run status and manifests.",
        subcommands = {ExpCommand.Config.class, ExpCommand.Launch.class, ExpCommand.Status.class,
            ExpCommand.Manifest.class, ExpResultsCommand.class, ExpIngestCommand.class, ExpSubmitCommand.class,
            ExpPipelineCommand.class, ExpQueueCommand.class, ExpReportCommand.class})
public final class ExpCommand {

    /** Options shared by commands that read a config file. */
    static final class ConfigFile {
        @Parameters(index = "0", paramLabel = "FILE", description = "Experiment config (.yaml, .yml, .json, .jsonnet).")
        Path file;
        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override a key, e.g. --set config.data.source.val_fraction=0.1 (typed, validated).")
        List<String> overrides = new ArrayList<>();
        @Option(names = "--tla", paramLabel = "NAME=VALUE",
                description = "jsonnet top-level argument (string; NAME:=EXPR for code).")
        List<String> tlas = new ArrayList<>();

        RunSpec load() {
            return new ConfigLoader(new GitInfo(CodeDirectory.locate())).load(file, overrides, tlas);
        }
    }

    @Command(name = "config", description = "Validate a config; print it resolved (defaults filled) and its run directory.")
    static final class Config implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        ConfigFile config;
        private final CliContext ctx;

        Config(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            RunSpec run = config.load();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("run_dir", RunPaths.of(ctx.lake(), run.config()).runDir().toString());
            out.put("resolved", ConfigLoader.resolved(run));
            out.put("overrides", ConfigLoader.overrides(run));
            PrintWriter w = spec.commandLine().getOut();
            w.println(DataCommand.JSON.writeValueAsString(out));
            w.flush();
            return 0;
        }
    }

    @Command(name = "launch", description = {"Run an experiment in this process: journal, tracking, traces, stage.",
        "Prints the run summary as JSON; exits non-zero with one line when the run fails."})
    static final class Launch implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        ConfigFile config;
        private final CliContext ctx;

        Launch(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            Launcher launcher = new Launcher(ctx.lake(), ctx.env(), trackers(ctx), TerminalProgress.onStderr(err),
                    err, ctx.threads());
            RunSpec run;
            try {
                run = config.load();
            } catch (GraphidsException e) {
                // An invalid config is a failed run too, when the run it names can be told.
                ConfigLoader.identityOf(config.file).ifPresent(id -> launcher.recordFailureBeforeStart(id,
                        e.getMessage()));
                throw e;
            }
            RunSummary summary = launcher.launch(run);
            PrintWriter w = spec.commandLine().getOut();
            w.println(DataCommand.JSON.writeValueAsString(summary));
            w.flush();
            return 0;
        }
    }

    /** How runs are tracked from the CLI: {@link RunTrackers#fromEnvironment}. */
    static Function<RunPaths, RunTracker> trackers(CliContext ctx) {
        return paths -> RunTrackers.fromEnvironment(ctx.lake(), ctx.env(), paths);
    }

    static RunJournal journalOf(Path runDir) {
        RunJournal journal = new RunJournal(new RunPaths(runDir.toAbsolutePath().normalize()));
        if (!Files.isDirectory(runDir) || journal.readManifest() == null) {
            throw GraphidsException.usage("no run manifest found in " + runDir + " (expected "
                    + journal.paths().manifest() + ")");
        }
        return journal;
    }

    @Command(name = "status", description = "A run's status from its journal: manifest and last events; says when "
            + "a run marked running has lost its process; reconciles a submitted run with SLURM.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "RUN_DIR")
        Path runDir;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @Option(names = "--events", defaultValue = "5", description = "Last events to show (default: ${DEFAULT-VALUE}).")
        int events;
        private final CliContext ctx;

        Status(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            RunJournal journal = journalOf(runDir);
            var slurm = ExpQueueCommand.reconcile(ctx, journal);
            RunSummary summary = RunSummary.of(journal);
            List<RunEvent> all = journal.readEvents();
            List<RunEvent> last = all.subList(Math.max(0, all.size() - events), all.size());
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("summary", summary);
                out.put("events", last);
                slurm.ifPresent(o -> out.put("slurm", o));
                w.println(DataCommand.JSON.writeValueAsString(out));
            } else {
                String row = "%-13s %s%n";
                w.printf(row, "name", summary.name());
                w.printf(row, "stage", summary.stage());
                w.printf(row, "status", summary.status() + (summary.process() == null ? ""
                        : "  (process " + summary.process() + ")"));
                w.printf(row, "last_event", dash(summary.lastEvent()));
                w.printf(row, "error", dash(summary.error()));
                w.printf(row, "run_dir", summary.runDir());
                w.printf(row, "git_sha", summary.gitSha());
                w.printf(row, "mlflow_run_id", dash(summary.mlflowRunId()));
                slurm.ifPresent(o -> w.printf(row, "slurm_job", o.jobId() + "  " + (o.state() == null
                        ? "(state unknown: no SLURM command answered)" : o.state() + " (" + o.source() + ")")));
                w.println("events:");
                for (RunEvent e : last) {
                    w.printf("  %s  %-9s %-14s %s%n", e.ts(), e.status(), e.message(),
                            e.details().isEmpty() ? "" : DataCommand.JSON.writeValueAsString(e.details())
                                    .replaceAll("\\s+", " "));
                }
            }
            w.flush();
            return 0;
        }

        private static String dash(String s) {
            return s == null ? "—" : s;
        }
    }

    @Command(name = "manifest", description = "Print a run's manifest.json.")
    static final class Manifest implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "RUN_DIR")
        Path runDir;

        @Override
        public Integer call() throws Exception {
            RunManifest m = journalOf(runDir).readManifest();
            PrintWriter w = spec.commandLine().getOut();
            w.println(DataCommand.JSON.writeValueAsString(m));
            w.flush();
            return 0;
        }
    }
}
