package dev.graphids.cache;

import dev.graphids.can.CanFrame;
import dev.graphids.can.read.FrameReader;
import dev.graphids.can.read.FrameReaders;
import dev.graphids.can.read.ReadOptions;
import dev.graphids.can.read.ReadReport;
import dev.graphids.error.BadInputException;
import dev.graphids.graph.AttackTypes;
import dev.graphids.graph.FrameWindow;
import dev.graphids.graph.Representation;
import dev.graphids.graph.WindowGraph;
import dev.graphids.graph.build.CanIdVocabulary;
import dev.graphids.graph.build.SnapshotWindower;
import dev.graphids.graph.build.WindowGraphBuilder;
import dev.graphids.graph.feature.EdgeFeatures;
import dev.graphids.graph.feature.IdFeatures;
import dev.graphids.graph.feature.NodeFeatures;
import dev.graphids.io.AtomicFiles;
import dev.graphids.io.Safetensors;
import dev.graphids.io.Safetensors.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the shard of one capture file for a snapshot representation: streams its frames through the windower and the
 * graph builder, collects the graphs in primitive arrays, assigns splits and writes one safetensors file. Memory is
 * bounded by the graphs of this one file.
 */
final class ShardBuilder {
    private final Representation representation;
    private final CanIdVocabulary vocabulary;
    private final IdFeatures idFeatures;
    private final BlockedSplit split;
    private final ReadOptions readOptions;

    ShardBuilder(Representation representation, CanIdVocabulary vocabulary, IdFeatures idFeatures,
                 BlockedSplit split, ReadOptions readOptions) {
        this.representation = representation;
        this.vocabulary = vocabulary;
        this.idFeatures = idFeatures;
        this.split = split;
        this.readOptions = readOptions;
    }

    /** Builds and writes the shard of {@code source} under {@code cacheDir}. */
    ShardResult build(SourceFile source, Path cacheDir) throws IOException {
        long start = System.nanoTime();
        WindowGraphBuilder builder = new WindowGraphBuilder(vocabulary, idFeatures);
        SnapshotWindower windower = new SnapshotWindower(representation.windowSpec());
        int attackType = AttackTypes.codeOf(source.path());
        Columns cols = new Columns();
        ReadReport report;
        String rejection = null;
        try (FrameReader reader = FrameReaders.open(source.path(), readOptions)) {
            report = reader.report();
            try {
                CanFrame f;
                while ((f = reader.next()) != null) {
                    Optional<FrameWindow> w = windower.push(f);
                    if (w.isPresent()) {
                        cols.add(builder.build(w.get(), attackType));
                    }
                }
            } catch (BadInputException e) {
                rejection = report.rejected() ? report.rejection() : e.getMessage();
            }
        }
        Map<String, Long> bad = report.badRowsByKey();
        double seconds = (System.nanoTime() - start) / 1e9;
        RunningMoments nodeMoments = new RunningMoments(NodeFeatures.COUNT);
        RunningMoments edgeMoments = new RunningMoments(EdgeFeatures.COUNT);
        if (rejection != null || cols.graphs() == 0) {
            return new ShardResult(source, null, report.frames(), bad, report.outOfOrder(), rejection, new byte[0],
                    new byte[0], new byte[0], new int[0], new int[0], nodeMoments, edgeMoments, seconds);
        }
        byte[] graphSplit = assignSplits(source.train(), cols.graphs());
        cols.accumulateBenignTrain(graphSplit, nodeMoments, edgeMoments);
        Samples samples = representation instanceof Representation.SnapshotSequence seq
                ? cols.sequences(graphSplit, seq.sequenceLength(), seq.sequenceStride())
                : cols.snapshots(graphSplit);
        List<Tensor> tensors = cols.tensors(graphSplit);
        tensors.addAll(samples.tensors());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", source.name());
        meta.put("source_sha256", source.sha256());
        meta.put("representation", representation.kind() + ":" + representation.digest());
        Path shard = cacheDir.resolve(source.shardName());
        Safetensors.write(shard, tensors, meta);
        AtomicFiles.writeSha256Sidecar(shard);
        return new ShardResult(source, source.shardName(), report.frames(), bad, report.outOfOrder(), null,
                samples.split(), samples.label(), samples.attackType(), samples.nodes(), samples.edges(),
                nodeMoments, edgeMoments, (System.nanoTime() - start) / 1e9);
    }

