package dev.graphids.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, held by one process (and, inside it, one thread) at a time. The operating system
 * releases it when the holder dies, so a killed builder never leaves the lock stuck. Used for build-once caches:
 * take the lock, re-check the completion marker, build only if it is still missing.
 */
public final class BuildLock implements AutoCloseable {
    /** Java file locks are per process; this keeps two threads of one JVM apart too. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final FileLock lock;
    private final ReentrantLock local;

    private BuildLock(FileChannel channel, FileLock lock, ReentrantLock local) {
        this.channel = channel;
        this.lock = lock;
        this.local = local;
    }

    /** Blocks until the lock on {@code lockFile} is held. */
    public static BuildLock acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(key.getParent());
            FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new BuildLock(ch, ch.lock(), local);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
