package dev.graphids.can.sim;

import java.util.List;
import java.util.function.Supplier;

/**
 * Replay: for each burst, the frames the capture itself carried during {@code [start - shift, end - shift)} are
 * sent again, shifted by {@code shift} into the burst and labelled attack. The earlier frames are not buffered:
 * a second, identical scheduler regenerates them (the benign stream is a pure function of its seed).
 */
final class ReplayInjector implements FrameSource {
    private final List<Interval> bursts;
    private final List<Long> shifts;
    private final Supplier<FrameSource> benign;
    private int burst = -1;
    private FrameSource source;

    ReplayInjector(List<Interval> bursts, List<Long> shifts, Supplier<FrameSource> benign) {
        this.bursts = bursts;
        this.shifts = shifts;
        this.benign = benign;
    }

    @Override
    public SimFrame next() {
        while (true) {
            if (source == null) {
                if (++burst >= bursts.size()) {
                    return null;
                }
                source = benign.get();
            }
            Interval b = bursts.get(burst);
            long shift = shifts.get(burst);
            SimFrame f = source.next();
            if (f == null || f.micros() + shift >= b.endMicros()) {
                source = null;
                continue;
            }
            if (f.micros() + shift >= b.startMicros()) {
                return new SimFrame(f.micros() + shift, f.id(), f.data(), true);
            }
        }
    }
}
