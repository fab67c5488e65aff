package dev.graphids.detect;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.FeatureScaler;
import dev.graphids.graph.WindowSpec;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.fusion.FusionModel;
import dev.graphids.model.GraphModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a detector needs besides the stream: the model (a loader of its weights, or none for the rate
 * baseline), the window it was trained on, the cache's vocabulary, feature scaler and ID buckets, the feature clip of
 * the fit run and the threshold chosen on validation.
 *
 * @param modelType   {@code rate}, {@code gat}, {@code vgae}, {@code dgi} or {@code fusion/<method>}
 * @param window      window size and stride (snapshot representation)
 * @param featureClip bound on scaled features (0 = none), as the fit and test stages applied it
 * @param threshold   decision threshold (score ≥ threshold is an alarm)
 * @param loader      rebuilds the model with its weights; null for the rate baseline and fusers
 * @param origin      the checkpoint file or bundle directory it came from
 * @param runDir      the run directory of a checkpoint, or null for a bundle
 * @param fusion      a fuser and its upstream graph models, or null
 */
public record DetectorSpec(String modelType, WindowSpec window, CanIdVocabulary vocabulary, FeatureScaler scaler,
                           int idBuckets, double featureClip, double threshold, ModelLoader loader, Path origin,
                           Path runDir, FusionParts fusion) {

    /** Builds the model with its weights under a parent manager (the caller closes both). */
    @FunctionalInterface
    public interface ModelLoader {
        GraphModel load(NDManager parent);
    }

    /**
     * A fuser's upstream models (by state key, {@code gat}, {@code vgae}; several under {@code gat} are an ensemble)
     * and the fuser itself; {@code checkpoints} names the upstream checkpoint files when they came from runs (for
     * export), null when from a bundle.
     */
    public record FusionParts(Map<String, List<ModelLoader>> upstream, FuserLoader fuser,
                              Map<String, List<Path>> checkpoints) {
    }

    /** Builds the fuser with its weights under a parent manager. */
    @FunctionalInterface
    public interface FuserLoader {
        FusionModel load(NDManager parent);
    }

    public boolean isRate() {
        return loader == null && fusion == null;
    }

    /** The same spec with another threshold (the {@code --threshold} override). */
    public DetectorSpec withThreshold(double t) {
        return new DetectorSpec(modelType, window, vocabulary, scaler, idBuckets, featureClip, t, loader, origin,
                runDir, fusion);
    }
}
