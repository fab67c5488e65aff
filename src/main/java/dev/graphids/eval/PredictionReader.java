package dev.graphids.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.graphids.io.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a prediction file written by {@link PredictionWriter}. */
public final class PredictionReader {
    private PredictionReader() {
    }

    /** The content of one prediction file; arrays are index-aligned, one row per window graph. */
    public record Predictions(Map<String, String> metadata, List<String> sources, long[] windowIndex, long[] startRow,
                              long[] sourceIndex, long[] y, long[] attackType, double[] score, byte[] decision) {
        public String model() {
            return metadata.get("model");
        }

        public String split() {
            return metadata.get("split");
        }

        public double threshold() {
            return Double.parseDouble(metadata.get("threshold"));
        }

        public int size() {
            return score.length;
        }

        /** The capture file of row {@code i}. */
        public String source(int i) {
            return sources.get((int) sourceIndex[i]);
        }
    }

    public static Predictions read(Path file) throws IOException {
        Safetensors.MappedFile f = Safetensors.map(file);
        Map<String, String> meta = f.metadata();
        if (!PredictionWriter.FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + ": not a GraphIDS prediction file (format " + meta.get("format") + ")");
        }
        if (!PredictionWriter.FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw new IOException(file + ": prediction format version " + meta.get("format_version")
                    + " is not supported (expected " + PredictionWriter.FORMAT_VERSION + ")");
        }
        List<String> sources = PredictionWriter.JSON.readValue(meta.get("sources"), new TypeReference<>() {
        });
        DoubleBuffer s = f.doubles("score");
        double[] score = new double[s.remaining()];
        s.get(score);
        ByteBuffer d = f.bytes("decision");
        byte[] decision = new byte[d.remaining()];
        d.get(decision);
        return new Predictions(meta, sources, f.longArray("window_index"), f.longArray("start_row"),
                f.longArray("source_index"), f.longArray("y"), f.longArray("attack_type"), score, decision);
    }
}
