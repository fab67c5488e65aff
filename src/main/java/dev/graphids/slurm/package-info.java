/**
 * SLURM submission (runtime.md Decision 8, §7): the cluster catalog, sbatch script rendering from an experiment's
 * {@code resources} section, submission of single runs, seed arrays and {@code afterok} pipelines, journaling of
 * submissions in the run journal, and reconciliation of run status with SLURM's job states.
 *
 * <p>Builds on {@code dev.graphids.run} (configs, run paths, journal) and {@code lake}; never imports {@code cli}.
 */
package dev.graphids.slurm;
