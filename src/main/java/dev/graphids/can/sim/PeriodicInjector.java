package dev.graphids.can.sim;

import java.util.List;
import java.util.Random;

/**
 * Attack frames at a fixed period inside each burst (DoS, fuzzing, spoofing), with a ±5 % uniform timing jitter
 * as a software attacker has. Every frame is labelled attack.
 */
final class PeriodicInjector implements FrameSource {
    /** Makes the content of injected frame number {@code seq}; returns a frame whose time is ignored. */
    @FunctionalInterface
    interface Payloads {
        SimFrame make(long seq, Random rng);
    }

    private final List<Interval> bursts;
    private final long periodMicros;
    private final Payloads payloads;
    private final Random rng;
    private int burst;
    private long k;
    private long seq;

    PeriodicInjector(List<Interval> bursts, long periodMicros, Payloads payloads, Random rng) {
        this.bursts = bursts;
        this.periodMicros = periodMicros;
        this.payloads = payloads;
        this.rng = rng;
    }

    @Override
    public SimFrame next() {
        while (burst < bursts.size()) {
            Interval b = bursts.get(burst);
            long t = b.startMicros() + k * periodMicros;
            if (t < b.endMicros()) {
                k++;
                long jitter = Math.round((rng.nextDouble() * 2 - 1) * 0.05 * periodMicros);
                long at = Math.max(b.startMicros(), Math.min(b.endMicros() - 1, t + jitter));
                SimFrame content = payloads.make(seq++, rng);
                return new SimFrame(at, content.id(), content.data(), true);
            }
            burst++;
            k = 0;
        }
        return null;
    }
}
