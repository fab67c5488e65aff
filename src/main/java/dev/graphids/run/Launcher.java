package dev.graphids.run;

import dev.graphids.cache.CacheProgress;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.lake.Lake;
import dev.graphids.track.SystemMetricsSampler;
import java.time.Duration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Launches one run (the original's {@code launch_run}): resolves its directory under the lake, writes the resolved
 * config and overrides, journals {@code running}, tracks it, runs the stage inside a trace span and journals the end.
 * Every failure after the run directory exists — preflight, tracking and stage alike — is journaled as
 * {@code run_failed}, marks the tracked run FAILED and is rethrown as a one-line {@link GraphidsException}. A
 * termination signal (SLURM's walltime SIGTERM) is journaled too; only SIGKILL leaves {@code running}, which
 * {@code exp status} recognises from the dead process.
 */
public final class Launcher {
    public static final String SYSTEM_METRICS_VARIABLE = "GRAPHIDS_SYSTEM_METRICS_SECONDS";
    private final Lake lake;
    private final Map<String, String> env;
    private final Function<RunPaths, RunTracker> trackers;
    private final CacheProgress progress;
    private final PrintWriter err;
    private final int threads;

    public Launcher(Lake lake, Map<String, String> env, Function<RunPaths, RunTracker> trackers,
                    CacheProgress progress, PrintWriter err, int threads) {
        this.lake = lake;
        this.env = env;
        this.trackers = trackers;
        this.progress = progress;
        this.err = err;
        this.threads = threads;
    }

    /** The runner of a stage. */
    static StageRunner runnerFor(RunSpec spec) {
        if (spec.stage() instanceof CacheRunConfig) {
            return new CacheStageRunner();
        }
        if (spec.stage() instanceof ExtractRunConfig) {
            return new ExtractStageRunner();
        }
        if (spec.stage() instanceof FusionRunConfig) {
            return spec.config().stage() == Stage.FIT ? FusionRuns::fit : FusionRuns::test;
        }
        if (spec.stage() instanceof FitRunConfig) {
            return spec.config().stage() == Stage.FIT ? new FitStageRunner() : new TestStageRunner();
        }
        if (spec.stage() instanceof AnalyzeRunConfig) {
            return new AnalyzeStageRunner();
        }
        if (spec.stage() instanceof HfPushRunConfig) {
            return new HfPushStageRunner();
        }
        throw new IllegalStateException("no runner for stage " + spec.config().stage().key());
    }

    public RunSummary launch(RunSpec spec) {
        ExperimentConfig config = spec.config();
        RunPaths paths = RunPaths.of(lake, config);
        lake.requireWritable("launch run " + config.experimentName() + "/" + config.runName());
        RunJournal journal = new RunJournal(paths);
        String backend = effectiveBackend(config);
        RunManifest manifest = createRunDirectory(spec, paths, journal, backend);
        AtomicBoolean ended = new AtomicBoolean();
        RunTracker tracker = RunTracker.NONE;
        Thread onSignal = new Thread(() -> {
            if (ended.compareAndSet(false, true)) {
                String failure = "terminated by a signal (SIGTERM/SIGINT) before the stage ended";
                journal.append(RunManifest.FAILED, config.stage().key(), "run_failed", Map.of("failure", failure));
                journal.writeManifest(journal.readManifest().with(RunManifest.FAILED, failure,
                        journal.readManifest().mlflowRunId(), RunJournal.now()));
            }
        }, "graphids-run-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (RunTraces traces = RunTraces.open(paths.traces(), resourceAttributes(config))) {
            try {
                tracker = trackers.apply(paths);
                RunTracker t = tracker;
                StageResult result = traces.span("run", Map.of("graphids.run", config.runName(),
                        "graphids.stage", config.stage().key(), "graphids.dataset", config.dataset()), span -> {
                    String mlflowRunId = t.start(TrackingFields.experimentName(config), config.runName(),
                            TrackingFields.tags(config, paths), TrackingFields.params(spec, backend));
                    journal.writeManifest(manifest.with(RunManifest.RUNNING, null, mlflowRunId, RunJournal.now()));
                    StageRunner runner = runnerFor(spec);
                    StageContext ctx = new StageContext(spec, lake, paths, traces, t::metrics, t::tags, progress, err,
                            threads);
                    StageResult r;
                    try (SystemMetricsSampler sampler = systemMetrics(t)) {
                        r = traces.span("stage." + config.stage().key(), Map.of(), s -> runner.run(ctx));
                    }
                    t.metrics(r.metrics(), 0);
                    return r;
                });
                if (!ended.compareAndSet(false, true)) {
                    throw GraphidsException.environment("run terminated by a signal");
                }
                tracker.finish(true, null);
                journal.append(RunManifest.FINISHED, config.stage().key(), "run_finished", result.details());
                journal.writeManifest(journal.readManifest().with(RunManifest.FINISHED, null,
                        journal.readManifest().mlflowRunId(), RunJournal.now()));
                writeMarker(config, paths);
            } catch (Exception | Error e) {
                String failure = describe(e);
                if (ended.compareAndSet(false, true)) {
                    safely(tracker, failure);
                    journal.append(RunManifest.FAILED, config.stage().key(), "run_failed", Map.of("failure", failure));
                    RunManifest now = journal.readManifest();
                    journal.writeManifest(now.with(RunManifest.FAILED, failure, now.mlflowRunId(), RunJournal.now()));
                }
                throw e instanceof GraphidsException g ? new GraphidsException(g.exitCode(), "run " + paths.runDir()
                        + " failed: " + failure, e) : GraphidsException.environment("run " + paths.runDir()
                        + " failed: " + failure, e);
            }
        } finally {
            tracker.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook runs (or ran) anyway.
            }
        }
        return RunSummary.of(journal);
    }

    /**
     * Samples CPU, memory and the process's RSS into the tracked run every {@code GRAPHIDS_SYSTEM_METRICS_SECONDS}
     * (default 5; 0 turns it off), with the sample number as step.
     */
    private SystemMetricsSampler systemMetrics(RunTracker tracker) {
        double seconds;
        try {
            seconds = Double.parseDouble(env.getOrDefault(SYSTEM_METRICS_VARIABLE, "5"));
        } catch (NumberFormatException e) {
            throw GraphidsException.usage(SYSTEM_METRICS_VARIABLE + ": expected a number of seconds, found '"
                    + env.get(SYSTEM_METRICS_VARIABLE) + "'");
        }
        if (seconds <= 0) {
            return null;
        }
        long[] step = {0};
        return new SystemMetricsSampler(Duration.ofMillis((long) (seconds * 1000)), metrics -> {
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.forEach(m -> values.put(m.key(), m.value()));
            tracker.metrics(values, step[0]++);
        }).start();
    }

    /**
     * Journals a run that failed before it could start (its config did not validate): the run directory gets a
     * failed manifest and a {@code run_failed} event, and the tracking store a FAILED run, so that no failure is lost.
     */
    public void recordFailureBeforeStart(ConfigLoader.Identity id, String failure) {
        if (!lake.writable()) {
            return;
        }
        RunPaths paths = RunPaths.of(lake, id.dataset(), id.experimentName(), id.runName());
        RunJournal journal = new RunJournal(paths);
        String now = RunJournal.now();
        String mlflowRunId = null;
        try (RunTracker tracker = trackers.apply(paths)) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("graphids.stage", id.stage());
            tags.put("graphids.dataset", id.dataset());
            tags.put("graphids.run_dir", paths.runDir().toString());
            tags.put("graphids.phase", id.stage());
            tags.put("graphids.group", id.stage());
            tags.put("graphids.variant", id.runName());
            mlflowRunId = tracker.start("graphids/" + id.dataset() + "/" + id.stage(), id.runName(), tags, Map.of());
            tracker.finish(false, failure);
        } catch (RuntimeException trackingFailed) {
            // The journal below still records the failure.
        }
        journal.writeManifest(new RunManifest(id.runName(), id.runName(), id.experimentName(), id.dataset(),
                id.stage(), "unknown", now, now, paths.runDir().toString(), Map.of(), Map.of(), RunManifest.FAILED,
                failure, mlflowRunId, Hosts.name(), ProcessHandle.current().pid()));
        journal.append(RunManifest.FAILED, id.stage(), "run_failed", Map.of("failure", failure,
                "phase", "config"));
    }

    private static void safely(RunTracker tracker, String failure) {
        try {
            tracker.finish(false, failure);
        } catch (RuntimeException ignored) {
            // The tracking store is what failed; the journal still records the failure.
        }
    }

    private String effectiveBackend(ExperimentConfig config) {
        if (config.resources().backend() == ResourceConfig.Backend.RAY) {
            String address = env.get("RAY_ADDRESS");
            if (address == null || address.isBlank()) {
                err.println("graphids: warning: backend ray: no Ray cluster address is configured (RAY_ADDRESS);"
                        + " running locally in this process");
                err.flush();
                return "local";
            }
            throw GraphidsException.usage("backend ray with RAY_ADDRESS=" + address + ": Ray clusters are not "
                    + "supported by the Java GraphIDS; use backend local or SLURM submission");
        }
        return "local";
    }

    private RunManifest createRunDirectory(RunSpec spec, RunPaths paths, RunJournal journal, String backend) {
        ExperimentConfig config = spec.config();
        try {
            Files.createDirectories(paths.journalDir());
            AtomicFiles.writeString(paths.resolvedConfig(),
                    RunJournal.JSON.writeValueAsString(ConfigLoader.resolved(spec)) + "\n");
            AtomicFiles.writeString(paths.overrides(),
                    RunJournal.JSON.writeValueAsString(ConfigLoader.overrides(spec)) + "\n");
        } catch (IOException e) {
            throw GraphidsException.environment(paths.runDir() + ": cannot create the run directory: "
                    + e.getMessage(), e);
        }
        Map<String, Object> resolved = ConfigLoader.resolved(spec);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("representation_cfg", resolved.get("representation_cfg"));
        cfg.put("payload", resolved.get("config"));
        cfg.put("resources", resolved.get("resources"));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("journal_dir", paths.journalDir().toString());
        outputs.put("manifest", paths.manifest().toString());
        outputs.put("events", paths.events().toString());
        outputs.put("artifact_dir", paths.artifacts().toString());
        outputs.put("checkpoint_dir", paths.checkpoints().toString());
        outputs.put("traces", paths.traces().toString());
        String now = RunJournal.now();
        RunManifest manifest = new RunManifest(config.runName(), config.runName(), config.experimentName(),
                config.dataset(), config.stage().key(), config.gitSha(), now, now, paths.runDir().toString(), cfg,
                outputs, RunManifest.RUNNING, null, null, Hosts.name(), ProcessHandle.current().pid());
        journal.writeManifest(manifest);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", backend);
        details.put("host", Hosts.name());
        details.put("pid", ProcessHandle.current().pid());
        String slurmJob = slurmJobId(env);
        if (slurmJob != null) {
            details.put("slurm_job_id", slurmJob);
        }
        journal.append(RunManifest.RUNNING, config.stage().key(), "launch_started", details);
        return manifest;
    }

    /**
     * The SLURM job this process runs in, as submission journals it: {@code {array_job}_{task}} for an array task,
     * else {@code SLURM_JOB_ID}; null outside SLURM.
     */
    static String slurmJobId(Map<String, String> env) {
        String array = env.get("SLURM_ARRAY_JOB_ID");
        String task = env.get("SLURM_ARRAY_TASK_ID");
        if (array != null && !array.isBlank() && task != null && !task.isBlank()) {
            return array + "_" + task;
        }
        String job = env.get("SLURM_JOB_ID");
        return job == null || job.isBlank() ? null : job;
    }

    private Map<String, String> resourceAttributes(ExperimentConfig config) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("graphids.run", config.runName());
        a.put("graphids.experiment", config.experimentName());
        a.put("graphids.dataset", config.dataset());
        a.put("graphids.git_sha", config.gitSha());
        for (String v : new String[] {"SLURM_JOB_ID", "SLURM_CLUSTER_NAME", "SLURM_JOB_PARTITION",
            "SLURM_JOB_NODELIST", "CUDA_VISIBLE_DEVICES"}) {
            if (env.get(v) != null) {
                a.put("slurm." + v.toLowerCase().replace("slurm_", "").replace("job_", ""), env.get(v));
            }
        }
        return a;
    }

    private static void writeMarker(ExperimentConfig config, RunPaths paths) {
        String marker = config.stage().phaseMarker();
        if (marker != null) {
            try {
                AtomicFiles.writeString(paths.runDir().resolve(marker), RunJournal.now() + "\n");
            } catch (IOException e) {
                throw GraphidsException.environment(paths.runDir().resolve(marker) + ": cannot write: "
                        + e.getMessage(), e);
            }
        }
    }

    /** One line: the user-facing message, or the exception type and message of an unexpected failure. */
    static String describe(Throwable e) {
        if (e instanceof GraphidsException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