    private byte[] assignSplits(boolean train, int graphs) {
        byte[] out = new byte[graphs];
        if (!train) {
            java.util.Arrays.fill(out, (byte) Split.TEST.code());
            return out;
        }
        Split[] s = split.assign(graphs);
        for (int i = 0; i < graphs; i++) {
            out[i] = (byte) s[i].code();
        }
        return out;
    }

    /** Per-sample summaries and any extra tensors of the representation. */
    private record Samples(byte[] split, byte[] label, byte[] attackType, int[] nodes, int[] edges,
                           List<Tensor> tensors) {
    }

    /** The graphs of one file, column by column. */
    private static final class Columns {
        final Growable.Floats x = new Growable.Floats();
        final Growable.Floats idf = new Growable.Floats();
        final Growable.Longs bucket = new Growable.Longs();
        final Growable.Longs nodeId = new Growable.Longs();
        final Growable.Longs nodeCanId = new Growable.Longs();
        final Growable.Longs src = new Growable.Longs();
        final Growable.Longs dst = new Growable.Longs();
        final Growable.Floats edgeAttr = new Growable.Floats();
        final Growable.Longs nodePtr = new Growable.Longs();
        final Growable.Longs edgePtr = new Growable.Longs();
        final Growable.Longs y = new Growable.Longs();
        final Growable.Longs attack = new Growable.Longs();
        final Growable.Longs windowIndex = new Growable.Longs();
        final Growable.Longs startRow = new Growable.Longs();

        Columns() {
            nodePtr.add(0);
            edgePtr.add(0);
        }

        void add(WindowGraph g) {
            x.add(g.x());
            idf.add(g.idFeatures());
            bucket.addAll(g.idBuckets(), 0);
            nodeId.addAll(g.nodeIds(), 0);
            int[] offsets = g.canIdOffsets();
            int[] canIds = g.canIds();
            for (int v = 0; v < g.numNodes(); v++) {
                nodeCanId.add(canIds[offsets[v]]);
            }
            src.addAll(g.edgeSrc(), 0);
            dst.addAll(g.edgeDst(), 0);
            edgeAttr.add(g.edgeAttr());
            nodePtr.add(nodePtr.get(nodePtr.size() - 1) + g.numNodes());
            edgePtr.add(edgePtr.get(edgePtr.size() - 1) + g.numEdges());
            y.add(g.y());
            attack.add(g.attackType());
            windowIndex.add(g.windowIndex());
            startRow.add(g.startRow());
        }

        int graphs() {
            return y.size();
        }

        int nodesOf(int g) {
            return (int) (nodePtr.get(g + 1) - nodePtr.get(g));
        }

        int edgesOf(int g) {
            return (int) (edgePtr.get(g + 1) - edgePtr.get(g));
        }

        /** Feeds the node and edge rows of benign training graphs to the scaler's moments. */
        void accumulateBenignTrain(byte[] split, RunningMoments nodes, RunningMoments edges) {
            float[] xs = x.toArray();
            float[] es = edgeAttr.toArray();
            for (int g = 0; g < graphs(); g++) {
                if (split[g] != Split.TRAIN.code() || y.get(g) != 0) {
                    continue;
                }
                for (long r = nodePtr.get(g); r < nodePtr.get(g + 1); r++) {
                    nodes.add(xs, (int) r * NodeFeatures.COUNT);
                }
                for (long r = edgePtr.get(g); r < edgePtr.get(g + 1); r++) {
                    edges.add(es, (int) r * EdgeFeatures.COUNT);
                }
            }
        }

