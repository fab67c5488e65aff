package dev.graphids.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code config.distillation} block of a fit run (models.md §5): a student learns from a frozen teacher of the
 * same model family, fitted on the same graph cache.
 *
 * <pre>
 * distillation: {teacher_ckpt: .../best_model.safetensors, alpha: 0.7, temperature: 4.0,
 *                latent_weight: 1.0, recon_weight: 1.0, feature_noise: 0.0,
 *                similarity_weight: 0.0}
 * </pre>
 *
 * <p>A relative {@code teacher_ckpt} is taken from the lake root.
 *
 * @param alpha        weight of the distillation term; {@code 1 − alpha} weighs the student's own loss
 * @param temperature  GAT: softening temperature T of both logit sets
 * @param latentWeight VGAE: weight of MSE(P(z_student), z_teacher)
 * @param reconWeight  VGAE: weight of MSE(reconstruction_student, reconstruction_teacher)
 * @param featureNoise GAT: 0 (off), or the σ of Gaussian noise on the scaled node features of a second, noisy copy of
 *                     each training batch on which the student also matches the teacher
 * @param similarityWeight GAT: 0 (off), or the weight β of a term added to the loss that asks the student's graph
 *                     embeddings to be alike where the teacher's are (similarity-preserving distillation)
 */
public record DistillationConfig(@JsonProperty("teacher_ckpt") String teacherCkpt,
                                 @JsonProperty("alpha") Double alpha,
                                 @JsonProperty("temperature") Double temperature,
                                 @JsonProperty("latent_weight") Double latentWeight,
                                 @JsonProperty("recon_weight") Double reconWeight,
                                 @JsonProperty("feature_noise") Double featureNoise,
                                 @JsonProperty("similarity_weight") Double similarityWeight) {
    private static final String AT = "config.distillation.";

    public DistillationConfig {
        if (teacherCkpt == null || teacherCkpt.isBlank()) {
            throw new ConfigException(AT + "teacher_ckpt", "is required: the teacher's checkpoint "
                    + "(e.g. {teacher fit run}/checkpoints/best_model.safetensors)");
        }
        alpha = alpha == null ? 0.7 : alpha;
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new ConfigException(AT + "alpha", "expected a number in [0, 1], found " + alpha);
        }
        temperature = positive("temperature", temperature == null ? 4.0 : temperature);
        latentWeight = nonNegative("latent_weight", latentWeight == null ? 1.0 : latentWeight);
        reconWeight = nonNegative("recon_weight", reconWeight == null ? 1.0 : reconWeight);
        featureNoise = nonNegative("feature_noise", featureNoise == null ? 0.0 : featureNoise);
        similarityWeight = nonNegative("similarity_weight", similarityWeight == null ? 0.0 : similarityWeight);
    }

    private static double positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException(AT + key, "expected a finite number > 0, found " + v);
        }
        return v;
    }

    private static double nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigException(AT + key, "expected a finite number >= 0, found " + v);
        }
        return v;
    }
}
