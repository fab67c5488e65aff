package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graphids.graph.Representation;

/**
 * The {@code config} of an {@code hf_push} run (runtime.md Decision 9): which checkpoint to export, where, and the
 * Hub repository to upload to when {@code HF_TOKEN} is set.
 *
 * <pre>
 * config:
 *   ckpt_path: .../runs/hcrl_sa/hcrl_sa_gat/fit/checkpoints/best_model.safetensors   # or the fit run directory
 *   output_dir: null      # default {lake}/exports/{dataset}/{experiment}/{run of the checkpoint}
 *   repo_id: null         # owner/name on the Hub; without it (or without HF_TOKEN) nothing is uploaded
 * </pre>
 */
public record HfPushRunConfig(@JsonProperty("ckpt_path") String ckptPath,
                              @JsonProperty("output_dir") String outputDir,
                              @JsonProperty("repo_id") String repoId) implements StageConfig {
    public HfPushRunConfig {
        if (ckptPath == null || ckptPath.isBlank()) {
            throw new ConfigException("config.ckpt_path", "expected the checkpoint (or fit run directory) to export,"
                    + " found nothing");
        }
        outputDir = outputDir == null || outputDir.isBlank() ? null : outputDir;
    }

    @Override
    public Representation nestedRepresentation() {
        return null;
    }
}
