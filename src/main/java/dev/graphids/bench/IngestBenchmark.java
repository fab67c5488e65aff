package dev.graphids.bench;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Measures capture reading: frames per second through {@link FrameReaders} for a file, and the peak heap in use
 * while reading it (heap pools' peak usage, reset before each read). Synthetic captures look like the catalog
 * datasets: ~50 periodic IDs, DLC 2..8, one attack frame in fifty.
 */
public final class IngestBenchmark {

    /** One measured read: best of the repetitions. */
    public record Result(Path file, long bytes, long frames, double seconds, long peakHeapBytes) {
        public double framesPerSecond() {
            return frames / seconds;
        }

        public double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private IngestBenchmark() {
    }

    /** Writes {@code frames} rows of the four-column CSV, plain or gzip. */
    public static void writeSynthetic(Path file, long frames, boolean gzip, long seed) throws IOException {
        Random random = new Random(seed);
        int[] ids = new int[50];
        int[] dlcs = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(0x800);
            dlcs[i] = random.nextInt(5) == 0 ? 2 + random.nextInt(6) : 8;
        }
        byte[] hex = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
            out.write("timestamp,arbitration_id,data_field,attack\n".getBytes(StandardCharsets.US_ASCII));
            long micros = 1_672_531_200_000_000L;
            byte[] line = new byte[64];
            for (long n = 0; n < frames; n++) {
                micros += 200 + random.nextInt(400);
                int k = random.nextInt(ids.length);
                int p = 0;
                String ts = Long.toString(micros);
                for (int i = 0; i < ts.length(); i++) {
                    if (i == ts.length() - 6) {
                        line[p++] = '.';
                    }
                    line[p++] = (byte) ts.charAt(i);
                }
                line[p++] = ',';
                line[p++] = hex[(ids[k] >> 8) & 0xf];
                line[p++] = hex[(ids[k] >> 4) & 0xf];
                line[p++] = hex[ids[k] & 0xf];
                line[p++] = ',';
                for (int b = 0; b < dlcs[k]; b++) {
                    int v = (n % 7 == b) ? random.nextInt(256) : (ids[k] * 31 + b) & 0xff;
                    line[p++] = hex[v >> 4];
                    line[p++] = hex[v & 0xf];
                }
                line[p++] = ',';
                line[p++] = (byte) (random.nextInt(50) == 0 ? '1' : '0');
                line[p++] = '\n';
                out.write(line, 0, p);
            }
        }
    }

    /** Reads the file {@code repetitions} times and keeps the fastest read. */
    public static Result measure(Path file, ReadOptions options, int repetitions) throws IOException {
        Result best = null;
        for (int rep = 0; rep < repetitions; rep++) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            long frames = 0;
            long checksum = 0;
            try (FrameReader reader = FrameReaders.open(file, options)) {
                CanFrame f;
                while ((f = reader.next()) != null) {
                    frames++;
                    checksum += f.id() + f.dlc() + f.label();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (checksum == Long.MIN_VALUE) {
                System.out.print(""); // keeps the loop's work observable to the JIT
            }
            Result r = new Result(file, Files.size(file), frames, seconds, peakHeap());
            if (best == null || r.seconds() < best.seconds()) {
                best = new Result(file, r.bytes(), frames, seconds,
                        best == null ? r.peakHeapBytes() : Math.max(best.peakHeapBytes(), r.peakHeapBytes()));
            } else {
                best = new Result(file, best.bytes(), best.frames(), best.seconds(),
                        Math.max(best.peakHeapBytes(), r.peakHeapBytes()));
            }
        }
        return best;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * Sum of the heap pools' peak usage since the last reset: an upper bound on live data, since it includes garbage
     * not yet collected (set a small -Xmx to see the bound the reader really needs).
     */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
