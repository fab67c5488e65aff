package dev.graphids.can.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiTest {

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L})
    void parsesSecondsToTheSameDoubleAsParseDouble(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long whole = random.nextInt(5) == 0 ? random.nextInt(1000) : 1_400_000_000L + random.nextInt(300_000_000);
            int decimals = random.nextInt(10);
            StringBuilder s = new StringBuilder().append(whole);
            if (decimals > 0) {
                s.append('.');
                for (int d = 0; d < decimals; d++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            byte[] b = s.toString().getBytes(StandardCharsets.US_ASCII);
            assertThat(Ascii.parseSeconds(b, 0, b.length)).as(s.toString())
                    .isEqualTo(Double.parseDouble(s.toString()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "-1", "NaN", "Infinity", "1e400", "0x10", "1.2.3", "12a", "1d"})
    void rejectsWhatIsNotAFiniteNonNegativeNumber(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Ascii.parseSeconds(b, 0, b.length)).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0C1", "0c1", "C1", "00C1", "0x0C1"})
    void hexIdsAreIntegersWhateverTheirSpelling(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Ascii.parseHexId(b, 0, b.length)).isEqualTo(0xC1);
    }
}
