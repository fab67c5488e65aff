package dev.graphids.slurm;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import dev.graphids.run.ExperimentConfig;
import dev.graphids.run.ResourceConfig;
import dev.graphids.run.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders sbatch scripts (runtime.md §7.2) from an experiment's {@code resources}, the cluster catalog and the
 * command line. Resolution: CLI › YAML {@code resources} › the cluster's catalog defaults › built-in defaults; the
 * account comes from {@code resources.account} › {@code GRAPHIDS_SLURM_ACCOUNT} › the catalog, lower-cased; the log
 * directory from {@code GRAPHIDS_SLURM_LOG_DIR} › {@code {lake}/slurm}. Directive values are validated (they are
 * read by sbatch, not a shell) and checked against the catalog's limits; every value in the script body is
 * single-quoted.
 */
public final class SbatchRenderer {
    public static final String ACCOUNT_VARIABLE = "GRAPHIDS_SLURM_ACCOUNT";
    public static final String LOG_DIR_VARIABLE = "GRAPHIDS_SLURM_LOG_DIR";
    /** Tracking and runtime variables copied from the submitting environment into the job's. */
    static final List<String> FORWARDED = List.of("GRAPHIDS_MLFLOW_MODE", "MLFLOW_TRACKING_URI",
            "GRAPHIDS_SYSTEM_METRICS_SECONDS", "GRAPHIDS_JAVA_OPTS");

    private final Lake lake;
    private final Map<String, String> env;
    private final ClusterCatalog catalog;
    private final Path codeDir;
    private final List<String> launch;

    /**
     * @param codeDir the checkout the job runs from ({@code cd} target), or null
     * @param launch  the launch command words ({@link LaunchCommand#resolve})
     */
    public SbatchRenderer(Lake lake, Map<String, String> env, ClusterCatalog catalog, Path codeDir,
                          List<String> launch) {
        this.lake = lake;
        this.env = env;
        this.catalog = catalog;
        this.codeDir = codeDir;
        this.launch = List.copyOf(launch);
    }

    /** A seed sweep as one job array: task i launches with seed {@code seeds[i]} and run {@code {run}_seed{S}}. */
    public record ArrayPlan(List<Integer> seeds, String planId) {
        public ArrayPlan {
            if (seeds.isEmpty()) {
                throw GraphidsException.usage("--seeds: expected at least one seed");
            }
            seeds = List.copyOf(seeds);
        }
    }

    /** The run name of an array task with this seed. */
    public static String seedRunName(String runName, int seed) {
        return runName + "_seed" + seed;
    }

    /** Log directory: {@code GRAPHIDS_SLURM_LOG_DIR} › {@code {lake}/slurm}. */
    public Path logDir() {
        String configured = env.get(LOG_DIR_VARIABLE);
        return configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath().normalize()
                : lake.slurmDir();
    }

    public SbatchScript.Resolved resolve(ExperimentConfig config, SbatchOptions cli) {
        ResourceConfig r = config.resources();
        String cluster = first(cli.cluster(), r.cluster(), catalog.defaultCluster());
        List<ClusterCatalog.Partition> partitions = cluster == null ? null : catalog.partitions(cluster);
        ClusterCatalog.ClusterDefaults d = cluster == null ? null : catalog.defaultsOf(cluster).orElse(null);
        int gpus = (int) Math.ceil(r.gpusPerWorker());
        if (r.accelerator() == ResourceConfig.Accelerator.GPU) {
            gpus = Math.max(1, gpus);
        }
        String partition = first(cli.partition(), r.partition(),
                d == null ? null : gpus > 0 ? d.gpuPartition() : d.cpuPartition(), gpus > 0 ? "gpu" : "cpu");
        Shell.directiveValue("partition", partition);
        String time = first(cli.time(), r.timeLimit(), d == null ? null : d.time(), "01:00:00");
        long seconds = SlurmTime.seconds("time limit", time);
        Shell.directiveValue("time limit", time);
        String gres = first(cli.gres(), r.gres(), gpus > 0 ? "gpu:" + gpus : null);
        if (gres != null) {
            Shell.directiveValue("gres", gres);
        }
        int cpus = Math.max(1, r.cpusPerWorker());
        String account = first(r.account(), env.get(ACCOUNT_VARIABLE), d == null ? null : d.account());
        if (account != null) {
            account = Shell.directiveValue("account", account.trim().toLowerCase(Locale.ROOT));
        }
        String sbatchClusters = cluster == null ? null : d != null ? d.sbatchClusters() : cluster;
        if (cli.cluster() != null || r.cluster() != null) {
            Shell.directiveValue("cluster", cluster);
        }
        if (partitions != null) {
            checkLimits(cluster, partitions, partition, seconds, time, cpus, gres, r.memoryGb());
        }
        return new SbatchScript.Resolved(cluster, partition, time, cpus, gpus, gres, r.memoryGb(), account,
                sbatchClusters);
    }

