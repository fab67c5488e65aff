package dev.graphids.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path tmp;

    private Path sample() throws IOException {
        Path file = tmp.resolve("t.safetensors");
        Safetensors.write(file, List.of(
                Safetensors.Tensor.f32("x", new float[] {1.5f, -2f, 3.25f, 0f, 7f, 8f}, 2, 3),
                Safetensors.Tensor.i64("idx", new long[] {0, 1, 1L << 40}, 3),
                Safetensors.Tensor.u8("split", new byte[] {0, 1, 2}, 3)), Map.of("source", "kia.csv.gz"));
        return file;
    }

    @Test
    void roundTripsTensorsAndMetadataThroughAMapping() throws IOException {
        Safetensors.MappedFile f = Safetensors.map(sample());
        assertThat(f.names()).containsExactly("x", "idx", "split");
        assertThat(f.shape("x")).containsExactly(2, 3);
        assertThat(f.floatArray("x")).containsExactly(1.5f, -2f, 3.25f, 0f, 7f, 8f);
        assertThat(f.longArray("idx")).containsExactly(0, 1, 1L << 40);
        assertThat(f.bytes("split").get(2)).isEqualTo((byte) 2);
        assertThat(f.metadata()).containsEntry("source", "kia.csv.gz");
    }

    @Test
    void layoutIsTheSafetensorsFormat() throws IOException {
        byte[] bytes = Files.readAllBytes(sample());
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        assertThat(header.get("x").get("dtype").asText()).isEqualTo("F32");
        assertThat(header.get("x").get("data_offsets").toString()).isEqualTo("[0,24]");
        assertThat(header.get("idx").get("data_offsets").toString()).isEqualTo("[24,48]");
        assertThat(bytes.length).isEqualTo(8 + n + 24 + 24 + 3);
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(1.5f);
    }

    /** Python reads the file with numpy alone (what safetensors.numpy.load_file does), where python3 exists. */
    @Test
    void pythonReadsTheFile() throws Exception {
        Path file = sample();
        String script = String.join("\n",
                "import json, struct, sys, numpy as np",
                "b = open(sys.argv[1], 'rb').read()",
                "n = struct.unpack('<Q', b[:8])[0]",
                "h = json.loads(b[8:8 + n])",
                "d = {'F32': '<f4', 'I64': '<i8', 'U8': 'u1'}",
                "for k, v in h.items():",
                "    if k == '__metadata__': continue",
                "    s, e = v['data_offsets']",
                "    a = np.frombuffer(b[8 + n + s:8 + n + e], dtype=d[v['dtype']]).reshape(v['shape'])",
                "    print(k, a.tolist())");
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "numpy is not installed");
        assertThat(out).contains("x [[1.5, -2.0, 3.25], [0.0, 7.0, 8.0]]").contains("idx [0, 1, 1099511627776]");
    }
}
