package dev.graphids.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.SharedData;
import dev.graphids.can.catalog.DatasetCatalog;
import dev.graphids.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot cache of the real hcrl_sa captures. */
class HcrlSaCacheTest {
    @TempDir
    Path lake;

    @Test
    void snapshotCacheOfTheRealCapturesHasEveryFolderAndExactWindowCounts() throws Exception {
        Path shared = SharedData.require("hcrl_sa");
        Files.createDirectories(lake.resolve("raw"));
        Files.createSymbolicLink(lake.resolve("raw/hcrl_sa"), shared);
        Lake l = Lake.at(lake);
        GraphCache cache = new GraphCacheBuilder(l, 2, CacheProgress.NONE)
                .ensure(DatasetCatalog.load(l).require("hcrl_sa"), CacheSpec.defaults(), false).cache();
        JsonNode m = cache.metadata();
        assertThat(m.get("test_folders")).extracting(JsonNode::asText).containsExactly(
                "test_01_known_vehicle_known_attack", "test_02_unknown_vehicle_known_attack",
                "test_03_known_vehicle_unknown_attack", "test_04_unknown_vehicle_unknown_attack");
        assertThat(m.get("vocab").get("size").asInt()).isEqualTo(2048);
        assertThat(m.get("duplicate_files")).hasSize(2);
        long samples = 0;
        long expected = 0;
        for (JsonNode f : m.get("files")) {
            if (f.get("used").asBoolean()) {
                samples += f.get("samples").asLong();
                expected += f.get("frames").asLong() / 100;
            }
        }
        assertThat(samples).isEqualTo(expected);
        JsonNode splits = m.get("splits");
        // Training files: 192,516 + 117,173 + 181,901 + 135,670 frames -> 1,925 + 1,171 + 1,819 + 1,356 windows.
        assertThat(splits.get("train").get("num_samples").asLong() + splits.get("val").get("num_samples").asLong())
                .isEqualTo(1925 + 1171 + 1819 + 1356);
        assertThat(splits.get("val").get("num_samples").asLong()).isEqualTo(385 + 234 + 363 + 271);
        assertThat(splits.get("val").get("label_balance").get("attack").asLong()).isPositive();
        assertThat(splits.get("test_04_unknown_vehicle_unknown_attack").get("num_samples").asLong())
                .isEqualTo(797);
        assertThat(m.get("rejected_files")).isEmpty();
    }
}
