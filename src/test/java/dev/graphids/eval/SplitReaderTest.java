package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphids.cache.CacheProgress;
import dev.graphids.cache.CacheSpec;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.GraphCacheBuilder;
import dev.graphids.cache.ShardTensors;
import dev.graphids.can.catalog.DatasetEntry;
import dev.graphids.can.sim.DatasetLayout;
import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.error.GraphidsException;
import dev.graphids.io.Safetensors;
import dev.graphids.lake.Lake;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitReaderTest {
    @TempDir
    static Path tmp;
    static GraphCache cache;

    @BeforeAll
    static void buildCache() throws Exception {
        Lake lake = Lake.at(tmp);
        DatasetEntry sim = SimulateFixture.dataset(lake, "sim", 0.1);
        cache = new GraphCacheBuilder(lake, 2, CacheProgress.NONE).ensure(sim, CacheSpec.defaults(), false).cache();
    }

    @Test
    void everySplitHasTheGraphCountOfTheCacheMetadata() throws Exception {
        SplitReader reader = new SplitReader(cache);
        JsonNode splits = cache.metadata().get("splits");
        assertThat(reader.splits()).extracting(SplitRef::name).containsExactly("train", "val",
                DatasetLayout.TEST_KNOWN_KNOWN, DatasetLayout.TEST_UNKNOWN_KNOWN, DatasetLayout.TEST_SUPPRESS);
        for (SplitRef split : reader.splits()) {
            SplitData d = reader.read(split);
            JsonNode summary = splits.get(split.name());
            assertThat((long) d.size()).as(split.name()).isEqualTo(summary.get("num_samples").asLong());
            long attacks = 0;
            for (int y : d.labels()) {
                attacks += y;
            }
            assertThat(attacks).as(split.name()).isEqualTo(summary.get("label_balance").get("attack").asLong());
        }
    }

    @Test
    void idsAndLabelsAreThoseOfTheShardGraphs() throws Exception {
        SplitReader reader = new SplitReader(cache);
        SplitRef test01 = SplitRef.test(DatasetLayout.TEST_KNOWN_KNOWN);
        List<ShardView> views = reader.shards(test01);
        SplitData d = reader.read(test01);
        assertThat(d.sources()).hasSize(views.size()).allMatch(s -> s.startsWith(DatasetLayout.TEST_KNOWN_KNOWN
                + "/"));
        int at = 0;
        for (ShardView v : views) {
            Safetensors.MappedFile f = v.file();
            long[] window = f.longArray(ShardTensors.WINDOW_INDEX);
            long[] start = f.longArray(ShardTensors.START_ROW);
            long[] y = f.longArray(ShardTensors.Y);
            long[] edgePtr = f.longArray(ShardTensors.EDGE_PTR);
            for (int g : v.graphs()) {
                assertThat(d.graph()[at]).isEqualTo(g);
                assertThat(d.sources().get(d.sourceIndex()[at])).isEqualTo(v.source());
                assertThat(d.windowIndex()[at]).isEqualTo(window[g]);
                assertThat(d.startRow()[at]).isEqualTo(start[g]);
                assertThat((long) d.labels()[at]).isEqualTo(y[g]);
                assertThat(v.edgeEnd(g) - v.edgeStart(g)).isEqualTo(edgePtr[g + 1] - edgePtr[g]).isEqualTo(99);
                at++;
            }
        }
        assertThat(at).isEqualTo(d.size());
    }

    @Test
    void trainingAndValidationGraphsNeverOverlap() throws Exception {
        SplitReader reader = new SplitReader(cache);
        Set<String> train = keys(reader.read(SplitRef.train()));
        Set<String> val = keys(reader.read(SplitRef.val()));
        assertThat(train).isNotEmpty();
        assertThat(val).isNotEmpty().doesNotContainAnyElementsOf(train);
    }

    @Test
    void scorerOutputIsAlignedAndCheckedForLength() throws Exception {
        SplitReader reader = new SplitReader(cache);
        ScoredSplit s = reader.score(SplitRef.val(), v -> {
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = v.graphs()[i];
            }
            return out;
        });
        for (int i = 0; i < s.data().size(); i++) {
            assertThat(s.scores()[i]).isEqualTo(s.data().graph()[i]);
        }
        assertThatThrownBy(() -> reader.score(SplitRef.val(), v -> new double[0]))
                .hasMessageContaining("scorer returned 0 scores");
        assertThatThrownBy(() -> reader.read(SplitRef.test("test_09_nowhere"))).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("no test folder 'test_09_nowhere'");
    }

    private static Set<String> keys(SplitData d) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.sources().get(d.sourceIndex()[i]) + "#" + d.windowIndex()[i]);
        }
        return out;
    }
}
