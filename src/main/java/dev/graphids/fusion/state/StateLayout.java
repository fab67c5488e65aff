package dev.graphids.fusion.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 18-dimensional fusion state (models.md §4.2): the gat and vgae feature blocks concatenated in sorted
 * (model, key) order. Labels, attack types and graph identities are not part of it, nor are DGI features (which the
 * original never fused).
 */
public final class StateLayout {
    /** One feature block: its tensor name and width. */
    public record Block(String key, int dims) {
    }

    /** The blocks in flattening order. */
    public static final List<Block> BLOCKS = List.of(
            new Block("gat/conf", 1), new Block("gat/emb_stats", 4), new Block("gat/probs", 2),
            new Block("vgae/affinity", 1), new Block("vgae/conf", 1), new Block("vgae/errors", 3),
            new Block("vgae/rq", 1), new Block("vgae/spike", 1), new Block("vgae/z_stats", 4));

    public static final int DIM = 18;
    public static final int GAT_CONF = 0;
    public static final int GAT_P_ATTACK = 6;
    public static final int VGAE_CONF = 8;
    public static final int RECON = 9;
    public static final int MAHAL = 10;
    public static final int KL = 11;
    public static final int AFFINITY = 7;
    public static final int RQ = 12;
    public static final int SPIKE = 13;

    /** The rate baseline's score of each graph (−window time span): beside the 18-dim state, not part of it. */
    public static final String RATE = "rate/score";

    /** The width of every feature key, the DGI and rate keys included. */
    public static final Map<String, Integer> WIDTHS = Map.ofEntries(
            Map.entry("gat/probs", 2), Map.entry("gat/conf", 1), Map.entry("gat/emb_stats", 4),
            Map.entry("vgae/errors", 3), Map.entry("vgae/conf", 1), Map.entry("vgae/z_stats", 4),
            Map.entry("vgae/spike", 1), Map.entry("vgae/affinity", 1), Map.entry("vgae/rq", 1),
            Map.entry("dgi/pos_stats", 3), Map.entry("dgi/conf", 1), Map.entry("dgi/z_stats", 4),
            Map.entry("rate/score", 1));

    private static final Map<String, List<String>> PARTS = Map.of(
            "gat/emb_stats", List.of("mean", "std", "max", "min"), "gat/probs", List.of("p_benign", "p_attack"),
            "vgae/errors", List.of("recon", "mahal", "kl"), "vgae/z_stats", List.of("mean", "std", "max", "min"));

    private StateLayout() {
    }

    /** Names of the 18 dimensions in order, e.g. {@code gat/probs[1] p_attack}. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Block b : BLOCKS) {
            List<String> parts = PARTS.get(b.key());
            for (int i = 0; i < b.dims(); i++) {
                out.add(b.dims() == 1 ? b.key() : b.key() + "[" + i + "] " + parts.get(i));
            }
        }
        return out;
    }

    /**
     * Row-major [n, 18] state from the per-key feature arrays (each row-major [n, dims]).
     *
     * @param features tensor name → values; must hold every key of {@link #BLOCKS}
     */
    public static float[] flatten(Map<String, float[]> features, int n) {
        float[] out = new float[n * DIM];
        int offset = 0;
        for (Block b : BLOCKS) {
            float[] v = features.get(b.key());
            if (v == null || v.length != n * b.dims()) {
                throw new IllegalArgumentException(b.key() + ": expected " + n * b.dims() + " values, found "
                        + (v == null ? "none" : v.length));
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(v, i * b.dims(), out, i * DIM + offset, b.dims());
            }
            offset += b.dims();
        }
        return out;
    }
}