    private void checkLimits(String cluster, List<ClusterCatalog.Partition> partitions, String partition,
                             long seconds, String time, int cpus, String gres, Integer memoryGb) {
        ClusterCatalog.Partition p = partitions.stream().filter(x -> x.partition().equals(partition)).findFirst()
                .orElseThrow(() -> GraphidsException.usage("partition '" + partition + "' is not in cluster "
                        + cluster + " (catalog " + catalog.origin() + "; partitions: " + partitions.stream()
                        .map(ClusterCatalog.Partition::partition).collect(Collectors.joining(", ")) + ")"));
        String where = "partition " + partition + " of cluster " + cluster;
        if (p.walltimeSec() != null && seconds > p.walltimeSec()) {
            throw GraphidsException.usage("time limit " + time + " exceeds the walltime limit " + p.walltime()
                    + " of " + where);
        }
        if (cpus > p.coresPerNode()) {
            throw GraphidsException.usage("resources.cpus_per_worker " + cpus + " exceeds the " + p.coresPerNode()
                    + " cores per node of " + where);
        }
        if (memoryGb != null && memoryGb * 1024L > p.memMbPerNode()) {
            throw GraphidsException.usage("resources.memory_gb " + memoryGb + " exceeds the memory per node of "
                    + where + " (" + p.memGbPerNode() + " GB = " + p.memMbPerNode() + " MB)");
        }
        int wanted = ClusterCatalog.gpuCount(gres);
        if (wanted > p.gpusPerNode()) {
            throw GraphidsException.usage("gres " + gres + " asks for " + wanted + " GPU(s) but " + where + " has "
                    + p.gpusPerNode() + " per node" + (p.gres().isEmpty() ? "" : " (" + p.gres() + ")"));
        }
    }

    /** The job name: the experiment's, with the run's when it differs. */
    public static String jobName(ExperimentConfig c) {
        return Shell.slug(c.runName().equals(c.experimentName()) ? c.experimentName()
                : c.experimentName() + "." + c.runName());
    }

    /**
     * Renders the script for one run, or for a job array when {@code array} is set.
     *
     * @param spec  the validated run (its overrides are passed on to the launch)
     * @param tlas  jsonnet top-level arguments to pass on
     * @param array null for a single run
     */
    public SbatchScript render(RunSpec spec, List<String> tlas, SbatchOptions cli, ArrayPlan array) {
        ExperimentConfig c = spec.config();
        SbatchScript.Resolved res = resolve(c, cli);
        String job = jobName(c);
        Path logDir = logDir();
        String logs = Shell.directiveValue("log directory (" + LOG_DIR_VARIABLE + " or the lake root)",
                logDir.toString());
        List<String> directives = new ArrayList<>();
        directives.add("--nodes=1");
        directives.add("--ntasks=1");
        directives.add("--job-name=" + job);
        directives.add("--partition=" + res.partition());
        directives.add("--time=" + res.time());
        directives.add("--cpus-per-task=" + res.cpus());
        if (res.sbatchClusters() != null) {
            directives.add("--clusters=" + res.sbatchClusters());
        }
        if (res.gres() != null) {
            directives.add("--gres=" + res.gres());
        }
        if (res.memoryGb() != null) {
            directives.add("--mem=" + res.memoryGb() + "G");
        }
        if (res.account() != null) {
            directives.add("--account=" + res.account());
        }
        directives.add("--output=" + logs + "/" + job + "_" + (array == null ? "%j" : "%A_%a") + ".out");
        directives.add("--error=" + logs + "/" + job + "_" + (array == null ? "%j" : "%A_%a") + ".err");
        directives.add("--comment=" + comment(c, array));
        if (array != null) {
            directives.add("--array=0-" + (array.seeds().size() - 1));
        }
        StringBuilder s = new StringBuilder("#!/usr/bin/env bash\n");
        directives.forEach(d -> s.append("#SBATCH ").append(d).append('\n'));
        s.append('\n').append(body(spec, tlas, cli, array));
        return new SbatchScript(job, res, List.copyOf(directives), s.toString(),
                logDir.resolve("scripts").resolve(job + ".sbatch"), logDir);
    }

