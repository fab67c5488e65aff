package dev.graphids.track;

import dev.graphids.error.GraphidsException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples CPU and memory with OSHI on a daemon thread and hands each sample to a callback, as MLflow's system
 * metrics monitor does (runtime.md §4.5). Metric names follow MLflow's {@code system/...} series:
 * {@code system/cpu_utilization_percentage} (whole machine, between two samples),
 * {@code system/system_memory_usage_megabytes}, {@code system/system_memory_usage_percentage}; and, in the same
 * style, {@code system/system_memory_total_megabytes}, {@code system/process_rss_megabytes} and
 * {@code system/process_thread_count} for this JVM. Steps count samples from 0. Megabytes are
 * MiB (2^20 bytes), as MLflow divides by 1024².
 *
 * <p>GPU metrics are not sampled: OSHI reports no GPU utilisation or memory use, and reading NVML would need a
 * native binding this project does not ship. Disk and network series are left out as well.
 *
 * <p>The sampler does not know the tracking store: the runtime passes {@code metrics -> store.logMetrics(runId,
 * metrics)}. If the callback throws, sampling stops and {@link #close()} rethrows the failure.
 */
public final class SystemMetricsSampler implements AutoCloseable {
    /** MLflow's default sampling interval is 10 s; the runtime samples more often by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final double MIB = 1024.0 * 1024.0;

    private final Consumer<List<Metric>> sink;
    private final Duration interval;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final int pid;
    private final AtomicLong step = new AtomicLong();
    private final Object lock = new Object();
    private long[] previousTicks;
    private Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /** A sampler that will sample every {@code interval} once {@link #start()}ed. */
    public SystemMetricsSampler(Duration interval, Consumer<List<Metric>> sink) {
        if (interval.isNegative() || interval.isZero()) {
            throw GraphidsException.usage("system metrics interval must be positive, found " + interval);
        }
        this.interval = interval;
        this.sink = Objects.requireNonNull(sink, "sink");
        SystemInfo si = new SystemInfo();
        this.cpu = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.os = si.getOperatingSystem();
        this.pid = os.getProcessId();
        this.previousTicks = cpu.getSystemCpuLoadTicks();
    }

    /** Starts the sampling thread; the first sample comes one interval later. */
    public SystemMetricsSampler start() {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("sampler already started");
            }
            thread = new Thread(this::loop, "graphids-system-metrics");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void loop() {
        while (!stopping) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                return;
            }
            try {
                sink.accept(sample());
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /** Takes one sample now (also what the thread does each interval). */
    public List<Metric> sample() {
        synchronized (lock) {
            long now = System.currentTimeMillis();
            long s = step.getAndIncrement();
            long[] ticks = cpu.getSystemCpuLoadTicks();
            double cpuPercent = 100.0 * cpu.getSystemCpuLoadBetweenTicks(previousTicks);
            previousTicks = ticks;
            long total = memory.getTotal();
            long used = total - memory.getAvailable();
            OSProcess self = os.getProcess(pid);
            double rss = self == null ? Double.NaN : self.getResidentSetSize() / MIB;
            double threads = self == null ? Thread.activeCount() : self.getThreadCount();
            return List.of(
                    new Metric("system/cpu_utilization_percentage", round(cpuPercent), now, s),
                    new Metric("system/system_memory_usage_megabytes", round(used / MIB), now, s),
                    new Metric("system/system_memory_usage_percentage", round(100.0 * used / total), now, s),
                    new Metric("system/system_memory_total_megabytes", round(total / MIB), now, s),
                    new Metric("system/process_rss_megabytes", round(rss), now, s),
                    new Metric("system/process_thread_count", threads, now, s));
        }
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10.0) / 10.0;
    }

    /**
     * Stops the thread, takes and hands over a last sample, and rethrows a failure of the callback if there was one.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            stopping = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        sink.accept(sample());
    }
}