        Samples snapshots(byte[] split) {
            int n = graphs();
            byte[] label = new byte[n];
            byte[] type = new byte[n];
            int[] nodes = new int[n];
            int[] edges = new int[n];
            for (int g = 0; g < n; g++) {
                label[g] = (byte) y.get(g);
                type[g] = (byte) attack.get(g);
                nodes[g] = nodesOf(g);
                edges[g] = edgesOf(g);
            }
            return new Samples(split, label, type, nodes, edges, new ArrayList<>());
        }

        /**
         * Sequences of {@code length} consecutive windows starting every {@code stride} windows; a sequence belongs
         * to a split only when all its windows do (otherwise it is embargoed); labels come from its last step.
         */
        Samples sequences(byte[] split, int length, int stride) {
            int n = graphs();
            int q = n < length ? 0 : (n - length) / stride + 1;
            long[] steps = new long[q * length];
            byte[] seqSplit = new byte[q];
            byte[] label = new byte[q];
            byte[] type = new byte[q];
            int[] nodes = new int[q];
            int[] edges = new int[q];
            for (int s = 0; s < q; s++) {
                int first = s * stride;
                int last = first + length - 1;
                byte common = split[first];
                for (int k = 0; k < length; k++) {
                    int g = first + k;
                    steps[s * length + k] = g;
                    if (split[g] != common) {
                        common = (byte) Split.EMBARGO.code();
                    }
                    nodes[s] += nodesOf(g);
                    edges[s] += edgesOf(g);
                }
                seqSplit[s] = common;
                label[s] = (byte) y.get(last);
                type[s] = (byte) attack.get(last);
            }
            long[] seqY = new long[q];
            long[] seqType = new long[q];
            for (int s = 0; s < q; s++) {
                seqY[s] = label[s];
                seqType[s] = type[s];
            }
            List<Tensor> extra = new ArrayList<>();
            extra.add(Tensor.i64(ShardTensors.SEQUENCE, steps, q, length));
            extra.add(Tensor.i64(ShardTensors.SEQUENCE_Y, seqY, q));
            extra.add(Tensor.i64(ShardTensors.SEQUENCE_ATTACK_TYPE, seqType, q));
            extra.add(Tensor.u8(ShardTensors.SEQUENCE_SPLIT, seqSplit.clone(), q));
            return new Samples(seqSplit, label, type, nodes, edges, extra);
        }

        List<Tensor> tensors(byte[] split) {
            int n = nodeId.size();
            int e = src.size();
            int g = graphs();
            long[] edgeIndex = new long[2 * e];
            System.arraycopy(src.toArray(), 0, edgeIndex, 0, e);
            System.arraycopy(dst.toArray(), 0, edgeIndex, e, e);
            List<Tensor> t = new ArrayList<>();
            t.add(Tensor.f32(ShardTensors.X, x.toArray(), n, NodeFeatures.COUNT));
            t.add(Tensor.f32(ShardTensors.ID_FEATURES, idf.toArray(), n, IdFeatures.COUNT));
            t.add(Tensor.i64(ShardTensors.ID_BUCKET, bucket.toArray(), n));
            t.add(Tensor.i64(ShardTensors.NODE_ID, nodeId.toArray(), n));
            t.add(Tensor.i64(ShardTensors.NODE_CAN_ID, nodeCanId.toArray(), n));
            t.add(Tensor.i64(ShardTensors.EDGE_INDEX, edgeIndex, 2, e));
            t.add(Tensor.f32(ShardTensors.EDGE_ATTR, edgeAttr.toArray(), e, EdgeFeatures.COUNT));
            t.add(Tensor.i64(ShardTensors.NODE_PTR, nodePtr.toArray(), g + 1));
            t.add(Tensor.i64(ShardTensors.EDGE_PTR, edgePtr.toArray(), g + 1));
            t.add(Tensor.i64(ShardTensors.Y, y.toArray(), g));
            t.add(Tensor.i64(ShardTensors.ATTACK_TYPE, attack.toArray(), g));
            t.add(Tensor.i64(ShardTensors.WINDOW_INDEX, windowIndex.toArray(), g));
            t.add(Tensor.i64(ShardTensors.START_ROW, startRow.toArray(), g));
            t.add(Tensor.u8(ShardTensors.SPLIT, split, g));
            return t;
        }
    }
}
