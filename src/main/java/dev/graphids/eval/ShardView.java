package dev.graphids.eval;

import dev.graphids.cache.ShardTensors;
import dev.graphids.io.Safetensors;
import java.nio.LongBuffer;

/**
 * The graphs of one split inside one memory-mapped cache shard. Graph numbers are shard-local (rows of the shard's
 * per-graph tensors, {@link ShardTensors}); a model reads what it needs through {@link #file()} and the offsets
 * below, without copying the shard onto the heap.
 */
public final class ShardView {
    private final String shard;
    private final String source;
    private final String folder;
    private final Safetensors.MappedFile file;
    private final int[] graphs;
    private final LongBuffer nodePtr;
    private final LongBuffer edgePtr;

    ShardView(String shard, String source, String folder, Safetensors.MappedFile file, int[] graphs) {
        this.shard = shard;
        this.source = source;
        this.folder = folder;
        this.file = file;
        this.graphs = graphs;
        this.nodePtr = file.longs(ShardTensors.NODE_PTR);
        this.edgePtr = file.longs(ShardTensors.EDGE_PTR);
    }

    /** The shard's path inside the cache. */
    public String shard() {
        return shard;
    }

    /** The capture file the shard was built from (path relative to the dataset's raw directory). */
    public String source() {
        return source;
    }

    /** The catalog folder of the capture file. */
    public String folder() {
        return folder;
    }

    public Safetensors.MappedFile file() {
        return file;
    }

    /** The shard-local numbers of the split's graphs, ascending. The array is shared: do not modify it. */
    public int[] graphs() {
        return graphs;
    }

    public int size() {
        return graphs.length;
    }

    /** First node row of shard-local graph {@code g}. */
    public long nodeStart(int g) {
        return nodePtr.get(g);
    }

    /** One past the last node row of shard-local graph {@code g}. */
    public long nodeEnd(int g) {
        return nodePtr.get(g + 1);
    }

    /** First edge of shard-local graph {@code g}. */
    public long edgeStart(int g) {
        return edgePtr.get(g);
    }

    /** One past the last edge of shard-local graph {@code g}. */
    public long edgeEnd(int g) {
        return edgePtr.get(g + 1);
    }
}
