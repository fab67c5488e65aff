package dev.graphids.model;

import dev.graphids.cache.CacheProgress;
import dev.graphids.cache.CacheSpec;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A tiny simulated graph cache shared by the model tests of one JVM, and a resource counter for leak checks. */
public final class ModelFixtures {
    private static GraphCache cache;

    private ModelFixtures() {
    }

    /** Builds (once per JVM) a cache of a short simulated dataset in a temporary lake. */
    public static synchronized GraphCache cache() {
        if (cache == null) {
            try {
                Path dir = Files.createTempDirectory("graphids-model-test");
                dir.toFile().deleteOnExit();
                Lake lake = Lake.at(dir);
                DatasetEntry entry = SimulateFixture.dataset(lake, "sim", 0.1);
                cache = new GraphCacheBuilder(lake, 2, CacheProgress.NONE).ensure(entry, CacheSpec.defaults(), false)
                        .cache();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cache;
    }

    /** Number of resources attached to a DJL manager (BaseNDManager.resources, read reflectively). */
    public static int resources(ai.djl.ndarray.NDManager manager) {
        try {
            Class<?> c = manager.getClass();
            while (c != null) {
                try {
                    Field f = c.getDeclaredField("resources");
                    f.setAccessible(true);
                    return ((Map<?, ?>) f.get(manager)).size();
                } catch (NoSuchFieldException e) {
                    c = c.getSuperclass();
                }
            }
            throw new IllegalStateException("no resources field on " + manager.getClass());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
