package dev.graphids.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header length, a JSON
 * header mapping each tensor name to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the data
 * section), an optional {@code __metadata__} map of strings, then the little-endian tensor bytes. Python reads these
 * files with {@code safetensors.numpy.load_file} or {@code safetensors.torch.load_file}.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** A tensor to write: F32 from a float[], F64 from a double[], I64 from a long[], U8 from a byte[]. */
    public record Tensor(String name, String dtype, long[] shape, Object data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            long len = switch (dtype) {
                case "F32" -> ((float[]) data).length;
                case "F64" -> ((double[]) data).length;
                case "I64" -> ((long[]) data).length;
                case "U8" -> ((byte[]) data).length;
                default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
            };
            if (len != n) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                        + " elements, data has " + len);
            }
        }

        public static Tensor f32(String name, float[] data, long... shape) {
            return new Tensor(name, "F32", shape, data);
        }

        public static Tensor f64(String name, double[] data, long... shape) {
            return new Tensor(name, "F64", shape, data);
        }

        public static Tensor i64(String name, long[] data, long... shape) {
            return new Tensor(name, "I64", shape, data);
        }

        public static Tensor u8(String name, byte[] data, long... shape) {
            return new Tensor(name, "U8", shape, data);
        }

        long byteSize() {
            return switch (dtype) {
                case "F32" -> 4L * ((float[]) data).length;
                case "F64" -> 8L * ((double[]) data).length;
                case "I64" -> 8L * ((long[]) data).length;
                default -> ((byte[]) data).length;
            };
        }
    }

    /** Writes the tensors atomically (temp file, fsync, rename). */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode node = header.putObject(t.name());
            node.put("dtype", t.dtype());
            var shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // keeps the data section 8-byte aligned
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(head);
            for (Tensor t : tensors) {
                writeData(out, t);
            }
        });
    }

    private static void writeData(OutputStream out, Tensor t) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case "F32" -> {
                for (float v : (float[]) t.data()) {
                    if (buf.remaining() < 4) {
                        flush(out, buf);
                    }
                    buf.putFloat(v);
                }
            }
            case "F64" -> {
                for (double v : (double[]) t.data()) {
                    if (buf.remaining() < 8) {
                        flush(out, buf);
                    }
                    buf.putDouble(v);
                }
            }
            case "I64" -> {
                for (long v : (long[]) t.data()) {
                    if (buf.remaining() < 8) {
                        flush(out, buf);
                    }
                    buf.putLong(v);
                }
            }
            default -> {
                out.write((byte[]) t.data());
                return;
            }
        }
        flush(out, buf);
    }

    private static void flush(OutputStream out, ByteBuffer buf) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** A memory-mapped safetensors file: tensors are read without loading the whole file onto the heap. */
    public static final class MappedFile {
        private final Map<String, JsonNode> entries = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final MappedByteBuffer data;

        private MappedFile(MappedByteBuffer data, JsonNode header) {
            this.data = data;
            header.fields().forEachRemaining(e -> {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    entries.put(e.getKey(), e.getValue());
                }
            });
        }

        public List<String> names() {
            return new ArrayList<>(entries.keySet());
        }

        public Map<String, String> metadata() {
            return Map.copyOf(metadata);
        }

        public long[] shape(String name) {
            JsonNode shape = entry(name).get("shape");
            long[] out = new long[shape.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = shape.get(i).asLong();
            }
            return out;
        }

        public String dtype(String name) {
            return entry(name).get("dtype").asText();
        }

        private JsonNode entry(String name) {
            JsonNode e = entries.get(name);
            if (e == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' (has " + entries.keySet() + ")");
            }
            return e;
        }

        private ByteBuffer slice(String name, String dtype) {
            JsonNode e = entry(name);
            if (!e.get("dtype").asText().equals(dtype)) {
                throw new IllegalArgumentException(name + " is " + e.get("dtype").asText() + ", not " + dtype);
            }
            int begin = e.get("data_offsets").get(0).asInt();
            int end = e.get("data_offsets").get(1).asInt();
            return data.duplicate().position(begin).limit(end).slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        public FloatBuffer floats(String name) {
            return slice(name, "F32").asFloatBuffer();
        }

        public java.nio.DoubleBuffer doubles(String name) {
            return slice(name, "F64").asDoubleBuffer();
        }

        public LongBuffer longs(String name) {
            return slice(name, "I64").asLongBuffer();
        }

        public ByteBuffer bytes(String name) {
            return slice(name, "U8");
        }

        public float[] floatArray(String name) {
            FloatBuffer b = floats(name);
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }

        public long[] longArray(String name) {
            LongBuffer b = longs(name);
            long[] out = new long[b.remaining()];
            b.get(out);
            return out;
        }
    }

    /**
     * Maps a file for reading. The data section must be below 2 GiB (one mapping); a cache writes one file per
     * capture file, far below that.
     */
    public static MappedFile map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > ch.size()) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer head = ByteBuffer.allocate((int) headerLength);
            ch.read(head, 8);
            JsonNode header = JSON.readTree(new String(head.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart, ch.size() - dataStart);
            return new MappedFile(data, header);
        }
    }
}
