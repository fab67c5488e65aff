package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.graphids.model.ParameterStore;

/**
 * PyG {@code GraphNorm} over the real nodes of each graph: {@code out = x − mean·mean_scale},
 * {@code out = weight · out / √(mean(out²) + eps) + bias}; 3C parameters, eps 1e-5.
 */
public final class GraphNorm {
    private static final float EPS = 1e-5f;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray meanScale;

    public GraphNorm(ParameterStore ps, String name, long channels) {
        weight = ps.constant(name + ".weight", 1f, new Shape(channels));
        bias = ps.constant(name + ".bias", 0f, new Shape(channels));
        meanScale = ps.constant(name + ".mean_scale", 1f, new Shape(channels));
    }

    /** h [B, n, C], mask [B, n], count [B, 1]. */
    public NDArray forward(NDArray h, NDArray mask, NDArray count) {
        NDArray m3 = mask.expandDims(2);
        NDArray cnt = count.expandDims(2);
        NDArray mean = h.mul(m3).sum(new int[] {1}, true).div(cnt);
        NDArray out = h.sub(mean.mul(meanScale));
        NDArray var = out.square().mul(m3).sum(new int[] {1}, true).div(cnt);
        return out.div(var.add(EPS).sqrt()).mul(weight).add(bias);
    }
}
