package dev.graphids.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.graph.AttackTypes;
import dev.graphids.graph.GoldenCaptures;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.WindowSpec;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every window of every golden file (shared/data/golden, snapshot 100/100, unscaled features) is reproduced by
 * feeding the corresponding real capture through {@link SnapshotWindower} and {@link WindowGraphBuilder} with the
 * training vocabulary: structure exactly, features to relative 1e-6 (absolute 1e-9 near zero), compared in double.
 */
class GoldenWindowsTest {

    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 1e-9;
    private static final double TIGHT_RELATIVE = 1e-10;
    private static final double TIGHT_ABSOLUTE = 1e-13;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "attack-free-kia, train_01_attack_free",
        "fuzzing-sonata, train_02_with_attacks",
        "DoS-kia, train_02_with_attacks",
        "DoS-spark, test_02_unknown_vehicle_known_attack",
        "malfunction-spark, test_04_unknown_vehicle_unknown_attack",
    })
    void builderReproducesEveryGoldenWindow(String capture, String folder) throws IOException {
        Path golden = GoldenCaptures.golden("hcrl_sa-" + capture + "-w100.jsonl.gz");
        Path file = GoldenCaptures.capture(folder, capture + ".csv.gz");
        CanIdVocabulary vocab = CanIdVocabulary.read(GoldenCaptures.golden("hcrl_sa-train-vocab.json"));
        Map<Long, JsonNode> expected = readGolden(golden);
        assertThat(expected).isNotEmpty();

        SnapshotWindower windower = new SnapshotWindower(WindowSpec.DEFAULT);
        WindowGraphBuilder builder = new WindowGraphBuilder(vocab);
        int attackType = AttackTypes.codeOf(file);
        List<String> mismatches = new ArrayList<>();
        int[] compared = {0};
        GoldenCaptures.forEachFrame(file, frame -> windower.push(frame).ifPresent(w -> {
            JsonNode g = expected.get(w.index());
            if (g != null) {
                compare(builder.build(w, attackType), g, mismatches);
                compareDouble(builder.features(w), g, mismatches);
                compared[0]++;
            }
        }));
        if (!mismatches.isEmpty()) {
            fail(capture + ": " + mismatches.size() + " mismatches, first: "
                    + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
        }
        assertThat(compared[0]).as("golden windows found in the capture").isEqualTo(expected.size());
    }

    private static Map<Long, JsonNode> readGolden(Path golden) throws IOException {
        Map<Long, JsonNode> windows = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(golden)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    windows.put(n.get("window").asLong(), n);
                }
            }
        }
        return windows;
    }

    private static void compare(WindowGraph graph, JsonNode g, List<String> out) {
        String where = "window " + g.get("window").asLong();
        check(out, where + " start_row", graph.startRow(), g.get("start_row").asLong());
        check(out, where + " y", graph.y(), g.get("y").asInt());
        check(out, where + " attack_type", graph.attackType(), g.get("attack_type").asInt());
        check(out, where + " num_nodes", graph.numNodes(), g.get("num_nodes").asInt());
        check(out, where + " num_edges", graph.numEdges(), g.get("num_edges").asInt());
        if (graph.numNodes() != g.get("num_nodes").asInt() || graph.numEdges() != g.get("num_edges").asInt()) {
            return;
        }
        JsonNode nodes = g.get("nodes");
        for (int v = 0; v < graph.numNodes(); v++) {
            JsonNode node = nodes.get(v);
            String at = where + " node " + v;
            check(out, at + " node_id", graph.nodeIds()[v], node.get("node_id").asInt());
            List<Integer> ids = new ArrayList<>();
            node.get("can_ids").forEach(id -> ids.add(id.asInt()));
            check(out, at + " can_ids", java.util.Arrays.toString(graph.canIdsOf(v)), ids.toString());
            for (int c = 0; c < NodeFeatures.COUNT; c++) {
                String name = NodeFeatures.NAMES.get(c);
                close(out, at + " " + name, graph.nodeFeature(v, c), node.get("features").get(name).asDouble());
            }
        }
        JsonNode edges = g.get("edges");
        for (int j = 0; j < graph.numEdges(); j++) {
            JsonNode edge = edges.get(j);
            String at = where + " edge " + j;
            check(out, at + " src", graph.nodeIds()[graph.edgeSrc()[j]], edge.get("src").asInt());
            check(out, at + " dst", graph.nodeIds()[graph.edgeDst()[j]], edge.get("dst").asInt());
            for (int c = 0; c < EdgeFeatures.COUNT; c++) {
                String name = EdgeFeatures.NAMES.get(c);
                close(out, at + " " + name, graph.edgeFeature(j, c), edge.get("features").get(name).asDouble());
            }
        }
    }

    /** The double-precision features agree far beyond float32 (they differ only by summation order). */
    private static void compareDouble(WindowGraphBuilder.WindowFeatures f, JsonNode g, List<String> out) {
        String where = "window " + g.get("window").asLong() + " (double)";
        JsonNode nodes = g.get("nodes");
        if (f.nodeIds().length != nodes.size()) {
            return;
        }
        for (int v = 0; v < nodes.size(); v++) {
            JsonNode features = nodes.get(v).get("features");
            for (int c = 0; c < NodeFeatures.COUNT; c++) {
                String name = NodeFeatures.NAMES.get(c);
                tight(out, where + " node " + v + " " + name, f.x()[v * NodeFeatures.COUNT + c],
                        features.get(name).asDouble());
            }
        }
        JsonNode edges = g.get("edges");
        for (int j = 0; j < edges.size(); j++) {
            JsonNode features = edges.get(j).get("features");
            for (int c = 0; c < EdgeFeatures.COUNT; c++) {
                String name = EdgeFeatures.NAMES.get(c);
                tight(out, where + " edge " + j + " " + name, f.edgeAttr()[j * EdgeFeatures.COUNT + c],
                        features.get(name).asDouble());
            }
        }
    }

    private static void tight(List<String> out, String what, double actual, double expected) {
        double diff = Math.abs(actual - expected);
        if (!(diff <= TIGHT_ABSOLUTE || diff <= TIGHT_RELATIVE * Math.abs(expected))) {
            out.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static void check(List<String> out, String what, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            out.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static void close(List<String> out, String what, double actual, double expected) {
        double diff = Math.abs(actual - expected);
        if (!(diff <= ABSOLUTE || diff <= RELATIVE * Math.abs(expected))) {
            out.add(what + ": expected " + expected + ", found " + actual);
        }
    }
}
