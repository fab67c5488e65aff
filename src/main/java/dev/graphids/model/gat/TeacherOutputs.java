package dev.graphids.model.gat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.graphids.tensor.BatchTensors;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.tensor.HostGraph;
import java.util.HashMap;
import java.util.Map;

/**
 * A frozen teacher's outputs per sample, computed the first time a sample is seen and read back afterwards. The
 * teacher is evaluated without dropout and never changes during a fit, so every epoch after the first would repeat
 * the same forward; for a large teacher that forward is most of a distillation step. Samples are keyed by the cache
 * references of their graphs; a batch with a graph from outside the cache (no reference) is always evaluated.
 * Memory: (classes + embedding width) floats per sample when embeddings are kept, classes floats otherwise.
 */
final class TeacherOutputs {
    private final GatClassifier teacher;
    private final boolean keepEmbeddings;
    private final Map<String, float[]> rows = new HashMap<>();

    /** The teacher's logits [B, K] and, when kept, its pooled embeddings [B, C] (null otherwise); no gradient. */
    record Outputs(NDArray logits, NDArray embeddings) {
    }

    TeacherOutputs(GatClassifier teacher, boolean keepEmbeddings) {
        this.teacher = teacher;
        this.keepEmbeddings = keepEmbeddings;
    }

    Outputs of(BatchTensors t) {
        GraphBatch batch = t.batch();
        String[] keys = keys(batch);
        float[][] found = new float[keys.length][];
        boolean complete = keys.length > 0;
        for (int i = 0; i < keys.length && complete; i++) {
            found[i] = keys[i] == null ? null : rows.get(keys[i]);
            complete = found[i] != null;
        }
        if (complete) {
            return fromRows(t, found);
        }
        NDArray embeddings = teacher.embed(t, false).stopGradient();
        Outputs live = new Outputs(teacher.head(embeddings, false).stopGradient(), keepEmbeddings ? embeddings : null);
        remember(keys, live);
        return live;
    }

    private void remember(String[] keys, Outputs live) {
        NDArray logits = live.logits();
        NDArray embeddings = live.embeddings();
        int k = (int) logits.getShape().get(1);
        int c = embeddings == null ? 0 : (int) embeddings.getShape().get(1);
        float[] l = logits.toFloatArray();
        float[] e = embeddings == null ? null : embeddings.toFloatArray();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                float[] row = new float[k + c];
                System.arraycopy(l, i * k, row, 0, k);
                if (e != null) {
                    System.arraycopy(e, i * c, row, k, c);
                }
                rows.put(keys[i], row);
            }
        }
    }

    private Outputs fromRows(BatchTensors t, float[][] found) {
        int width = found[0].length;
        float[] flat = new float[found.length * width];
        for (int i = 0; i < found.length; i++) {
            System.arraycopy(found[i], 0, flat, i * width, width);
        }
        NDArray all = t.manager().create(flat, new Shape(found.length, width));
        int k = teacher.dims().numClasses();
        if (!keepEmbeddings) {
            return new Outputs(all, null);
        }
        NDList parts = all.split(new long[] {k}, 1);
        return new Outputs(parts.get(0), parts.get(1));
    }

    /** One key per sample (its graphs' references), null for a sample with a graph from outside the cache. */
    private static String[] keys(GraphBatch batch) {
        int length = batch.sequenceLength();
        String[] keys = new String[batch.samples()];
        for (int s = 0; s < keys.length; s++) {
            StringBuilder key = new StringBuilder();
            for (int g = s * length; g < (s + 1) * length && key != null; g++) {
                HostGraph.GraphRef ref = batch.ref(g);
                key = ref == null ? null : key.append(ref).append(' ');
            }
            keys[s] = key == null ? null : key.toString();
        }
        return keys;
    }
}