    /** {@code graphids:{dataset}/{experiment}/{run}}: how {@code exp queue} recognises GraphIDS jobs. */
    static String comment(ExperimentConfig c, ArrayPlan array) {
        return "graphids:" + c.dataset() + "/" + c.experimentName() + "/"
                + (array == null ? c.runName() : c.runName() + "_seed*");
    }

    private String body(RunSpec spec, List<String> tlas, SbatchOptions cli, ArrayPlan array) {
        ExperimentConfig c = spec.config();
        StringBuilder b = new StringBuilder();
        b.append("set -euo pipefail\n");
        b.append("umask 002\n");
        b.append("export GRAPHIDS_LAKE_ROOT=").append(Shell.quote(lake.root().toString())).append('\n');
        b.append("export ").append(LOG_DIR_VARIABLE).append('=').append(Shell.quote(logDir().toString()))
                .append('\n');
        for (String v : FORWARDED) {
            String value = env.get(v);
            if (value != null && !value.isBlank()) {
                b.append("export ").append(v).append('=').append(Shell.quote(value)).append('\n');
            }
        }
        if (codeDir != null) {
            b.append("cd ").append(Shell.quote(codeDir.toString())).append('\n');
        }
        b.append("echo \"graphids: job ${SLURM_JOB_ID:-none} on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        if (cli.stageData()) {
            Path raw = lake.rawDir(c.dataset());
            b.append("# Stage the raw captures on node-local storage ($TMPDIR); GRAPHIDS_STAGED_RAW names the copy.\n");
            b.append("if [ -n \"${TMPDIR:-}\" ]; then\n");
            b.append("  export GRAPHIDS_STAGE_DIR=\"$TMPDIR/graphids-stage\"\n");
            b.append("  mkdir -p \"$GRAPHIDS_STAGE_DIR/raw\"\n");
            b.append("  cp -a ").append(Shell.quote(raw.toString())).append(" \"$GRAPHIDS_STAGE_DIR/raw/\"\n");
            b.append("  export GRAPHIDS_STAGED_RAW=\"$GRAPHIDS_STAGE_DIR/raw/\"").append(Shell.quote(c.dataset()))
                    .append('\n');
            b.append("fi\n");
        }
        List<String> words = new ArrayList<>(launch);
        words.addAll(List.of("exp", "launch", spec.source().toAbsolutePath().normalize().toString()));
        for (String o : spec.overrides()) {
            words.add("--set");
            words.add(o);
        }
        for (String t : tlas) {
            words.add("--tla");
            words.add(t);
        }
        String command = Shell.join(words);
        if (array != null) {
            b.append("SEEDS=(").append(array.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")))
                    .append(")\n");
            b.append("SEED=\"${SEEDS[${SLURM_ARRAY_TASK_ID:?this script is a job array: submit it with sbatch}]}\"\n");
            command += " '--set' \"seed=${SEED}\" '--set' " + Shell.quote("run_name=" + c.runName() + "_seed")
                    + "\"${SEED}\"";
            if (array.planId() != null) {
                command += " '--set' " + Shell.quote("plan_id=" + array.planId());
            }
        }
        b.append("rc=0\n");
        b.append(command).append(" || rc=$?\n");
        b.append("if [ -n \"${SLURM_JOB_ID:-}\" ] && command -v sacct >/dev/null 2>&1; then\n");
        b.append("  echo '=== SLURM Accounting ==='\n");
        b.append("  sacct -j \"$SLURM_JOB_ID\" --format=JobID%15,Elapsed,MaxRSS%12,MaxVMSize%12 --noheader || true\n");
        b.append("fi\n");
        b.append("exit \"$rc\"\n");
        return b.toString();
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }
}
