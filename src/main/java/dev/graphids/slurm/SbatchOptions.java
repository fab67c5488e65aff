package dev.graphids.slurm;

/**
 * Command-line choices for one submission; each null field falls back to the config, then the catalog, then the
 * built-in default.
 *
 * @param cluster   {@code -C/--cluster}
 * @param partition {@code --partition}
 * @param time      {@code --time}
 * @param gres      {@code --gres}
 * @param stageData copy the dataset's raw captures into {@code $TMPDIR} on the compute node before launching
 */
public record SbatchOptions(String cluster, String partition, String time, String gres, boolean stageData) {
    public static final SbatchOptions NONE = new SbatchOptions(null, null, null, null, false);
}
