package dev.graphids.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.graphids.error.GraphidsException;

/**
 * Loads the PyTorch engine once per JVM, sets its thread counts and checks the accelerator (java-ecosystem.md §1.1).
 * The native libtorch is extracted from the {@code pytorch-native-cpu} jar into {@code ~/.djl.ai} (or
 * {@code $DJL_CACHE_DIR}) on first use; nothing is downloaded.
 */
public final class Engines {
    /** The engine name DJL registers for PyTorch. */
    public static final String PYTORCH = "PyTorch";

    private Engines() {
    }

    /**
     * Loads the engine and prepares it for {@code accelerator}.
     *
     * @param accelerator cpu, or gpu (requires a CUDA device visible to the engine)
     * @param threads     intra-op threads (and inter-op threads when the engine is not loaded yet); 0 keeps the
     *                    engine's default
     * @return the device to create tensors on
     * @throws GraphidsException (environment) when the engine cannot load or gpu is asked for but absent
     */
    public static synchronized Device preflight(Accelerator accelerator, int threads) {
        if (threads < 0) {
            throw GraphidsException.usage("threads: expected >= 0, found " + threads);
        }
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            // Read by PtEngine when it loads; libtorch refuses to change inter-op threads after first use.
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        Engine engine;
        try {
            engine = Engine.getEngine(PYTORCH);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw GraphidsException.environment("cannot load the PyTorch engine (DJL 0.35.1, libtorch 2.7.1 CPU): "
                    + e.getMessage() + "; check that ~/.djl.ai or $DJL_CACHE_DIR is writable", e);
        }
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        if (accelerator == Accelerator.GPU) {
            int gpus = engine.getGpuCount();
            if (gpus < 1) {
                throw GraphidsException.environment("accelerator gpu: the PyTorch engine sees no CUDA device (this "
                        + "build bundles the CPU-only libtorch 2.7.1; a GPU needs a CUDA libtorch and driver); use "
                        + "accelerator cpu");
            }
            return Device.gpu(0);
        }
        return Device.cpu();
    }

    /** Intra-op threads currently used by libtorch. */
    public static int threads() {
        Engine.getEngine(PYTORCH);
        return JniUtils.getNumThreads();
    }

    /**
     * Seeds libtorch's generator ({@code torch.manual_seed}): dropout, masks, permutations and reparameterisation
     * noise then repeat exactly on CPU (models.md §8.5). Parameter initialisation is seeded separately, from the
     * model config.
     */
    public static void seed(long seed) {
        Engine.getEngine(PYTORCH).setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
