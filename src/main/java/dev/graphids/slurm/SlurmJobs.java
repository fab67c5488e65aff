package dev.graphids.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks SLURM for job states: {@code scontrol -o show job} (finished jobs stay visible for {@code MinJobAge}), then
 * {@code sacct} (needs accounting), then {@code squeue} (queued and running jobs only); the first that answers wins.
 */
public final class SlurmJobs {
    /** States in which the job can no longer run its launch: the run is failed if it has not recorded an end. */
    public static final Set<String> FAILED_STATES = Set.of("TIMEOUT", "CANCELLED", "FAILED", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "REVOKED");
    private static final Pattern JOB_STATE = Pattern.compile("(?:^|\\s)JobState=(\\S+)");
    private final SlurmCommands commands;

    public SlurmJobs(SlurmCommands commands) {
        this.commands = commands;
    }

    /**
     * A job's state as SLURM names it ({@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code TIMEOUT} ...).
     *
     * @param state  the state (the first word: sacct's {@code CANCELLED by 0} → {@code CANCELLED})
     * @param source which command answered
     */
    public record JobState(String jobId, String state, String source) {
    }

    public Optional<JobState> state(String jobId) {
        if (commands.available("scontrol")) {
            SlurmCommands.Result r = commands.run(List.of("scontrol", "-o", "show", "job", jobId));
            if (r.ok()) {
                Matcher m = JOB_STATE.matcher(r.out());
                if (m.find()) {
                    return Optional.of(new JobState(jobId, m.group(1), "scontrol"));
                }
            }
        }
        if (commands.available("sacct")) {
            SlurmCommands.Result r = commands.run(List.of("sacct", "-X", "-n", "-P", "-j", jobId, "-o",
                    "JobID,State"));
            if (r.ok()) {
                for (String line : r.out().split("\n")) {
                    String[] f = line.trim().split("\\|");
                    if (f.length >= 2 && f[0].equals(jobId) && !f[1].isBlank()) {
                        return Optional.of(new JobState(jobId, f[1].trim().split("\\s+")[0], "sacct"));
                    }
                }
            }
        }
        if (commands.available("squeue")) {
            SlurmCommands.Result r = commands.run(List.of("squeue", "-h", "-j", jobId, "-o", "%T"));
            if (r.ok() && !r.out().isBlank()) {
                return Optional.of(new JobState(jobId, r.out().trim().split("\\s+")[0], "squeue"));
            }
        }
        return Optional.empty();
    }

    /** One queued or running GraphIDS job of {@code exp queue}. */
    public record QueuedJob(String jobId, String name, String state, String elapsed, String timeLimit,
                            String reason, String run) {
    }

    /**
     * This user's GraphIDS jobs: those whose comment starts with {@code graphids:} (set by every script this
     * package renders), with the run ({@code dataset/experiment/run}) it names.
     */
    public List<QueuedJob> queue(String user) {
        SlurmCommands.Result r = commands.run(List.of("squeue", "-h", "-u", user, "-o", "%i|%j|%T|%M|%l|%R|%k"));
        if (!r.ok()) {
            throw dev.graphids.error.GraphidsException.environment("squeue failed (exit " + r.exitCode() + "): "
                    + (r.out() + r.err()).trim());
        }
        List<QueuedJob> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\\|", 7);
            if (f.length == 7 && f[6].startsWith("graphids:")) {
                out.add(new QueuedJob(f[0], f[1], f[2], f[3], f[4], f[5], f[6].substring("graphids:".length())));
            }
        }
        return out;
    }
}
