package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttackInjectionTest {
    private static final VehicleModel A = Vehicles.vehicleA();
    private static final long DURATION = 30_000_000;
    private static final long SEED = 1234;
    private static final Map<AttackKind, Capture> CAPTURES = new EnumMap<>(AttackKind.class);
    private static final Map<AttackKind, List<SimFrame>> FRAMES = new EnumMap<>(AttackKind.class);
    private static List<SimFrame> benign;

    @BeforeAll
    static void simulate() {
        benign = Frames.drain(new BusScheduler(A, SEED, DURATION));
        for (AttackKind kind : AttackKind.values()) {
            AttackPlan plan = AttackPlanner.plan(A, kind, DURATION, new Random(kind.ordinal()));
            Capture c = new Capture(A, SEED, DURATION, plan);
            CAPTURES.put(kind, c);
            FRAMES.put(kind, Frames.drain(c.open()));
        }
    }

    private static List<SimFrame> attackFrames(AttackKind kind) {
        return FRAMES.get(kind).stream().filter(SimFrame::attack).toList();
    }

    private static AttackPlan plan(AttackKind kind) {
        return CAPTURES.get(kind).attack();
    }

    @Test
    void everyAttackLabelsAFewPercentOfFramesAfterAnAttackFreeLeadIn() {
        for (AttackKind kind : AttackKind.values()) {
            List<SimFrame> frames = FRAMES.get(kind);
            List<SimFrame> attacks = attackFrames(kind);
            double fraction = attacks.size() / (double) frames.size();
            assertThat(fraction).as("attack fraction of %s", kind).isBetween(0.01, 0.06);
            assertThat(attacks.get(0).micros()).as(kind.name())
                    .isGreaterThanOrEqualTo(DURATION * AttackPlanner.LEAD_IN_PERCENT / 100);
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).micros()).isGreaterThanOrEqualTo(frames.get(i - 1).micros());
            }
        }
    }

    @Test
    void attackIntervalsAreDisjointAndInsideTheCapture() {
        for (AttackKind kind : AttackKind.values()) {
            List<Interval> bursts = plan(kind).bursts();
            assertThat(bursts).hasSize(AttackPlanner.BURSTS);
            assertThat(bursts.get(0).endMicros()).isLessThanOrEqualTo(bursts.get(1).startMicros());
            assertThat(bursts.get(1).endMicros()).isLessThanOrEqualTo(DURATION);
        }
    }

    @Test
    void dosFloodsIdZeroAtHighRateInsideItsBursts() {
        List<SimFrame> attacks = attackFrames(AttackKind.DOS);
        assertThat(attacks).allMatch(f -> f.id() == 0 && f.data().length == 8);
        Interval b = plan(AttackKind.DOS).bursts().get(0);
        long inBurst = attacks.stream().filter(f -> b.contains(f.micros())).count();
        assertThat(inBurst / (b.lengthMicros() / 1e6)).as("DoS frames per second").isGreaterThan(1000);
        assertThat(benign).noneMatch(f -> f.id() == 0);
    }

    @Test
    void fuzzingSendsManyRandomIds() {
        Set<Integer> ids = new HashSet<>();
        attackFrames(AttackKind.FUZZING).forEach(f -> ids.add(f.id()));
        assertThat(ids.size()).isGreaterThan(200);
    }

    @Test
    void spoofingSendsOneFixedPayloadOfTheTargetIdFasterThanItsPeriod() {
        for (AttackKind kind : List.of(AttackKind.GEAR, AttackKind.RPM)) {
            int target = kind == AttackKind.GEAR ? A.gearId() : A.rpmId();
            List<SimFrame> attacks = attackFrames(kind);
            assertThat(plan(kind).targetId()).isEqualTo(target);
            assertThat(attacks).allMatch(f -> f.id() == target);
            assertThat(attacks.stream().map(f -> java.util.HexFormat.of().formatHex(f.data())).distinct())
                    .hasSize(1);
            Interval b = plan(kind).bursts().get(0);
            double rate = attacks.stream().filter(f -> b.contains(f.micros())).count() / (b.lengthMicros() / 1e6);
            assertThat(rate).isGreaterThan(5 * A.message(target).rate());
        }
    }

    @Test
    void replayResendsAnEarlierSliceOfTheCaptureShiftedIntoTheBurst() {
        AttackPlan p = plan(AttackKind.REPLAY);
        long shift = p.replayShiftsMicros().get(0);
        Interval b = p.bursts().get(0);
        List<SimFrame> expected = benign.stream()
                .filter(f -> f.micros() + shift >= b.startMicros() && f.micros() + shift < b.endMicros()).toList();
        List<SimFrame> replayed = attackFrames(AttackKind.REPLAY).stream()
                .filter(f -> f.micros() < p.bursts().get(1).startMicros()).toList();
        assertThat(replayed).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(replayed.get(i).id()).isEqualTo(expected.get(i).id());
            assertThat(replayed.get(i).data()).isEqualTo(expected.get(i).data());
            // bus queueing may delay a replayed frame a little, never advance it
            assertThat(replayed.get(i).micros() - shift - expected.get(i).micros()).isBetween(0L, 5_000L);
        }
    }

    @Test
    void suppressSilencesTheTargetAndLabelsEveryFrameInsideTheInterval() {
        AttackPlan p = plan(AttackKind.SUPPRESS);
        List<SimFrame> frames = FRAMES.get(AttackKind.SUPPRESS);
        assertThat(p.targetId()).isEqualTo(A.suppressId());
        for (SimFrame f : frames) {
            assertThat(f.attack()).isEqualTo(p.active(f.micros()));
            if (p.active(f.micros())) {
                assertThat(f.id()).isNotEqualTo(p.targetId());
            }
        }
        List<Long> target = frames.stream().filter(f -> f.id() == p.targetId()).map(SimFrame::micros).toList();
        long longestGap = 0;
        for (int i = 1; i < target.size(); i++) {
            longestGap = Math.max(longestGap, target.get(i) - target.get(i - 1));
        }
        assertThat(longestGap).isGreaterThanOrEqualTo(p.bursts().get(0).lengthMicros());
        // everything else is the benign traffic, untouched
        assertThat(frames.size() + benign.stream().filter(f -> f.id() == p.targetId() && p.active(f.micros()))
                .count()).isEqualTo(benign.size());
    }

    @Test
    void masqueradeReplacesTargetPayloadsAtTheSameInstants() {
        AttackPlan p = plan(AttackKind.MASQUERADE);
        List<SimFrame> frames = FRAMES.get(AttackKind.MASQUERADE);
        assertThat(frames).hasSameSizeAs(benign);
        int replaced = 0;
        for (int i = 0; i < frames.size(); i++) {
            SimFrame f = frames.get(i);
            SimFrame b = benign.get(i);
            assertThat(f.micros()).isEqualTo(b.micros());
            assertThat(f.id()).isEqualTo(b.id());
            boolean forged = f.id() == p.targetId() && p.active(f.micros());
            assertThat(f.attack()).isEqualTo(forged);
            if (forged) {
                replaced++;
                int speed = (f.data()[0] & 0xff) << 8 | (f.data()[1] & 0xff);
                assertThat(speed).as("forged speed is 0 km/h give or take sensor noise").isLessThanOrEqualTo(3);
                assertThat(f.data()[6] & 0x0f).as("counter kept").isEqualTo(b.data()[6] & 0x0f);
            } else {
                assertThat(f.data()).isEqualTo(b.data());
            }
        }
        assertThat(replaced).isGreaterThan(50);
    }
}
