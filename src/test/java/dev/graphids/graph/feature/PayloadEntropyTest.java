package dev.graphids.graph.feature;

import static dev.graphids.graph.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.graphids.graph.FrameWindow;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadEntropyTest {

    /** The test vectors of spec §1.4 (byte values as weights, natural log, zero-padded to 8 bytes). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0102030405060708, 1.936798",
        "3000000430000004, 0.964337",
        "000200000000, 0.0",
        "0000000000000000, 0.0",
        "'', 0.0",
    })
    void entropyMatchesSpecVectors(String hex, double expected) {
        FrameWindow w = FrameWindow.of(0, 0, List.of(frame(0, 1, hex), frame(0, 1, hex)));
        assertThat(PayloadEntropy.of(w, 0)).isCloseTo(expected, within(5e-7));
        int[] bytes = new int[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertThat(PayloadEntropy.of(bytes)).isCloseTo(PayloadEntropy.of(w, 0), within(1e-14));
    }
}
