package dev.graphids.cache;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.can.read.ReadReport;
import dev.graphids.error.BadInputException;
import dev.graphids.graph.AttackTypes;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.graph.feature.PayloadEntropy;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Digests;
import dev.graphids.io.Safetensors;
import dev.graphids.io.Safetensors.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code temporal} representation (data.md §3.12, the original's last version), one event per message of a
 * capture file in capture order: {@code src} = the previous message's vocabulary index, {@code dst} = this one's, and
 * 22 message features ({@link #MSG_NAMES}). A training file's last {@code max(1, floor(n * valFraction))} events are
 * its validation tail; the first event of every stream part is a self-event (src = dst, deltas and iat 0).
 * Timestamps are stored as F64 (the original's float32 quantised epoch seconds to 128 s).
 */
final class TemporalShardBuilder {
    static final List<String> MSG_NAMES = List.of("byte_0", "byte_1", "byte_2", "byte_3", "byte_4", "byte_5",
            "byte_6", "byte_7", "byte_0_delta", "byte_1_delta", "byte_2_delta", "byte_3_delta", "byte_4_delta",
            "byte_5_delta", "byte_6_delta", "byte_7_delta", "iat", "entropy", "src_is_unknown", "dst_is_unknown",
            "src_unknown_bucket", "dst_unknown_bucket");
    static final int MSG = MSG_NAMES.size();
    private static final int UNKNOWN_BUCKETS = 128;

    private final CanIdVocabulary vocabulary;
    private final double valFraction;
    private final ReadOptions readOptions;

    TemporalShardBuilder(CanIdVocabulary vocabulary, double valFraction, ReadOptions readOptions) {
        this.vocabulary = vocabulary;
        this.valFraction = valFraction;
        this.readOptions = readOptions;
    }

    /** 1 + (first 4 bytes of SHA-1 of the ID as the capture spells it, big-endian) mod 128; e.g. "0C1" → 126. */
    static int unknownBucket(int canId, boolean extended) {
        String raw = extended ? String.format("%08X", canId) : String.format("%03X", canId);
        byte[] d = Digests.sha1(raw.getBytes(StandardCharsets.US_ASCII));
        long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        return 1 + (int) (v % UNKNOWN_BUCKETS);
    }

    ShardResult build(SourceFile source, Path cacheDir) throws IOException {
        long start = System.nanoTime();
        int attackType = AttackTypes.codeOf(source.path());
        Growable.Floats msg = new Growable.Floats();
        Growable.Longs src = new Growable.Longs();
        Growable.Longs dst = new Growable.Longs();
        Growable.Longs y = new Growable.Longs();
        double[] t = new double[1024];
        float[] row = new float[MSG];
        int[] bytes = new int[8];
        int[] prevBytes = new int[8];
        ReadReport report;
        String rejection = null;
        long n = 0;
        int prevNode = -1;
        int prevBucket = 0;
        double prevT = 0;
        try (FrameReader reader = FrameReaders.open(source.path(), readOptions)) {
            report = reader.report();
            try {
                CanFrame f;
                while ((f = reader.next()) != null) {
                    int node = vocabulary.indexOf(f.id());
                    int bucket = node == CanIdVocabulary.UNKNOWN ? unknownBucket(f.id(), f.extended()) : 0;
                    for (int i = 0; i < 8; i++) {
                        bytes[i] = f.byteAt(i);
                        row[i] = bytes[i];
                    }
                    boolean first = prevNode < 0;
                    for (int i = 0; i < 8; i++) {
                        row[8 + i] = first ? 0 : bytes[i] - prevBytes[i];
                    }
                    row[16] = first ? 0 : (float) (f.timestamp() - prevT);
                    row[17] = (float) PayloadEntropy.of(bytes);
                    row[18] = (first ? node : prevNode) == CanIdVocabulary.UNKNOWN ? 1 : 0;
                    row[19] = node == CanIdVocabulary.UNKNOWN ? 1 : 0;
                    row[20] = first ? bucket : prevBucket;
                    row[21] = bucket;
                    msg.add(row);
                    src.add(first ? node : prevNode);
                    dst.add(node);
                    y.add(f.isAttack() ? 1 : 0);
                    if (n == t.length) {
                        t = Arrays.copyOf(t, t.length * 2);
                    }
                    t[(int) n++] = f.timestamp();
                    prevNode = node;
                    prevBucket = bucket;
                    prevT = f.timestamp();
                    System.arraycopy(bytes, 0, prevBytes, 0, 8);
                }
            } catch (BadInputException e) {
                rejection = report.rejected() ? report.rejection() : e.getMessage();
            }
        }
        Map<String, Long> bad = report.badRowsByKey();
        RunningMoments msgMoments = new RunningMoments(MSG);
        RunningMoments none = new RunningMoments(0);
        int events = (int) n;
        if (rejection != null || events == 0) {
            return new ShardResult(source, null, report.frames(), bad, report.outOfOrder(), rejection, new byte[0],
                    new byte[0], new byte[0], new int[0], new int[0], msgMoments, none,
                    (System.nanoTime() - start) / 1e9);
        }
        float[] m = msg.toArray();
        long[] srcs = src.toArray();
        byte[] split = new byte[events];
        byte[] reset = new byte[events];
        Arrays.fill(split, (byte) (source.train() ? Split.TRAIN.code() : Split.TEST.code()));
        int valStart = events;
        if (source.train() && events >= 2 && valFraction > 0) {
            valStart = events - Math.min(Math.max(1, (int) (events * valFraction)), events - 1);
            Arrays.fill(split, valStart, events, (byte) Split.VAL.code());
            selfEvent(m, srcs, dst.toArray(), valStart);
            reset[valStart - 1] = 1;
        }
        reset[events - 1] = 1;
        long[] ys = y.toArray();
        byte[] label = new byte[events];
        byte[] types = new byte[events];
        int[] ones = new int[events];
        for (int i = 0; i < events; i++) {
            label[i] = (byte) ys[i];
            types[i] = (byte) attackType;
            ones[i] = 1;
            if (split[i] == Split.TRAIN.code() && ys[i] == 0) {
                msgMoments.add(m, i * MSG);
            }
        }
        long[] typeTensor = new long[events];
        Arrays.fill(typeTensor, attackType);
        List<Tensor> tensors = List.of(
                Tensor.i64("src", srcs, events),
                Tensor.i64("dst", dst.toArray(), events),
                Tensor.f64("t", Arrays.copyOf(t, events), events),
                Tensor.f32("msg", m, events, MSG),
                Tensor.i64(ShardTensors.Y, ys, events),
                Tensor.i64(ShardTensors.ATTACK_TYPE, typeTensor, events),
                Tensor.u8("reset_after", reset, events),
                Tensor.u8(ShardTensors.SPLIT, split, events));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", source.name());
        meta.put("source_sha256", source.sha256());
        meta.put("representation", "temporal");
        meta.put("msg_columns", String.join(",", MSG_NAMES));
        Path shard = cacheDir.resolve(source.shardName());
        Safetensors.write(shard, tensors, meta);
        AtomicFiles.writeSha256Sidecar(shard);
        return new ShardResult(source, source.shardName(), report.frames(), bad, report.outOfOrder(), null, split,
                label, types, ones, ones, msgMoments, none, (System.nanoTime() - start) / 1e9);
    }

    /** Turns event {@code i} into a self-event: the first event of a stream part has no predecessor. */
    private static void selfEvent(float[] m, long[] src, long[] dst, int i) {
        src[i] = dst[i];
        int o = i * MSG;
        Arrays.fill(m, o + 8, o + 17, 0f);
        m[o + 18] = m[o + 19];
        m[o + 20] = m[o + 21];
    }
}
