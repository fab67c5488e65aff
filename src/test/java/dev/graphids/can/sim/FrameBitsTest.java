package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameBitsTest {

    @Test
    void frameLengthIsBaseBitsPlusBoundedStuffing() {
        Random rng = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int dlc = rng.nextInt(9);
            byte[] data = new byte[dlc];
            rng.nextBytes(data);
            int bits = FrameBits.standardFrameBits(rng.nextInt(0x800), data, dlc);
            assertThat(bits).isBetween(47 + 8 * dlc, 47 + 8 * dlc + (33 + 8 * dlc) / 4);
        }
    }

    @Test
    void zeroPayloadStuffsMoreThanAlternatingBits() {
        byte[] zeros = new byte[8];
        byte[] alternating = {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55};
        assertThat(FrameBits.standardFrameBits(0x000, zeros, 8))
                .isGreaterThan(FrameBits.standardFrameBits(0x2AA, alternating, 8));
        // 0x2AA then RTR/IDE/r0 = 0 and DLC 1000 alternate almost everywhere: stuffing comes only from the CRC
        assertThat(FrameBits.standardFrameBits(0x2AA, alternating, 8)).isLessThan(111 + 5);
        // SOF + ID 0x000 + RTR/IDE/r0 = 15 dominant bits then DLC 1000 and 64 zero bits: at least 16 stuff bits
        assertThat(FrameBits.standardFrameBits(0x000, zeros, 8)).isGreaterThanOrEqualTo(111 + 16);
    }

    @Test
    void frameTimeIsTwoMicrosecondsPerBitAt500kbps() {
        byte[] data = {1, 2, 3};
        assertThat(FrameBits.frameMicros(0x123, data, 3)).isEqualTo(2L * FrameBits.standardFrameBits(0x123, data, 3));
    }
}
