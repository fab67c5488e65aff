package dev.graphids.can.sim;

import java.util.Objects;
import java.util.Random;

/**
 * One simulated capture: a vehicle's benign traffic for a duration, optionally with one attack. {@link #open()}
 * returns a fresh lazy stream each time; equal captures give identical streams.
 *
 * @param vehicle        the vehicle
 * @param captureSeed    seed of this capture's phases, jitter, drive cycle and attack randomness
 * @param durationMicros capture length, microseconds
 * @param attack         the attack, or null for attack-free traffic
 */
public record Capture(VehicleModel vehicle, long captureSeed, long durationMicros, AttackPlan attack) {
    /** Forged gear: neutral. */
    static final SignalSource FORGED_GEAR = (q, t) -> 0;
    /** Forged engine speed: 6000 rpm whatever the car does. */
    static final SignalSource FORGED_RPM = (q, t) -> q == Quantity.RPM ? 6000 : 0;
    /** Forged masquerade values: the car reports standing still. */
    static final SignalSource FORGED_STANDSTILL = (q, t) -> 0;

    public Capture {
        Objects.requireNonNull(vehicle, "vehicle");
        if (durationMicros <= 0) {
            throw new IllegalArgumentException("duration must be > 0, was " + durationMicros + " us");
        }
    }

    /** The benign traffic only, whatever the attack (the "copy of benign traffic" the attack was injected into). */
    public FrameSource openBenign() {
        return new BusScheduler(vehicle, captureSeed, durationMicros);
    }

    /** The capture's frames, attack applied, in non-decreasing time order. */
    public FrameSource open() {
        FrameSource benign = openBenign();
        if (attack == null) {
            return benign;
        }
        Random rng = new Random(Seeds.derive(captureSeed, 0xA77AC));
        return switch (attack.kind()) {
            case DOS -> new BusMerger(benign, new PeriodicInjector(attack.bursts(), AttackPlanner.DOS_PERIOD_MICROS,
                    (seq, r) -> new SimFrame(0, 0x000, new byte[8], true), rng));
            case FUZZING -> new BusMerger(benign, new PeriodicInjector(attack.bursts(),
                    AttackPlanner.INJECT_PERIOD_MICROS, Capture::fuzz, rng));
            case GEAR -> spoof(benign, FORGED_GEAR, rng);
            case RPM -> spoof(benign, FORGED_RPM, rng);
            case REPLAY -> new BusMerger(benign,
                    new ReplayInjector(attack.bursts(), attack.replayShiftsMicros(), this::openBenign));
            case SUPPRESS -> new SuppressFilter(benign, attack);
            case MASQUERADE -> new MasqueradeRewriter(benign, attack, vehicle.message(attack.targetId()),
                    FORGED_STANDSTILL, rng);
        };
    }

    private FrameSource spoof(FrameSource benign, SignalSource forged, Random rng) {
        MessageSpec target = vehicle.message(attack.targetId());
        byte[] fixed = target.render(0, 0, forged, new Random(Seeds.derive(captureSeed, target.id())));
        return new BusMerger(benign, new PeriodicInjector(attack.bursts(), AttackPlanner.INJECT_PERIOD_MICROS,
                (seq, r) -> new SimFrame(0, target.id(), fixed, true), rng));
    }

    private static SimFrame fuzz(long seq, Random rng) {
        byte[] data = new byte[8];
        rng.nextBytes(data);
        return new SimFrame(0, rng.nextInt(0x800), data, true);
    }
}
