package dev.graphids.fusion.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files round-trip, and bad or unfinished state directories fail with a message naming what is wrong. */
class StateFilesTest {
    @TempDir
    Path tmp;

    static FusionStates states(String name, boolean withRq) {
        Map<String, float[]> f = new LinkedHashMap<>();
        for (StateLayout.Block b : StateLayout.BLOCKS) {
            if (withRq || !b.key().equals("vgae/rq")) {
                float[] v = new float[2 * b.dims()];
                java.util.Arrays.fill(v, b.dims());
                f.put(b.key(), v);
            }
        }
        return new FusionStates(name, f, new int[] {0, 1}, new int[] {0, 2}, new long[] {5, 9}, new long[] {3, 7},
                new long[] {300, 700}, new int[] {0, 1}, List.of("a.csv", "b.csv"));
    }

    @Test
    void roundTripKeepsEveryTensorAndIdentity() throws IOException {
        StateFiles.write(tmp, states("test_01", true));
        assertThat(tmp.resolve("test/test_01.safetensors")).exists();
        FusionStates back = StateFiles.read(tmp, "test_01");
        assertThat(back.labels()).containsExactly(0, 1);
        assertThat(back.attackTypes()).containsExactly(0, 2);
        assertThat(back.windowId()).containsExactly(5, 9);
        assertThat(back.startRow()).containsExactly(300, 700);
        assertThat(back.sources()).containsExactly("a.csv", "b.csv");
        assertThat(back.features().get("vgae/errors")).containsExactly(3, 3, 3, 3, 3, 3);
        assertThat(back.flat()).hasSize(36);
    }

    @Test
    void missingFeaturesUnfinishedDirectoriesAndOtherFormatsAreClearErrors() throws IOException {
        StateFiles.write(tmp, states(StateFiles.FUSION_TRAIN, false));
        assertThatThrownBy(() -> StateFiles.read(tmp, StateFiles.FUSION_TRAIN)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("fusion_train.safetensors: tensor vgae/rq: expected F32 [2, 1], found none");
        assertThatThrownBy(() -> StateFiles.read(tmp, StateFiles.FUSION_VAL))
                .hasMessageContaining("missing state file of split fusion_val");
        assertThatThrownBy(() -> StateFiles.resolveDir(tmp)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("holds no states_manifest.json (expected the run directory of a finished "
                        + "extract run");
        Files.writeString(tmp.resolve(StateFiles.MANIFEST), "{\"format\": \"graphids-fusion-states\", "
                + "\"format_version\": \"0\"}");
        assertThat(StateFiles.resolveDir(tmp)).isEqualTo(tmp);
        assertThatThrownBy(() -> StateFiles.readManifest(tmp)).hasMessageContaining("format_version: expected 1, "
                + "found '0' (re-run the extract stage)");
    }
}
