package dev.graphids.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.graphids.error.GraphidsException;
import org.junit.jupiter.api.Test;

class RepresentationTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The original's digests (runtime.md §1.4), so cache names stay comparable with its caches. */
    @Test
    void digestsMatchTheOriginalTestVectors() {
        assertThat(Representation.Snapshot.DEFAULT.digest()).isEqualTo("e202a36c8533");
        assertThat(new Representation.SnapshotSequence(100, 100, 3, 1).digest()).isEqualTo("32e9bbb5f88a");
        assertThat(new Representation.Temporal().digest()).isEqualTo("1e036beae166");
    }

    @Test
    void readsFromJsonByKindWithDefaults() throws Exception {
        Representation r = JSON.readValue("{\"kind\":\"snapshot_sequence\",\"sequence_length\":3}",
                Representation.class);
        assertThat(r).isEqualTo(new Representation.SnapshotSequence(100, 100, 3, 1));
        assertThat(r.embargoWindows()).isEqualTo(2);
        assertThat(JSON.readValue("{\"kind\":\"snapshot\"}", Representation.class))
                .isEqualTo(Representation.Snapshot.DEFAULT);
    }

    @Test
    void rejectsUnknownKeysAndNonPositiveFields() {
        assertThatThrownBy(() -> JSON.readValue("{\"kind\":\"snapshot\",\"windowsize\":5}", Representation.class))
                .hasMessageContaining("windowsize");
        assertThatThrownBy(() -> new Representation.Snapshot(0, 100)).isInstanceOf(GraphidsException.class)
                .hasMessage("representation_cfg.window_size: expected a positive integer, found 0");
    }
}
