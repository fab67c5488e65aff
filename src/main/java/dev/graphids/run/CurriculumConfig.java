package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code config.curriculum} block of a classifier fit run (models.md §6): benign training graphs are admitted
 * easiest first, by a difficulty score, with a linearly growing share per batch; attack graphs always count.
 *
 * <pre>
 * curriculum: {difficulty: vgae, vgae_ckpt: .../best_model.safetensors, start_ratio: 1.0, end_ratio: 10.0,
 *              ramp_epochs: 300}
 * </pre>
 *
 * <p>A relative {@code vgae_ckpt} is taken from the lake root.
 *
 * @param difficulty {@code vgae} (mean per-node reconstruction error of a fitted VGAE; higher = harder) or
 *                   {@code random} (uniform, seeded with the run seed)
 * @param vgaeCkpt   the VGAE checkpoint, required for {@code vgae}
 * @param rampEpochs epochs over which the admitted share grows from start/end to 1 (the original's max_epochs)
 */
public record CurriculumConfig(@JsonProperty("difficulty") String difficulty,
                               @JsonProperty("vgae_ckpt") String vgaeCkpt,
                               @JsonProperty("start_ratio") Double startRatio,
                               @JsonProperty("end_ratio") Double endRatio,
                               @JsonProperty("ramp_epochs") Integer rampEpochs) {
    private static final String AT = "config.curriculum.";

    public CurriculumConfig {
        difficulty = difficulty == null ? "vgae" : difficulty;
        if (!difficulty.equals("vgae") && !difficulty.equals("random")) {
            throw new ConfigException(AT + "difficulty", "expected vgae or random, found '" + difficulty + "'");
        }
        if (difficulty.equals("vgae") && (vgaeCkpt == null || vgaeCkpt.isBlank())) {
            throw new ConfigException(AT + "vgae_ckpt", "is required with difficulty: vgae (a fitted VGAE's "
                    + "checkpoint on the same dataset)");
        }
        if (difficulty.equals("random") && vgaeCkpt != null) {
            throw new ConfigException(AT + "vgae_ckpt", "applies to difficulty: vgae only; remove it");
        }
        startRatio = startRatio == null ? 1.0 : startRatio;
        endRatio = endRatio == null ? 10.0 : endRatio;
        if (!(startRatio > 0) || !(endRatio >= startRatio) || Double.isInfinite(endRatio)) {
            throw new ConfigException(AT + "end_ratio", "expected 0 < start_ratio <= end_ratio, found "
                    + startRatio + " and " + endRatio);
        }
        rampEpochs = rampEpochs == null ? 300 : rampEpochs;
        if (rampEpochs < 1) {
            throw new ConfigException(AT + "ramp_epochs", "expected >= 1, found " + rampEpochs);
        }
    }
}
