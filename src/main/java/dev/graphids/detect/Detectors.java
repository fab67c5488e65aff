package dev.graphids.detect;

import dev.graphids.error.GraphidsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the model {@code --model} names: an exported bundle directory, a run directory or a run's checkpoint. */
public final class Detectors {
    private Detectors() {
    }

    public static DetectorSpec load(Path model) {
        if (!Files.exists(model)) {
            throw GraphidsException.environment(model + ": no such model (expected a bundle directory, a run "
                    + "directory or a checkpoint .safetensors file)");
        }
        return ModelBundle.isBundle(model) ? ModelBundle.read(model) : RunCheckpoints.read(model);
    }
}
