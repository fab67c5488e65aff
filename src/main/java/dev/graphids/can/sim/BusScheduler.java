package dev.graphids.can.sim;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Benign traffic of one vehicle on a 500 kbit/s bus. Each ID gets a random phase in [0, period), a small clock
 * drift (±50 ppm) and, per frame, a uniform send-time jitter of ±{@code jitterFraction}·period around its nominal
 * grid. Frames that become ready while the bus is busy wait; when the bus frees, the lowest pending ID wins
 * arbitration, as on a real bus. The emitted timestamp is the start of transmission.
 *
 * <p>One pending frame per ID lives in a priority queue, so memory is O(number of IDs). The stream is a pure
 * function of (vehicle, capture seed, duration): two schedulers built alike emit identical frames, which replay
 * attacks rely on.
 */
public final class BusScheduler implements FrameSource {
    private static final double MAX_DRIFT_PPM = 50;

    private final long durationMicros;
    private final SignalSource signals;
    private final PriorityQueue<Pending> scheduled =
            new PriorityQueue<>(Comparator.comparingLong((Pending p) -> p.ready).thenComparingInt(p -> p.spec.id()));
    private final PriorityQueue<Pending> ready = new PriorityQueue<>(Comparator.comparingInt(p -> p.spec.id()));
    private long busFree;

    /** Traffic of {@code vehicle} from 0 until {@code durationMicros} (frames ready before then are sent). */
    public BusScheduler(VehicleModel vehicle, long captureSeed, long durationMicros) {
        this.durationMicros = durationMicros;
        this.signals = new DriveCycle(new Random(Seeds.derive(captureSeed, 0xD71E)));
        for (MessageSpec spec : vehicle.messages()) {
            Random rng = new Random(Seeds.derive(captureSeed, spec.id()));
            Pending p = new Pending(spec, rng);
            p.phase = (long) (rng.nextDouble() * spec.periodMicros());
            p.period = spec.periodMicros() * (1 + (rng.nextDouble() * 2 - 1) * MAX_DRIFT_PPM * 1e-6);
            p.schedule();
            if (p.ready < durationMicros) {
                scheduled.add(p);
            }
        }
    }

    @Override
    public SimFrame next() {
        while (true) {
            while (!scheduled.isEmpty() && scheduled.peek().ready <= busFree) {
                ready.add(scheduled.poll());
            }
            if (!ready.isEmpty()) {
                break;
            }
            if (scheduled.isEmpty()) {
                return null;
            }
            busFree = scheduled.peek().ready;
        }
        Pending p = ready.poll();
        byte[] data = p.spec.render(p.seq, p.ready / 1e6, signals, p.rng);
        SimFrame frame = new SimFrame(busFree, p.spec.id(), data, false);
        busFree += FrameBits.frameMicros(p.spec.id(), data, data.length);
        p.seq++;
        p.schedule();
        if (p.ready < durationMicros) {
            scheduled.add(p);
        }
        return frame;
    }

    private static final class Pending {
        final MessageSpec spec;
        final Random rng;
        long phase;
        double period;
        long seq;
        long ready;

        Pending(MessageSpec spec, Random rng) {
            this.spec = spec;
            this.rng = rng;
        }

        /** Sets {@code ready} for frame {@code seq}: nominal grid point plus jitter, never before time 0. */
        void schedule() {
            double nominal = phase + seq * period;
            double jitter = (rng.nextDouble() * 2 - 1) * spec.jitterFraction() * spec.periodMicros();
            ready = Math.max(0, Math.round(nominal + jitter));
        }
    }
}
