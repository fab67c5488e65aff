package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SystemMetricsSamplerTest {
    @Test
    void samplesOnItsOwnThreadAndOnceMoreOnClose() throws InterruptedException {
        List<List<Metric>> samples = Collections.synchronizedList(new ArrayList<>());
        SystemMetricsSampler sampler = new SystemMetricsSampler(Duration.ofMillis(100), samples::add).start();
        // Wait for the samples rather than a fixed time: on a loaded machine a sample can take longer than 100 ms.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (samples.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        sampler.close();
        assertThat(samples.size()).isGreaterThanOrEqualTo(3);
        List<Metric> last = samples.get(samples.size() - 1);
        Map<String, Double> byName = last.stream().collect(Collectors.toMap(Metric::key, Metric::value));
        assertThat(byName).containsOnlyKeys("system/cpu_utilization_percentage",
                "system/system_memory_usage_megabytes", "system/system_memory_usage_percentage",
                "system/system_memory_total_megabytes", "system/process_rss_megabytes",
                "system/process_thread_count");
        assertThat(byName.get("system/cpu_utilization_percentage")).isBetween(0.0, 100.0);
        assertThat(byName.get("system/system_memory_usage_percentage")).isBetween(0.0, 100.0);
        assertThat(byName.get("system/process_rss_megabytes")).isGreaterThan(1.0);
        assertThat(byName.get("system/process_thread_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(byName.get("system/system_memory_usage_megabytes"))
                .isLessThanOrEqualTo(byName.get("system/system_memory_total_megabytes"));
        assertThat(last.get(0).step()).isEqualTo(samples.size() - 1);
    }

    @Test
    void aFailingCallbackStopsSamplingAndIsRethrownOnClose() throws InterruptedException {
        SystemMetricsSampler sampler = new SystemMetricsSampler(Duration.ofMillis(20), m -> {
            throw new IllegalStateException("store gone");
        }).start();
        Thread.sleep(100);
        assertThatThrownBy(sampler::close).hasMessage("store gone");
    }

    @Test
    void logsIntoTheStoreThroughTheCallback(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (SqliteTrackingStore store = SqliteTrackingStore.open(dir.resolve("mlflow.db"), dir.toString())) {
            String run = store.createRun(store.getOrCreateExperiment("e", null), "r", Map.of(), 1L);
            new SystemMetricsSampler(SystemMetricsSampler.DEFAULT_INTERVAL, m -> store.logMetrics(run, m)).close();
            assertThat(store.getRun(run).orElseThrow().metrics()).containsKey("system/process_rss_megabytes");
        }
    }
}
