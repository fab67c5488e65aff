package dev.graphids.can.sim;

/**
 * A finite stream of simulated frames in non-decreasing time order. Implementations generate lazily, so a capture
 * of any length needs memory proportional to the number of IDs, not of frames.
 */
public interface FrameSource {
    /** The next frame, or null when the stream has ended (and on every later call). */
    SimFrame next();
}
