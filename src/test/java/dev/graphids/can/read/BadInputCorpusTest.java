package dev.graphids.can.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.can.CanFrame;
import dev.graphids.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of real quirks and hostile files (src/test/resources/corpus, plus the large and binary ones generated
 * here), with the exact outcome of each under both bad-row policies.
 */
class BadInputCorpusTest {
    private static final ReadOptions SKIP = ReadOptions.defaults();
    private static final ReadOptions FAIL = ReadOptions.defaults().withPolicy(BadRowPolicy.FAIL);

    @TempDir
    Path tmp;

    static Path corpus(String name) {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/corpus/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a file to the end, returning the frames and the report (rethrows a rejection). */
    static Outcome read(Path file, ReadOptions options) {
        List<CanFrame> frames = new ArrayList<>();
        try (FrameReader r = FrameReaders.open(file, options)) {
            CanFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
            }
            return new Outcome(frames, r.report());
        }
    }

    record Outcome(List<CanFrame> frames, ReadReport report) {
    }

    @Test
    void emptyPayloadIsAValidDlcZeroFrame() {
        Outcome o = read(corpus("empty-payload.csv"), FAIL);
        assertThat(o.frames()).extracting(CanFrame::dlc).containsExactly(8, 0, 1);
        assertThat(o.frames().get(1).data()).isEmpty();
        assertThat(o.frames()).extracting(CanFrame::label).containsExactly((byte) 0, (byte) 0, (byte) 1);
        assertThat(o.report().badRows()).isZero();
    }

    @Test
    void trailingTabAfterPayloadIsTrimmed() {
        Outcome o = read(corpus("trailing-tab.csv"), FAIL);
        assertThat(o.frames()).extracting(CanFrame::dlc).containsExactly(8, 6);
        assertThat(o.frames().get(0).data()).containsExactly(0x30, 0, 0, 4, 0x30, 0, 0, 4);
    }

    @Test
    void oddLengthPayloadIsSkippedAndCountedUnderSkip() {
        Outcome o = read(corpus("odd-payload.csv"), SKIP);
        assertThat(o.frames()).hasSize(199);
        assertThat(o.report().rows()).isEqualTo(200);
        assertThat(o.report().badRowsByReason()).containsExactly(Map.entry(BadRowReason.PAYLOAD, 1L));
        assertThat(o.report().firstBadRows().get(BadRowReason.PAYLOAD).line()).isEqualTo(152);
        assertThat(o.report().rejected()).isFalse();
    }

    @Test
    void oddLengthPayloadStopsTheReadUnderFailNamingLineColumnAndText() {
        assertThatThrownBy(() -> read(corpus("odd-payload.csv"), FAIL))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("odd-payload.csv:152: column 'data_field': expected hexadecimal payload bytes")
                .hasMessageContaining("found '300000043000000'");
    }

    @Test
    void outOfOrderTimestampsAreKeptInCaptureOrderAndCounted() {
        Outcome o = read(corpus("out-of-order.csv"), FAIL);
        assertThat(o.frames()).extracting(CanFrame::timestamp)
                .containsExactly(1672531200.01, 1672531200.02, 1672531200.0121, 1672531200.03, 1672531200.029);
        assertThat(o.report().outOfOrder()).isEqualTo(2);
        assertThat(o.report().maxBackwardStep()).isCloseTo(0.0079, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingHeaderIsAnErrorOnLineOne() {
        assertThatThrownBy(() -> read(corpus("missing-header.csv"), SKIP))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing-header.csv:1: column '(header)': expected a header naming the columns")
                .hasMessageContaining("found '1672531200.0,0C1,3000000430000004,0'");
    }

    @Test
    void fileAboveOnePercentBadRowsIsRejectedAtItsEnd() {
        assertThatThrownBy(() -> read(corpus("non-hex-id.csv"), SKIP))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("non-hex-id.csv: rejected: 1 of 10 rows (10.00 %) are bad, above the 1.00 % limit")
                .hasMessageContaining("first at line 11, column 'arbitration_id': found 'XYZ'");
    }

    @Test
    void nanNegativeAndInfiniteTimestampsAreBadRows() {
        ReadOptions lenient = new ReadOptions(null, BadRowPolicy.SKIP, 1.0, 4096);
        Outcome o = read(corpus("bad-timestamps.csv"), lenient);
        assertThat(o.frames()).extracting(CanFrame::timestamp).containsExactly(1672531200.0, 1.0e9);
        assertThat(o.report().badRowsByReason()).containsExactly(Map.entry(BadRowReason.TIMESTAMP, 4L));
        assertThatThrownBy(() -> read(corpus("bad-timestamps.csv"), FAIL))
                .hasMessageContaining("bad-timestamps.csv:3: column 'timestamp': expected a non-negative decimal")
                .hasMessageContaining("found 'NaN'");
    }

    @Test
    void wrongFieldCountsAndLabelsAreBadRows() {
        ReadOptions lenient = new ReadOptions(null, BadRowPolicy.SKIP, 1.0, 4096);
        Outcome o = read(corpus("field-count.csv"), lenient);
        assertThat(o.frames()).hasSize(1);
        assertThat(o.report().badRowsByReason())
                .containsExactly(Map.entry(BadRowReason.FIELD_COUNT, 2L), Map.entry(BadRowReason.LABEL, 1L));
    }

    @Test
    void columnsAreMatchedByNameAndAliasInAnyOrder() {
        Outcome o = read(corpus("reordered-columns.csv"), FAIL);
        assertThat(o.frames()).extracting(CanFrame::id).containsExactly(0x0C1, 0x18FEF100);
        assertThat(o.frames()).extracting(CanFrame::extended).containsExactly(false, true);
        assertThat(o.frames()).extracting(CanFrame::label).containsExactly((byte) 0, (byte) 1);
        assertThat(o.frames().get(0).timestamp()).isEqualTo(1672531200.0);
    }

    @Test
    void binaryJunkIsNotACapture() throws IOException {
        byte[] junk = new byte[100_000];
        new Random(7).nextBytes(junk);
        junk[0] = 0; // never gzip magic
        Path file = tmp.resolve("junk.csv");
        Files.write(file, junk);
        assertThatThrownBy(() -> read(file, SKIP))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("junk.csv:1: not a CAN capture");
    }

    @Test
    void binaryJunkInsideATextFileIsANotTextRow() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,arbitration_id,data_field,attack\n");
        for (int i = 0; i < 200; i++) {
            sb.append(String.format("1672531200.%06d,0C1,00,0%n", i));
        }
        byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] junk = {'1', '2', ',', 0, (byte) 0xff, ',', 0x07, ',', '0', '\n'};
        Path file = tmp.resolve("junk-inside.csv");
        Files.write(file, concat(head, junk));
        Outcome o = read(file, SKIP);
        assertThat(o.frames()).hasSize(200);
        assertThat(o.report().badRowsByReason()).containsExactly(Map.entry(BadRowReason.NOT_TEXT, 1L));
    }

