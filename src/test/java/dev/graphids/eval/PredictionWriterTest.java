package dev.graphids.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {
    @TempDir
    Path tmp;

    private static ScoredSplit sample(SplitRef split) {
        SplitData d = new SplitData(split, List.of("test_01/DoS-1.csv", "test_01/fuzzing-1.csv"),
                new int[] {0, 0, 1}, new int[] {0, 1, 0}, new long[] {0, 1, 0}, new long[] {0, 100, 0},
                new int[] {0, 1, 1}, new int[] {0, 1, 2});
        return new ScoredSplit(d, new double[] {-0.05, -0.01, -0.03});
    }

    @Test
    void writesOneFilePerSplitAndReadsItBack() throws IOException {
        PredictionWriter w = new PredictionWriter(tmp.resolve("predictions"), "rate", Map.of("run_id", "r1"));
        Path test = w.write(sample(SplitRef.test("test_01")), -0.03);
        assertThat(test).isEqualTo(tmp.resolve("predictions/test/test_01.safetensors"));
        assertThat(w.write(sample(SplitRef.train()), -0.03)).isEqualTo(tmp.resolve("predictions/train.safetensors"));
        assertThat(w.write(sample(SplitRef.val()), -0.03)).isEqualTo(tmp.resolve("predictions/val.safetensors"));
        PredictionReader.Predictions p = PredictionReader.read(test);
        assertThat(p.model()).isEqualTo("rate");
        assertThat(p.split()).isEqualTo("test_01");
        assertThat(p.metadata()).containsEntry("split_kind", "test").containsEntry("run_id", "r1")
                .containsEntry("count", "3").containsEntry("decision_rule", "score >= threshold");
        assertThat(p.threshold()).isEqualTo(-0.03);
        assertThat(p.sources()).containsExactly("test_01/DoS-1.csv", "test_01/fuzzing-1.csv");
        assertThat(p.windowIndex()).containsExactly(0, 1, 0);
        assertThat(p.startRow()).containsExactly(0, 100, 0);
        assertThat(p.y()).containsExactly(0, 1, 1);
        assertThat(p.attackType()).containsExactly(0, 1, 2);
        assertThat(p.score()).containsExactly(-0.05, -0.01, -0.03);
        assertThat(p.decision()).containsExactly(0, 1, 1);
        assertThat(p.source(2)).isEqualTo("test_01/fuzzing-1.csv");
    }

    @Test
    void nanThresholdDecidesNothingAndForeignFilesAreRefused() throws IOException {
        Path f = new PredictionWriter(tmp, "rate").write(sample(SplitRef.val()), Double.NaN);
        PredictionReader.Predictions p = PredictionReader.read(f);
        assertThat(p.threshold()).isNaN();
        assertThat(p.decision()).containsOnly(0);
        Path other = tmp.resolve("other.safetensors");
        dev.graphids.io.Safetensors.write(other, List.of(dev.graphids.io.Safetensors.Tensor.i64("y", new long[] {1},
                1)), Map.of("format", "something-else"));
        assertThatThrownBy(() -> PredictionReader.read(other)).hasMessageContaining("not a GraphIDS prediction file");
    }

    /** The numpy snippet of docs/predictions.md reads the file (skipped where python3 with numpy is absent). */
    @Test
    void numpySnippetOfTheDocsReadsTheFile() throws Exception {
        Path f = new PredictionWriter(tmp, "rate").write(sample(SplitRef.test("test_01")), -0.03);
        Path script = tmp.resolve("read.py");
        Files.writeString(script, String.join("\n",
                "import json, struct, sys, numpy as np",
                "path = sys.argv[1]",
                "b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; header = json.loads(b[8:8 + n])",
                "dtypes = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'U8': 'u1'}",
                "p = {k: np.frombuffer(b[8 + n + v['data_offsets'][0]: 8 + n + v['data_offsets'][1]],",
                "                      dtype=dtypes[v['dtype']]).reshape(v['shape'])",
                "     for k, v in header.items() if k != '__metadata__'}",
                "meta = header['__metadata__']; sources = json.loads(meta['sources'])",
                "thr = float(meta['threshold'])",
                "assert ((p['score'] >= thr) == (p['decision'] == 1)).all()",
                "print(meta['model'], meta['split'], sources[p['source_index'][2]], int(p['y'].sum()),"
                        + " int(p['window_index'][1]), int(p['decision'].sum()))",
                ""));
        String out = python(script, f);
        assertThat(out.strip()).isEqualTo("rate test_01 test_01/fuzzing-1.csv 2 1 2");
    }

    private static String python(Path script, Path arg) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), arg.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not available: " + e.getMessage());
            return "";
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "numpy is not installed for python3");
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The header of a prediction file, byte for byte: a change here is a format change (bump format_version). */
    @Test
    void headerIsStable() throws IOException {
        Path f = new PredictionWriter(tmp, "rate", Map.of("run_id", "r1", "cache_identity", "abc"))
                .write(sample(SplitRef.test("test_01")), -0.03);
        byte[] b = Files.readAllBytes(f);
        long n = java.nio.ByteBuffer.wrap(b, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertThat(header).isEqualTo(GOLDEN_HEADER);
        assertThat(b.length).isEqualTo(8 + n + 3 * (5 * 8 + 8 + 1));
    }

    private static final String GOLDEN_HEADER = "{\"__metadata__\":{\"format\":\"graphids-predictions\",\"format_version\":\"1\",\"model\":\"rate\",\"split\":\"test_01\","
            + "\"split_kind\":\"test\",\"threshold\":\"-0.03\",\"decision_rule\":\"score >= threshold\","
            + "\"sources\":\"[\\\"test_01/DoS-1.csv\\\",\\\"test_01/fuzzing-1.csv\\\"]\",\"count\":\"3\",\"cache_identity\":\"abc\",\"run_id\":\"r1\"},"
            + "\"window_index\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]},"
            + "\"start_row\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[24,48]},"
            + "\"source_index\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[48,72]},"
            + "\"y\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[72,96]},"
            + "\"attack_type\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[96,120]},"
            + "\"score\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[120,144]},"
            + "\"decision\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[144,147]}}";
}
