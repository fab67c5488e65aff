package dev.graphids.cli;

import dev.graphids.cache.CacheProgress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per file otherwise (CI logs), so
 * long work is never silent.
 */
final class TerminalProgress implements CacheProgress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private String phase = "";
    private int total;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong frames = new AtomicLong();

    TerminalProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static TerminalProgress onStderr(PrintWriter err) {
        return new TerminalProgress(err, System.console() != null);
    }

    @Override
    public synchronized void phase(String name, int files) {
        if (terminal && total > 0) {
            err.println();
        }
        phase = name;
        total = files;
        done.set(0);
        frames.set(0);
    }

    @Override
    public synchronized void fileDone(String file, long fileFrames) {
        int d = done.incrementAndGet();
        long f = frames.addAndGet(fileFrames);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (terminal) {
            int filled = total == 0 ? WIDTH : WIDTH * d / total;
            err.printf("\r%-10s [%s%s] %d/%d files %,d frames %.1fs", phase, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), d, total, f, seconds);
            if (d == total) {
                err.println();
            }
        } else {
            err.printf("%-10s %d/%d %s (%,d frames, %.1fs)%n", phase, d, total, file, fileFrames, seconds);
        }
        err.flush();
    }
}
