package dev.graphids.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant on a path a backward may run through. Use these instead of DJL's
 * {@code x.mul(Number)}, {@code div}, {@code pow}, {@code maximum}, {@code minimum}: DJL wraps the number in a tensor
 * over a Java direct buffer (no copy on CPU) and closes it at once, but autograd keeps that tensor for the backward of
 * these five operations. Once the garbage collector frees the buffer, the backward reads whatever now lies there —
 * gradients off by up to 1e33 in a few percent of steps (the VGAE's run-to-run differences and NaN losses). Here the
 * constant is a 0-d tensor whose storage libtorch owns. {@code add}/{@code sub} with a number save nothing and are
 * safe as they are.
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d tensor of {@code like}'s type on its manager, allocated by libtorch. */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    public static NDArray plus(NDArray x, double c) {
        return x.add(constant(x, c));
    }

    public static NDArray times(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    public static NDArray dividedBy(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    public static NDArray power(NDArray x, double c) {
        return x.pow(constant(x, c));
    }

    public static NDArray atLeast(NDArray x, double c) {
        return x.maximum(constant(x, c));
    }

    public static NDArray atMost(NDArray x, double c) {
        return x.minimum(constant(x, c));
    }
}
