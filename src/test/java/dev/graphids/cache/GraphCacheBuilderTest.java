package dev.graphids.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.sim.SimulationConfig;
import dev.graphids.can.sim.TrafficSimulator;
import dev.graphids.error.GraphidsException;
import dev.graphids.graph.Representation;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCacheBuilderTest {
    static final DatasetEntry SIM = new DatasetEntry("sim", "train_01_attack_free", "train_02_with_attacks",
            List.of("test_01_known_vehicle_known_attack", "test_02_unknown_vehicle_known_attack",
                    "test_05_suppress"), List.of(), "", false);

    @TempDir
    Path tmp;
    Lake lake;

    @BeforeEach
    void simulate() {
        lake = Lake.at(tmp);
        TrafficSimulator.writeDataset(lake.rawDir("sim"), SimulationConfig.of(5, 0.05, true));
    }

    private GraphCacheBuilder.Outcome build(CacheSpec spec) throws IOException {
        return new GraphCacheBuilder(lake, 2, CacheProgress.NONE).ensure(SIM, spec, false);
    }

    @Test
    void buildsOnceAndReusesWhenNothingChanged() throws IOException {
        GraphCacheBuilder.Outcome first = build(CacheSpec.defaults());
        GraphCacheBuilder.Outcome second = build(CacheSpec.defaults());
        assertThat(first.built()).isTrue();
        assertThat(second.built()).isFalse();
        assertThat(second.cache().dir()).isEqualTo(first.cache().dir());
        assertThat(first.cache().dir().getFileName().toString()).startsWith("snapshot_e202a36c8533_voc_train_");
        assertThat(first.cache().dir().resolve(".complete")).exists();
        try (var s = Files.list(first.cache().dir().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".building-"));
        }
    }

    @Test
    void metadataCountsMatchTheShardsAndValidationNeverOverlapsTraining() throws IOException {
        GraphCache cache = build(CacheSpec.defaults()).cache();
        JsonNode splits = cache.metadata().get("splits");
        long train = 0;
        long val = 0;
        long test01 = 0;
        for (String shard : cache.shards(null)) {
            Safetensors.MappedFile f = cache.mapShard(shard);
            long[] startRow = f.longArray(ShardTensors.START_ROW);
            var split = f.bytes(ShardTensors.SPLIT);
            long lastTrainRow = -1;
            long firstValRow = Long.MAX_VALUE;
            for (int g = 0; g < startRow.length; g++) {
                switch (split.get(g)) {
                    case 0 -> {
                        train++;
                        lastTrainRow = Math.max(lastTrainRow, startRow[g] + 99);
                    }
                    case 1 -> {
                        val++;
                        firstValRow = Math.min(firstValRow, startRow[g]);
                    }
                    default -> test01 += shard.contains("test_01") ? 1 : 0;
                }
            }
            assertThat(lastTrainRow).as(shard).isLessThan(firstValRow);
            long[] nodePtr = f.longArray(ShardTensors.NODE_PTR);
            assertThat(f.shape(ShardTensors.X)).containsExactly(nodePtr[nodePtr.length - 1], 35);
            assertThat(f.shape(ShardTensors.EDGE_ATTR)).containsExactly(99L * startRow.length, 11);
        }
        assertThat(splits.get("train").get("num_samples").asLong()).isEqualTo(train);
        assertThat(splits.get("val").get("num_samples").asLong()).isEqualTo(val);
        assertThat(splits.get("test_01_known_vehicle_known_attack").get("num_samples").asLong()).isEqualTo(test01);
        assertThat(cache.metadata().get("duplicate_files")).hasSize(1);
        assertThat(cache.metadata().get("test_folders")).hasSize(3);
        assertThat(cache.scaler().fittedNodeRows()).isPositive();
        assertThat(cache.vocabulary().size()).isGreaterThan(20);
    }

    @Test
    void changedRawFileOrSpecGivesANewCache() throws IOException {
        Path first = build(CacheSpec.defaults()).cache().dir();
        assertThat(build(new CacheSpec(null, null, 0.3, 1024, null)).cache().dir()).isNotEqualTo(first);
        Path file = lake.rawDir("sim").resolve("test_05_suppress/suppress-1.csv.gz");
        Files.copy(lake.rawDir("sim").resolve("test_05_suppress/suppress-2.csv.gz"), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        GraphCacheBuilder.Outcome changed = build(CacheSpec.defaults());
        assertThat(changed.built()).isTrue();
        assertThat(changed.cache().dir()).isNotEqualTo(first);
    }

    @Test
    void requireCacheFailsNamingWhatIsMissing() {
        assertThatThrownBy(() -> new GraphCacheBuilder(lake, 1, CacheProgress.NONE).ensure(SIM, CacheSpec.defaults(),
                true)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("require_cache: no complete graph cache for dataset 'sim' (snapshot")
                .hasMessageContaining("graphids data cache sim");
    }

    @Test
    void windowLargerThanEveryFileIsAClearError() {
        CacheSpec huge = CacheSpec.defaults().withRepresentation(new Representation.Snapshot(10_000_000, 100));
        assertThatThrownBy(() -> build(huge)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("gives no benign training windows (window_size 10000000; the largest training "
                        + "file has");
    }

    @Test
    void emptyFolderIsAClearError() throws IOException {
        Path folder = lake.rawDir("sim").resolve("test_02_unknown_vehicle_known_attack");
        try (var s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        assertThatThrownBy(() -> build(CacheSpec.defaults())).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("test_02_unknown_vehicle_known_attack holds no capture files");
    }

    @Test
    void sequencesAreLabelledByTheirLastStepAndNeverStraddleSplits() throws IOException {
        GraphCache cache = build(CacheSpec.defaults()
                .withRepresentation(new Representation.SnapshotSequence(100, 100, 3, 1))).cache();
        for (String shard : cache.shards("train_02_with_attacks")) {
            Safetensors.MappedFile f = cache.mapShard(shard);
            long[] seq = f.longArray(ShardTensors.SEQUENCE);
            long[] y = f.longArray(ShardTensors.Y);
            long[] seqY = f.longArray(ShardTensors.SEQUENCE_Y);
            var split = f.bytes(ShardTensors.SPLIT);
            var seqSplit = f.bytes(ShardTensors.SEQUENCE_SPLIT);
            for (int s = 0; s < seqY.length; s++) {
                assertThat(seq[3 * s + 2]).isEqualTo(seq[3 * s] + 2);
                assertThat(seqY[s]).isEqualTo(y[(int) seq[3 * s + 2]]);
                if (seqSplit.get(s) != Split.EMBARGO.code()) {
                    for (int k = 0; k < 3; k++) {
                        assertThat(split.get((int) seq[3 * s + k])).isEqualTo(seqSplit.get(s));
                    }
                }
            }
        }
    }

    @Test
    void temporalEventsChainPreviousToCurrentWithSelfEventsAtStreamStarts() throws IOException {
        GraphCache cache = build(CacheSpec.defaults().withRepresentation(new Representation.Temporal())).cache();
        String shard = cache.shards("train_01_attack_free").get(0);
        Safetensors.MappedFile f = cache.mapShard(shard);
        long[] src = f.longArray("src");
        long[] dst = f.longArray("dst");
        var split = f.bytes(ShardTensors.SPLIT);
        assertThat(src[0]).isEqualTo(dst[0]);
        int valStart = -1;
        for (int i = 1; i < src.length; i++) {
            if (split.get(i) == Split.VAL.code() && valStart < 0) {
                valStart = i;
                assertThat(src[i]).isEqualTo(dst[i]);
            } else {
                assertThat(src[i]).isEqualTo(dst[i - 1]);
            }
        }
        assertThat(valStart).isEqualTo(src.length - (int) (src.length * 0.2));
        assertThat(TemporalShardBuilder.unknownBucket(0x0C1, false)).isEqualTo(126);
    }
}
