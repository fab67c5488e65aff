package dev.graphids.cache;

import java.util.Map;

/**
 * What building one shard produced.
 *
 * @param source         the capture file
 * @param shard          shard path inside the cache, or null when the file was rejected or gave no windows
 * @param frames         frames read
 * @param badRows        bad rows per reason (skipped)
 * @param outOfOrder     rows earlier than their predecessor
 * @param rejection      why the file was rejected, or null
 * @param split          per graph (or sequence): its {@link Split} code
 * @param label          per graph (or sequence): y
 * @param attackType     per graph (or sequence): attack type code
 * @param nodes          per graph (or sequence): node count
 * @param edges          per graph (or sequence): edge count
 * @param nodeMoments    node-row moments over benign training graphs
 * @param edgeMoments    edge-row moments over benign training graphs
 * @param seconds        wall time of the build
 */
public record ShardResult(SourceFile source, String shard, long frames, Map<String, Long> badRows, long outOfOrder,
                          String rejection, byte[] split, byte[] label, byte[] attackType, int[] nodes, int[] edges,
                          RunningMoments nodeMoments, RunningMoments edgeMoments, double seconds) {

    public int samples() {
        return split.length;
    }
}
