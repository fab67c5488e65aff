package dev.graphids.cli;

import dev.graphids.run.RunJournal;
import dev.graphids.slurm.SlurmCommands;
import dev.graphids.slurm.SlurmJobs;
import dev.graphids.slurm.SlurmReconciler;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code graphids exp queue}: this user's queued and running GraphIDS jobs. */
@Command(name = "queue", description = "List this user's GraphIDS jobs in the SLURM queue (recognised by their "
        + "--comment=graphids:{dataset}/{experiment}/{run}).")
final class ExpQueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Whose jobs (default: you).")
    String user;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;
    private final CliContext ctx;

    ExpQueueCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String who = user != null ? user : ctx.env().getOrDefault("USER", System.getProperty("user.name"));
        List<SlurmJobs.QueuedJob> jobs = new SlurmJobs(SlurmCommands.system(ctx.env())).queue(who);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(DataCommand.JSON.writeValueAsString(Map.of("user", who, "jobs", jobs)));
        } else {
            String row = "%-14s %-10s %-10s %-11s %-22s %s%n";
            w.printf(row, "JOBID", "STATE", "ELAPSED", "LIMIT", "REASON", "RUN");
            for (SlurmJobs.QueuedJob j : jobs) {
                w.printf(row, j.jobId(), j.state(), j.elapsed(), j.timeLimit(), j.reason(), j.run());
            }
            if (jobs.isEmpty()) {
                w.println("(no GraphIDS jobs of " + who + " in the queue)");
            }
        }
        w.flush();
        return 0;
    }

    /**
     * Status's SLURM reconciliation: when the run was submitted, asks SLURM for its job's state and marks the run
     * failed when the job ended without the run recording its end (not in a read-only lake).
     */
    static Optional<SlurmReconciler.Outcome> reconcile(CliContext ctx, RunJournal journal) {
        boolean write = !"0 false no off".contains(ctx.env().getOrDefault("GRAPHIDS_LAKE_WRITE", "1").trim()
                .toLowerCase());
        return new SlurmReconciler(new SlurmJobs(SlurmCommands.system(ctx.env()))).reconcile(journal, write);
    }
}
