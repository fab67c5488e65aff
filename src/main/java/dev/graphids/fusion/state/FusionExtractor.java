package dev.graphids.fusion.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graphids.cache.GraphCache;
import dev.graphids.cache.Split;
import dev.graphids.eval.SplitData;
import dev.graphids.eval.SplitReader;
import dev.graphids.eval.SplitRef;
import dev.graphids.graph.AttackTypes;
import dev.graphids.model.GraphModel;
import dev.graphids.model.rate.RateBaseline;
import dev.graphids.tensor.BatchLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the fusion state of every split the fusers use (models.md §4.1, runtime.md §9) and writes the state
 * files. Unlike the original, fusers never see graphs the upstream models were fit on: fusion-train and fusion-val
 * are the two blocked parts of the upstream <em>validation</em> split ({@link InterleavedBlocks}), capped at
 * {@code maxSamples} and {@code maxValSamples} (first graphs in reading order); every test folder is extracted
 * whole.
 */
public final class FusionExtractor {
    /** What to extract and how. */
    public record Settings(int maxSamples, int maxValSamples, int batchSize, double fusionValFraction,
                           double featureClip) {
    }

    private final GraphCache cache;
    private final Map<String, List<GraphModel>> models;
    private final Settings settings;
    private final PrintWriter log;

    /**
     * @param models model key ({@code gat}, {@code vgae}, {@code dgi}) → loaded, calibrated model (several GATs: an
     *               ensemble, see {@link ModelFeatures#of(List, GraphBatch)})
     */
    public FusionExtractor(GraphCache cache, Map<String, List<GraphModel>> models, Settings settings, PrintWriter log) {
        this.cache = cache;
        this.models = models;
        this.settings = settings;
        this.log = log;
    }

    /** Extracts every split into {@code dir}; returns split name → graphs written. The manifest is the caller's. */
    public Map<String, ObjectNode> extract(Path dir) throws IOException {
        SplitReader reader = new SplitReader(cache);
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        SplitData val = reader.read(SplitRef.val());
        double[] valRate = RateBaseline.score(reader, SplitRef.val()).scores();
        BatchLoader valLoader = loader(BatchLoader.Selection.of(Split.VAL));
        InterleavedBlocks.Parts parts = InterleavedBlocks.split(val.sourceIndex(), settings.fusionValFraction());
        int[] train = cap(parts.train(), settings.maxSamples());
        int[] fval = cap(parts.val(), settings.maxValSamples());
        out.put(StateFiles.FUSION_TRAIN, write(dir, StateFiles.FUSION_TRAIN, val, valRate, valLoader, train,
                parts.train().length, "upstream val split, blocks of " + InterleavedBlocks.BLOCK
                + " windows of each capture file not in fusion_val"));
        out.put(StateFiles.FUSION_VAL, write(dir, StateFiles.FUSION_VAL, val, valRate, valLoader, fval, parts.val().length,
                "upstream val split, interleaved blocks of " + InterleavedBlocks.BLOCK
                + " windows of each capture file"));
        for (String folder : reader.testFolders()) {
            SplitData test = reader.read(SplitRef.test(folder));
            BatchLoader loader = loader(BatchLoader.Selection.of(Split.TEST).inFolder(folder));
            int[] all = new int[test.size()];
            Arrays.setAll(all, i -> i);
            double[] rate = RateBaseline.score(reader, SplitRef.test(folder)).scores();
            out.put(folder, write(dir, folder, test, rate, loader, all, all.length, "test folder " + folder
                    + ", all"));
        }
        return out;
    }

    private BatchLoader loader(BatchLoader.Selection selection) {
        return BatchLoader.open(cache, selection).clipFeatures(settings.featureClip());
    }

    private static int[] cap(int[] idx, int max) {
        return idx.length <= max ? idx : Arrays.copyOf(idx, max);
    }