    @Test
    void truncatedGzipIsRejectedWhateverThePolicy() throws IOException {
        byte[] gz = gzip(goodCsv(50_000));
        Path file = tmp.resolve("truncated.csv.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        for (ReadOptions options : List.of(SKIP, FAIL)) {
            assertThatThrownBy(() -> read(file, options))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("truncated.csv.gz: rejected: the gzip stream ends early (truncated file)");
        }
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        Path file = tmp.resolve("plain-name.csv");
        Files.write(file, gzip(goodCsv(1000)));
        Outcome o = read(file, FAIL);
        assertThat(o.frames()).hasSize(1000);
        assertThat(o.report().gzip()).isTrue();
    }

    @Test
    void tenMegabyteLineIsOneBadRowReadInBoundedMemory() throws IOException {
        Path file = tmp.resolve("long-line.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(goodCsv(1000));
            byte[] longLine = new byte[10 << 20];
            Arrays.fill(longLine, (byte) 'A');
            out.write(longLine);
            out.write('\n');
            out.write("1672531299.000000,0C1,00,0\n".getBytes(StandardCharsets.US_ASCII));
        }
        Outcome o = read(file, SKIP);
        assertThat(o.frames()).hasSize(1001);
        assertThat(o.report().badRowsByReason()).containsExactly(Map.entry(BadRowReason.LINE_TOO_LONG, 1L));
        assertThat(o.report().firstBadRows().get(BadRowReason.LINE_TOO_LONG).text())
                .contains("a line of 10485760 bytes, limit 4096");
        assertThat(o.frames().get(1000).timestamp()).isEqualTo(1672531299.0);
        assertThatThrownBy(() -> read(file, FAIL)).hasMessageContaining("long-line.csv:1002: column '(line)'");
    }

    @Test
    void candumpLogsCarryExtendedRemoteAndFdFramesAndOptionalLabels() {
        Outcome o = read(corpus("sample.log"), FAIL);
        assertThat(o.report().format()).isEqualTo(CaptureFormat.CANDUMP);
        List<CanFrame> f = o.frames();
        assertThat(f).hasSize(7);
        assertThat(f.get(0).id()).isEqualTo(0x0C1);
        assertThat(f.get(0).label()).isEqualTo(CanFrame.UNLABELLED);
        assertThat(f.get(1).extended()).isTrue();
        assertThat(f.get(1).id()).isEqualTo(0x18FEF100);
        assertThat(f.get(2).remote()).isTrue();
        assertThat(f.get(2).dlc()).isZero();
        assertThat(f.get(3).dlc()).isEqualTo(4);
        assertThat(f.get(4).fd()).isTrue();
        assertThat(f.get(4).dlc()).isEqualTo(11);
        assertThat(f.get(5).dlc()).isZero();
        assertThat(f.get(5).label()).isEqualTo(CanFrame.ATTACK);
        assertThat(f.get(6).data()).containsExactly(0x11, 0x22, 0x33);
        assertThat(f.get(6).label()).isEqualTo(CanFrame.ATTACK);
    }

    @Test
    void hcrlRowsAreShorterWhenDlcIsBelowEight() {
        Outcome o = read(corpus("hcrl.csv"), FAIL);
        assertThat(o.report().format()).isEqualTo(CaptureFormat.HCRL);
        assertThat(o.frames()).extracting(CanFrame::dlc).containsExactly(8, 8, 2, 8, 0);
        assertThat(o.frames()).extracting(CanFrame::label)
                .containsExactly((byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0);
        assertThat(o.frames().get(2).data()).containsExactly(0x19, 0x21);
        assertThat(o.frames().get(0).id()).isEqualTo(0x316);
    }

    @Test
    void formatOptionOverridesDetection() {
        assertThatThrownBy(() -> read(corpus("hcrl.csv"), FAIL.withFormat(CaptureFormat.CANDUMP)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("hcrl.csv:1: column '(line)': expected the format's fields");
    }

    static byte[] goodCsv(int rows) {
        StringBuilder sb = new StringBuilder("timestamp,arbitration_id,data_field,attack\n");
        for (int i = 0; i < rows; i++) {
            sb.append("1672531200.").append(String.format("%06d", i % 1_000_000)).append(",0C1,3000000430000004,0\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
