package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusSchedulerTest {
    private static final VehicleModel A = Vehicles.vehicleA();

    @Test
    void framesNeverOverlapOnTheBus() {
        List<SimFrame> frames = Frames.drain(new BusScheduler(A, 5, 5_000_000));
        for (int i = 1; i < frames.size(); i++) {
            SimFrame prev = frames.get(i - 1);
            assertThat(frames.get(i).micros())
                    .isGreaterThanOrEqualTo(prev.micros() + FrameBits.frameMicros(prev.id(), prev.data(),
                            prev.data().length));
        }
    }

    @Test
    void sameSeedGivesIdenticalFramesAndOtherSeedsDiffer() {
        List<SimFrame> one = Frames.drain(new BusScheduler(A, 9, 2_000_000));
        List<SimFrame> two = Frames.drain(new BusScheduler(A, 9, 2_000_000));
        List<SimFrame> other = Frames.drain(new BusScheduler(A, 10, 2_000_000));
        assertThat(one).hasSameSizeAs(two);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i).micros()).isEqualTo(one.get(i).micros());
            assertThat(two.get(i).id()).isEqualTo(one.get(i).id());
            assertThat(two.get(i).data()).isEqualTo(one.get(i).data());
        }
        assertThat(other.get(0).micros()).isNotEqualTo(one.get(0).micros());
    }

    @Test
    void observedPeriodsMatchNominalPeriodsWithSmallJitter() {
        long duration = 10_000_000;
        Map<Integer, long[]> firstLastCount = new HashMap<>();
        for (SimFrame f : Frames.drain(new BusScheduler(A, 11, duration))) {
            long[] s = firstLastCount.computeIfAbsent(f.id(), k -> new long[] {f.micros(), 0, 0});
            s[1] = f.micros();
            s[2]++;
        }
        assertThat(firstLastCount).hasSize(A.messages().size());
        for (MessageSpec m : A.messages()) {
            long[] s = firstLastCount.get(m.id());
            if (s[2] >= 10) {
                double mean = (s[1] - s[0]) / (double) (s[2] - 1);
                assertThat(mean).as("mean period of %03X", m.id())
                        .isCloseTo(m.periodMicros(), org.assertj.core.data.Percentage.withPercentage(1));
            }
        }
    }
}
