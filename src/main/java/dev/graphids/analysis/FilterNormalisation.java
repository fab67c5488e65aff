package dev.graphids.analysis;

import java.util.Random;

/**
 * Random loss-landscape directions with filter normalisation (Li et al. 2018; runtime.md §8.6): a standard normal
 * tensor per parameter, then for a tensor with ≥ 2 dims every slice along dim 0 (a filter / output row) is rescaled
 * so that its norm equals the same slice's norm in the weights; 1-D tensors (biases, norms) are rescaled as whole
 * vectors. Norms are clamped at 1e-10. Biases are normalised, not zeroed. The normal draws come from
 * {@link java.util.Random#nextGaussian} seeded with the run seed (direction 1) and seed + 1 (direction 2), so they
 * are reproducible here but not the numbers of PyTorch's generator.
 */
public final class FilterNormalisation {
    static final double MIN_NORM = 1e-10;

    private FilterNormalisation() {
    }

    /** A standard normal direction of {@code size} entries from {@code random}. */
    public static float[] gaussian(Random random, int size) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    /**
     * Rescales {@code direction} in place to the weights' filter norms.
     *
     * @param shape the parameter's shape; rows = shape[0] when it has ≥ 2 dims, else one row
     */
    public static float[] normalise(float[] direction, float[] weights, long[] shape) {
        if (direction.length != weights.length) {
            throw new IllegalArgumentException("direction has " + direction.length + " entries, weights "
                    + weights.length);
        }
        int rows = shape.length >= 2 ? (int) shape[0] : 1;
        int width = rows == 0 ? 0 : direction.length / rows;
        for (int r = 0; r < rows; r++) {
            double dn = 0;
            double wn = 0;
            for (int i = r * width; i < (r + 1) * width; i++) {
                dn += direction[i] * (double) direction[i];
                wn += weights[i] * (double) weights[i];
            }
            double factor = Math.max(Math.sqrt(wn), MIN_NORM) / Math.max(Math.sqrt(dn), MIN_NORM);
            for (int i = r * width; i < (r + 1) * width; i++) {
                direction[i] = (float) (direction[i] * factor);
            }
        }
        return direction;
    }
}
