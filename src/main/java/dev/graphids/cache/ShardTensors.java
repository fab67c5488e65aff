package dev.graphids.cache;

/**
 * Names of the tensors in a cache shard (one safetensors file per capture file). Graph g's nodes are rows
 * {@code node_ptr[g] .. node_ptr[g+1]} of the node tensors, its edges columns {@code edge_ptr[g] .. edge_ptr[g+1]}
 * of {@code edge_index} (local node numbers within the graph) and rows of {@code edge_attr}.
 */
public final class ShardTensors {
    private ShardTensors() {
    }

    /** F32 [N, 35]: node features (unscaled; apply scaler.json). */
    public static final String X = "x";
    /** F32 [N, 3]: vehicle-independent ID features (scaled ID, extended flag, unknown-to-vocabulary flag). */
    public static final String ID_FEATURES = "id_features";
    /** I64 [N]: hashed bucket of the node's raw CAN ID. */
    public static final String ID_BUCKET = "id_bucket";
    /** I64 [N]: vocabulary index of the node (0 = unknown). */
    public static final String NODE_ID = "node_id";
    /** I64 [N]: smallest raw CAN ID merged into the node. */
    public static final String NODE_CAN_ID = "node_can_id";
    /** I64 [2, E]: source and destination local node of each edge (newest → previous message). */
    public static final String EDGE_INDEX = "edge_index";
    /** F32 [E, 11]: edge features (unscaled). */
    public static final String EDGE_ATTR = "edge_attr";
    /** I64 [G + 1]: node offsets per graph. */
    public static final String NODE_PTR = "node_ptr";
    /** I64 [G + 1]: edge offsets per graph. */
    public static final String EDGE_PTR = "edge_ptr";
    /** I64 [G]: 1 when any frame of the window is an attack frame. */
    public static final String Y = "y";
    /** I64 [G]: attack-type code of the capture file (data.md §1.5) for attack windows, else 0. */
    public static final String ATTACK_TYPE = "attack_type";
    /** I64 [G]: window index within the capture file. */
    public static final String WINDOW_INDEX = "window_index";
    /** I64 [G]: first row of the window within the capture file (0-based). */
    public static final String START_ROW = "start_row";
    /** U8 [G]: {@link Split} code of each graph. */
    public static final String SPLIT = "split";
    /** I64 [Q, L]: for snapshot_sequence, the graph indices of each sequence's steps. */
    public static final String SEQUENCE = "sequence";
    /** I64 [Q]: label of each sequence (its last step's). */
    public static final String SEQUENCE_Y = "sequence_y";
    /** I64 [Q]: attack type of each sequence (its last step's). */
    public static final String SEQUENCE_ATTACK_TYPE = "sequence_attack_type";
    /** U8 [Q]: {@link Split} code of each sequence. */
    public static final String SEQUENCE_SPLIT = "sequence_split";
}