    /** @param rate the rate baseline's score of every graph of {@code data}, in its order */
    private ObjectNode write(Path dir, String name, SplitData data, double[] rate, BatchLoader loader, int[] members,
                             int available, String graphs) throws IOException {
        if (loader.size() != data.size()) {
            throw new IllegalStateException(name + ": " + loader.size() + " graphs to read but " + data.size()
                    + " graph ids");
        }
        long t0 = System.nanoTime();
        Map<String, float[]> features = new LinkedHashMap<>();
        int n = members.length;
        int done = 0;
        for (int from = 0; from < n; from += settings.batchSize()) {
            int[] chunk = Arrays.copyOfRange(members, from, Math.min(n, from + settings.batchSize()));
            var batch = loader.batch(chunk);
            int at = from;
            for (List<GraphModel> m : models.values()) {
                ModelFeatures.of(m, batch).forEach((key, v) -> {
                    int dims = StateLayout.WIDTHS.get(key);
                    float[] all = features.computeIfAbsent(key, k -> new float[n * dims]);
                    System.arraycopy(v, 0, all, at * dims, v.length);
                });
            }
            done += chunk.length;
        }
        float[] rateOf = new float[n];
        for (int i = 0; i < n; i++) {
            rateOf[i] = (float) rate[members[i]];
        }
        features.put(StateLayout.RATE, rateOf);
        int[] labels = new int[n];
        int[] types = new int[n];
        long[] windowId = new long[n];
        long[] windowIndex = new long[n];
        long[] startRow = new long[n];
        int[] source = new int[n];
        int attacks = 0;
        for (int i = 0; i < n; i++) {
            int g = members[i];
            labels[i] = data.labels()[g];
            types[i] = data.attackTypes()[g];
            windowId[i] = g;
            windowIndex[i] = data.windowIndex()[g];
            startRow[i] = data.startRow()[g];
            source[i] = data.sourceIndex()[g];
            attacks += labels[i];
        }
        StateFiles.write(dir, new FusionStates(name, features, labels, types, windowId, windowIndex, startRow, source,
                data.sources()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.printf("graphids: extract %-40s %,8d graphs (%,d attack) of %,d available  %.1f s%n", name, done, attacks,
                available, seconds);
        log.flush();
        ObjectNode s = StateFiles.JSON.createObjectNode();
        s.put("file", StateFiles.relativePath(name));
        s.put("count", n);
        s.put("attack", attacks);
        s.put("available", available);
        s.put("graphs", graphs);
        ArrayNode ids = s.putArray("window_id_range");
        if (n > 0) {
            ids.add(Arrays.stream(windowId).min().getAsLong()).add(Arrays.stream(windowId).max().getAsLong());
        }
        s.put("seconds", seconds);
        return s;
    }

    /** Attack type code → name for the manifest. */
    public static ObjectNode attackTypeNames() {
        ObjectNode out = StateFiles.JSON.createObjectNode();
        for (int code = 0; code <= AttackTypes.maxCode(); code++) {
            out.put(Integer.toString(code), code == 0 ? "benign" : AttackTypes.nameOf(code));
        }
        return out;
    }

    /** The base manifest: format, layout, attack names. */
    public static ObjectNode manifestBase() {
        ObjectNode m = StateFiles.JSON.createObjectNode();
        m.put("format", StateFiles.FORMAT);
        m.put("format_version", StateFiles.FORMAT_VERSION);
        m.put("state_dim", StateLayout.DIM);
        ArrayNode layout = m.putArray("state_layout");
        List<String> names = StateLayout.names();
        names.forEach(layout::add);
        ArrayNode blocks = m.putArray("state_blocks");
        int offset = 0;
        for (StateLayout.Block b : StateLayout.BLOCKS) {
            blocks.addObject().put("key", b.key()).put("offset", offset).put("dims", b.dims());
            offset += b.dims();
        }
        m.set("attack_type_names", attackTypeNames());
        return m;
    }
}
