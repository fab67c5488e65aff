package dev.graphids.can.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.CanFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CandumpWriterTest {

    @Test
    void writesCandumpLogLines() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CandumpWriter w = new CandumpWriter(bytes, "can0")) {
            w.write(CatalogCsvWriterTest.frame(1672531200.000502, 0x0C1, false, CanFrame.ATTACK,
                    0x30, 0, 0, 4, 0x30, 0, 0, 4));
            w.write(CatalogCsvWriterTest.frame(1672531200.001, 0x184, false, CanFrame.BENIGN));
            w.write(new CanFrame(1672531200.002, 0x18DAF110, true, true, false, 8, new byte[0],
                    CanFrame.UNLABELLED, null, 0));
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(
                "(1672531200.000502) can0 0C1#3000000430000004\n"
                        + "(1672531200.001000) can0 184#\n"
                        + "(1672531200.002000) can0 18DAF110#R\n");
    }
}
