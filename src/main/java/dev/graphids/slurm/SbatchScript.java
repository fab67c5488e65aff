package dev.graphids.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * A rendered sbatch script.
 *
 * @param jobName    the job name (also the script's file name)
 * @param resources  the resolved resources: cluster (or null), partition, time, cpus, gpus, gres, memory, account
 * @param directives the {@code #SBATCH} option values in order ({@code --job-name=...})
 * @param text       the whole script
 * @param path       where submission writes it: {@code {log_dir}/scripts/{job}.sbatch}
 * @param logDir     where SLURM writes the job's output and error files
 */
public record SbatchScript(String jobName, Resolved resources, List<String> directives, String text, Path path,
                           Path logDir) {

    /** The resources a job asks for after resolution (CLI › YAML › catalog default › built-in default). */
    public record Resolved(String cluster, String partition, String time, int cpus, int gpus, String gres,
                           Integer memoryGb, String account, String sbatchClusters) {
    }
}
