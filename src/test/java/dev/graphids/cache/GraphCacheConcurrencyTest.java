package dev.graphids.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.can.sim.SimulationConfig;
import dev.graphids.can.sim.TrafficSimulator;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes racing for, and killed while building, the same cache. */
class GraphCacheConcurrencyTest {
    @TempDir
    Path tmp;
    Lake lake;

    @BeforeEach
    void simulate() throws IOException {
        lake = Lake.at(tmp);
        TrafficSimulator.writeDataset(lake.rawDir("sim"), SimulationConfig.of(9, 0.25, true));
        DatasetCatalog.register(lake, GraphCacheBuilderTest.SIM);
    }

    private Process startBuild() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.graphids.cli.Main", "data", "cache", "sim");
        pb.environment().put("GRAPHIDS_LAKE_ROOT", tmp.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private List<Path> cacheDirs() throws IOException {
        Path parent = lake.cacheDir().resolve("v" + CacheSpec.PREPROCESSING_VERSION).resolve("sim");
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    @Test
    void concurrentBuildersBuildOnceAndTheOthersReuse() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(startBuild());
        }
        int built = 0;
        int reused = 0;
        for (Process p : processes) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            built += out.startsWith("built") ? 1 : 0;
            reused += out.startsWith("reused") ? 1 : 0;
        }
        assertThat(built).isEqualTo(1);
        assertThat(reused).isEqualTo(2);
        assertThat(cacheDirs()).hasSize(1);
    }

    @Test
    void aKilledBuildLeavesNothingThatLooksCompleteAndTheNextBuildSucceeds() throws Exception {
        for (long delayMs : new long[] {150, 600, 1100}) {
            Process p = startBuild();
            Thread.sleep(delayMs);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Path dir : cacheDirs()) {
                if (!dir.getFileName().toString().startsWith(".")) {
                    assertThat(dir.resolve(GraphCache.COMPLETE)).as("after kill at %d ms", delayMs).exists();
                }
            }
            GraphCacheBuilder.Outcome o = new GraphCacheBuilder(lake, 2, CacheProgress.NONE)
                    .ensure(GraphCacheBuilderTest.SIM, CacheSpec.defaults(), false);
            assertThat(o.cache().dir().resolve(GraphCache.COMPLETE)).exists();
            assertThat(cacheDirs()).filteredOn(d -> d.getFileName().toString().contains(".building-")).isEmpty();
            GraphCacheBuilder.deleteTree(o.cache().dir());
        }
    }
}
