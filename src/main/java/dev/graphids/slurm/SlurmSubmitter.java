package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import dev.graphids.io.AtomicFiles;
import dev.graphids.lake.Lake;
import dev.graphids.run.ExperimentConfig;
import dev.graphids.run.Hosts;
import dev.graphids.run.RunJournal;
import dev.graphids.run.RunManifest;
import dev.graphids.run.RunPaths;
import dev.graphids.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits a rendered script: writes it under {@code {log_dir}/scripts/}, runs {@code sbatch --parsable --hold}
 * (with {@code --dependency=afterok:...} and {@code --kill-on-invalid-dep=yes} in a chain), journals every run of
 * the job as {@code submitted} with its job id ({@code {array_job}_{i}} for array task i), then releases the hold
 * with {@code scontrol release}. Holding the job until the journal is written guarantees that the
 * {@code submitted} event precedes the job's own {@code launch_started}. When journaling fails the job is
 * cancelled.
 */
public final class SlurmSubmitter {
    private static final Pattern JOB_ID = Pattern.compile("(\\d+)(?:;(\\S+))?");
    private final Lake lake;
    private final SlurmCommands commands;
    private final String sbatch;

    public SlurmSubmitter(Lake lake, SlurmCommands commands, String sbatch) {
        this.lake = lake;
        this.commands = commands;
        this.sbatch = sbatch;
    }

    /**
     * One submitted job.
     *
     * @param jobId   SLURM's job id (the array job id for an array)
     * @param script  the script file
     * @param command the sbatch command line
     * @param runs    each run directory with the job id journaled for it
     */
    public record Submission(String jobId, String script, List<String> command, List<Map<String, String>> runs) {
    }

    private static final java.util.Set<String> ACTIVE = java.util.Set.of("PENDING", "RUNNING", "CONFIGURING",
            "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING");

    /**
     * Refuses to submit into a run directory whose run is still live: its journaled job is queued or running in
     * SLURM, or it is running in a live process on this host. Call before {@link #submit}.
     */
    public void requireNotLive(List<RunSpec> runs) {
        SlurmJobs jobs = new SlurmJobs(commands);
        for (RunSpec run : runs) {
            RunJournal journal = new RunJournal(RunPaths.of(lake, run.config()));
            RunManifest m = journal.readManifest();
            if (m == null || !(RunManifest.SUBMITTED.equals(m.status()) || RunManifest.RUNNING.equals(m.status()))) {
                continue;
            }
            String where = journal.paths().runDir().toString();
            var id = SlurmReconciler.submittedJobId(journal.readEvents());
            if (id.isPresent()) {
                var state = jobs.state(id.get());
                if (state.isPresent() && ACTIVE.contains(state.get().state())) {
                    throw GraphidsException.usage("run " + where + " already has SLURM job " + id.get() + " ("
                            + state.get().state() + "); cancel it (scancel " + id.get() + ") or choose another "
                            + "run_name");
                }
            }
            var summary = dev.graphids.run.RunSummary.of(journal);
            if (summary != null && summary.process() != null && summary.process().startsWith("alive")) {
                throw GraphidsException.usage("run " + where + " is running in process " + summary.process()
                        + "; wait for it or choose another run_name");
            }
        }
    }

    /** The sbatch command line for a script, with a dependency on {@code after} (job ids) when not empty. */
    public List<String> command(String scriptPath, List<String> after) {
        List<String> argv = new ArrayList<>(List.of(sbatch, "--parsable", "--hold"));
        if (!after.isEmpty()) {
            argv.add("--dependency=afterok:" + String.join(":", after));
            argv.add("--kill-on-invalid-dep=yes");
        }
        argv.add(scriptPath);
        return argv;
    }

    /**
     * @param runs  the run of each task (one for a single job; task i of an array runs {@code runs.get(i)})
     * @param array whether the script is a job array
     * @param after job ids this job runs after ({@code afterok}); empty for none
     * @param extra more details for the {@code submitted} events (plan id, pipeline stage)
     */
    public Submission submit(SbatchScript script, List<RunSpec> runs, boolean array, List<String> after,
                             Map<String, Object> extra) {
        lake.requireWritable("submit " + script.jobName());
        try {
            Files.createDirectories(script.logDir());
            AtomicFiles.writeString(script.path(), script.text());
            script.path().toFile().setExecutable(true, false);
        } catch (IOException e) {
            throw GraphidsException.environment(script.path() + ": cannot write the sbatch script: "
                    + e.getMessage(), e);
        }
        List<String> argv = command(script.path().toString(), after);
        SlurmCommands.Result r = commands.run(argv);
        String output = (r.out() + r.err()).trim();
        if (!r.ok()) {
            throw GraphidsException.environment(String.join(" ", argv) + " failed (exit " + r.exitCode() + "): "
                    + (output.isEmpty() ? "no output" : output));
        }
        Matcher m = JOB_ID.matcher(r.out().trim().lines().reduce((a, b) -> b).orElse(""));
        if (!m.matches()) {
            throw GraphidsException.environment(String.join(" ", argv) + ": expected a job id from --parsable,"
                    + " found '" + output + "'");
        }
        String jobId = m.group(1);
        List<Map<String, String>> journaled = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                String id = array ? jobId + "_" + i : jobId;
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("job_id", id);
                if (array) {
                    details.put("array_job_id", jobId);
                    details.put("array_task_id", i);
                }
                details.put("script", script.path().toString());
                details.put("command", argv);
                if (!after.isEmpty()) {
                    details.put("dependency", "afterok:" + String.join(":", after));
                }
                details.put("partition", script.resources().partition());
                if (script.resources().cluster() != null) {
                    details.put("cluster", script.resources().cluster());
                }
                details.putAll(extra);
                RunPaths paths = recordSubmitted(lake, runs.get(i), details);
                journaled.add(Map.of("run_dir", paths.runDir().toString(), "job_id", id));
            }
        } catch (RuntimeException e) {
            commands.run(List.of("scancel", jobId));
            throw GraphidsException.environment("job " + jobId + " was cancelled: its submission could not be "
                    + "journaled: " + e.getMessage(), e);
        }
        SlurmCommands.Result release = commands.run(List.of("scontrol", "release", jobId));
        if (!release.ok()) {
            throw GraphidsException.environment("job " + jobId + " is submitted and journaled but still held: "
                    + "scontrol release " + jobId + " failed: " + (release.out() + release.err()).trim()
                    + "; release it by hand");
        }
        return new Submission(jobId, script.path().toString(), argv, journaled);
    }

    /**
     * Journals a run as submitted: a manifest with status {@code submitted} (the launch rewrites it) and a
     * {@code submitted} event with the details.
     */
    public static RunPaths recordSubmitted(Lake lake, RunSpec run, Map<String, Object> details) {
        ExperimentConfig c = run.config();
        RunPaths paths = RunPaths.of(lake, c);
        RunJournal journal = new RunJournal(paths);
        String now = RunJournal.now();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("journal_dir", paths.journalDir().toString());
        outputs.put("manifest", paths.manifest().toString());
        outputs.put("events", paths.events().toString());
        journal.writeManifest(new RunManifest(c.runName(), c.runName(), c.experimentName(), c.dataset(),
                c.stage().key(), c.gitSha(), now, now, paths.runDir().toString(), Map.of(), outputs,
                RunManifest.SUBMITTED, null, null, Hosts.name(), 0));
        journal.append(RunManifest.SUBMITTED, c.stage().key(), "submitted", details);
        return paths;
    }
}
