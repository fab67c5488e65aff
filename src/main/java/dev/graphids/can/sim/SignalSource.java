package dev.graphids.can.sim;

/** Physical values over time: the honest {@link DriveCycle}, or the fixed values a masquerading attacker sends. */
@FunctionalInterface
public interface SignalSource {
    /** The value of {@code q} at {@code t} seconds after capture start, in the unit documented on {@link Quantity}. */
    double value(Quantity q, double t);
}
