package dev.graphids.can.sim;

/**
 * Suppress: the target ID sends nothing inside the bursts. A missing frame cannot carry a label, so every frame
 * (of any ID) whose timestamp lies inside a burst is labelled attack instead; frames outside stay benign.
 */
final class SuppressFilter implements FrameSource {
    private final FrameSource source;
    private final AttackPlan plan;

    SuppressFilter(FrameSource source, AttackPlan plan) {
        this.source = source;
        this.plan = plan;
    }

    @Override
    public SimFrame next() {
        for (SimFrame f = source.next(); f != null; f = source.next()) {
            if (!plan.active(f.micros())) {
                return f;
            }
            if (f.id() != plan.targetId()) {
                return f.labelled();
            }
        }
        return null;
    }
}
