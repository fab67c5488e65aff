package dev.graphids.can.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.CanFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogCsvWriterTest {

    static CanFrame frame(double ts, int id, boolean extended, byte label, int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new CanFrame(ts, id, extended, false, false, data.length, data, label, null, 0);
    }

    private static String write(CanFrame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CatalogCsvWriter w = new CatalogCsvWriter(bytes)) {
            for (CanFrame f : frames) {
                w.write(f);
            }
            assertThat(w.rows()).isEqualTo(frames.length);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void writesHeaderAndRowsInCatalogFormat() throws IOException {
        String csv = write(
                frame(1672531200.000502, 0x0C1, false, CanFrame.BENIGN, 0x30, 0, 0, 4, 0x30, 0, 0, 4),
                frame(1513921815.350702, 0x081, false, CanFrame.ATTACK, 0x7F, 0x84, 0x69, 0, 0, 0, 0, 0x69));
        assertThat(csv).isEqualTo("timestamp,arbitration_id,data_field,attack\n"
                + "1672531200.000502,0C1,3000000430000004,0\n"
                + "1513921815.350702,081,7F84690000000069,1\n");
    }

    @Test
    void writesSixDecimalsEvenForWholeSeconds() throws IOException {
        assertThat(write(frame(1672531200.0, 0x7FF, false, CanFrame.BENIGN, 0xAB)))
                .endsWith("\n1672531200.000000,7FF,AB,0\n");
        assertThat(write(frame(0.5, 0, false, CanFrame.BENIGN))).endsWith("\n0.500000,000,,0\n");
    }

    @Test
    void writesEmptyPayloadForDlcZeroAndEightDigitsForExtendedIds() throws IOException {
        assertThat(write(frame(1.000001, 0x1ABCDEF0, true, CanFrame.UNLABELLED)))
                .endsWith("\n1.000001,1ABCDEF0,,0\n");
    }

    @Test
    void handlesMoreRowsThanOneBuffer() throws IOException {
        CanFrame[] frames = new CanFrame[5000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(1000 + i * 0.001, i & 0x7ff, false, CanFrame.BENIGN, 1, 2, 3, 4, 5, 6, 7, 8);
        }
        String[] lines = write(frames).split("\n");
        assertThat(lines).hasSize(5001);
        assertThat(lines[4999]).isEqualTo("1004.998000,386,0102030405060708,0");
        assertThat(lines[5000]).isEqualTo("1004.999000,387,0102030405060708,0");
    }
}
