package dev.graphids.can.sim;

import java.util.Random;

/**
 * Masquerade: inside the bursts, each frame of the target ID is replaced at the same instant by a forged frame
 * that carries {@code forged} signal values but a correct rolling counter and checksum (the attacker has silenced
 * the real ECU and imitates it). Replaced frames are labelled attack; timing and all other frames are unchanged.
 */
final class MasqueradeRewriter implements FrameSource {
    private final FrameSource source;
    private final AttackPlan plan;
    private final MessageSpec target;
    private final SignalSource forged;
    private final Random rng;
    private long seq;

    MasqueradeRewriter(FrameSource source, AttackPlan plan, MessageSpec target, SignalSource forged, Random rng) {
        this.source = source;
        this.plan = plan;
        this.target = target;
        this.forged = forged;
        this.rng = rng;
    }

    @Override
    public SimFrame next() {
        SimFrame f = source.next();
        if (f == null || f.id() != target.id()) {
            return f;
        }
        long n = seq++;
        if (!plan.active(f.micros())) {
            return f;
        }
        return new SimFrame(f.micros(), f.id(), target.render(n, f.micros() / 1e6, forged, rng), true);
    }
}
