package dev.graphids.model.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Whether the vector-API forwards ({@link Dense}) can run, and the worker threads they run on. They need the JVM
 * started with {@code --add-modules jdk.incubator.vector} (the launcher, the test runner and SLURM jobs pass it);
 * without it, or with {@code -Dgraphids.cpu.kernels=false}, models score through libtorch as before. This class
 * itself touches no vector class, so it can be asked anywhere.
 */
public final class CpuKernels {
    /** The system property that turns the vector-API forwards off ({@code false}). */
    public static final String PROPERTY = "graphids.cpu.kernels";
    /** The JVM option that makes them available. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static ExecutorService workers;
    private static int workerCount;

    private CpuKernels() {
    }

    /** True when the vector module is loaded and the forwards are not turned off. */
    public static boolean available() {
        return MODULE && !"false".equals(System.getProperty(PROPERTY));
    }

    /** True when this JVM was started with the vector module (child JVMs should get {@link #JVM_OPTION} too). */
    public static boolean moduleLoaded() {
        return MODULE;
    }

    /**
     * Runs {@code task.accept(i)} for i = 0 … tasks − 1 on {@code threads} threads (the caller among them), each
     * thread taking the next index when it finishes one. Tasks must write disjoint outputs; results then do not
     * depend on which thread ran what.
     */
    public static void forEach(int tasks, int threads, IntConsumer task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable loop = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        List<Future<?>> running = new ArrayList<>();
        ExecutorService pool = workers(helpers);
        for (int h = 0; h < helpers; h++) {
            running.add(pool.submit(loop));
        }
        RuntimeException failure = null;
        try {
            loop.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(tasks);
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static synchronized ExecutorService workers(int count) {
        if (workers == null || workerCount < count) {
            if (workers != null) {
                workers.shutdown();
            }
            workerCount = count;
            workers = Executors.newFixedThreadPool(count, r -> {
                Thread t = new Thread(r, "graphids-cpu-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }
}
