package dev.graphids.can.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Places an attack's bursts in a capture. The first {@value #LEAD_IN_PERCENT} % of the capture is attack-free;
 * the rest is split into {@value #BURSTS} equal slots with one burst at a random position in each. Burst lengths
 * are chosen so that the attack frames are about {@value #TARGET_PERCENT} % of the benign frames (for
 * masquerade, whose labelled frames are only the target ID's, at most 30 % of the capture is attacked), but each
 * burst is at least 0.1 s (suppress: at least ten periods of its ID) and at most 80 % of its slot. A replayed
 * slice is recorded from the attack-free lead-in.
 */
public final class AttackPlanner {
    static final int LEAD_IN_PERCENT = 20;
    static final int BURSTS = 2;
    static final int TARGET_PERCENT = 3;
    /** DoS frame period, microseconds. */
    static final long DOS_PERIOD_MICROS = 600;
    /** Fuzzing and spoofing frame period, microseconds. */
    static final long INJECT_PERIOD_MICROS = 1000;

    private AttackPlanner() {
    }

    /** A plan for {@code kind} against {@code vehicle} in a capture of {@code durationMicros}. */
    public static AttackPlan plan(VehicleModel vehicle, AttackKind kind, long durationMicros, Random rng) {
        double seconds = durationMicros / 1e6;
        double benignFrames = vehicle.framesPerSecond() * seconds;
        int target = switch (kind) {
            case GEAR -> vehicle.gearId();
            case RPM -> vehicle.rpmId();
            case SUPPRESS -> vehicle.suppressId();
            case MASQUERADE -> vehicle.masqueradeId();
            default -> -1;
        };
        double attackRate = switch (kind) {
            case DOS -> 1e6 / DOS_PERIOD_MICROS;
            case FUZZING, GEAR, RPM -> 1e6 / INJECT_PERIOD_MICROS;
            case REPLAY, SUPPRESS -> vehicle.framesPerSecond();
            case MASQUERADE -> vehicle.message(target).rate();
        };
        double total = TARGET_PERCENT / 100.0 * benignFrames / attackRate;
        if (kind == AttackKind.MASQUERADE) {
            total = Math.min(total, 0.3 * seconds);
        }
        double minBurst = kind == AttackKind.SUPPRESS
                ? Math.max(0.1, 10 * vehicle.message(target).periodMicros() / 1e6) : 0.1;

        long leadIn = durationMicros * LEAD_IN_PERCENT / 100;
        long slot = (durationMicros - leadIn) / BURSTS;
        long length = Math.round(Math.min(0.8 * slot, Math.max(minBurst * 1e6, total / BURSTS * 1e6)));
        List<Interval> bursts = new ArrayList<>();
        List<Long> shifts = new ArrayList<>();
        for (int i = 0; i < BURSTS; i++) {
            long slotStart = leadIn + i * slot;
            long start = slotStart + (long) (rng.nextDouble() * (slot - length));
            bursts.add(new Interval(start, start + length));
            if (kind == AttackKind.REPLAY) {
                // the recorded slice lies in the attack-free lead-in, so it never contains attack frames
                long sliceStart = (long) (rng.nextDouble() * Math.max(0, leadIn - length));
                shifts.add(start - sliceStart);
            }
        }
        return new AttackPlan(kind, target, bursts, shifts);
    }
}
