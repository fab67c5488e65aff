package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VehicleModelTest {
    private static final List<VehicleModel> VEHICLES = List.of(Vehicles.vehicleA(), Vehicles.vehicleB());

    @Test
    void vehiclesHaveTwentyToFortyElevenBitIdsWithPeriodsFrom10msTo1s() {
        for (VehicleModel v : VEHICLES) {
            assertThat(v.messages()).hasSizeBetween(20, 40);
            for (MessageSpec m : v.messages()) {
                assertThat(m.id()).isBetween(1, 0x7FF);
                assertThat(m.periodMicros()).isBetween(10_000L, 1_000_000L);
                assertThat(m.jitterFraction()).isBetween(0.01, 0.03);
            }
            assertThat(v.messages()).anyMatch(m -> m.dlc() < 8);
        }
    }

    @Test
    void vehiclesDifferButShareSomeIds() {
        Set<Integer> a = new HashSet<>(VEHICLES.get(0).messages().stream().map(MessageSpec::id).toList());
        Set<Integer> b = new HashSet<>(VEHICLES.get(1).messages().stream().map(MessageSpec::id).toList());
        Set<Integer> shared = new HashSet<>(a);
        shared.retainAll(b);
        assertThat(shared).hasSizeBetween(3, Math.min(a.size(), b.size()) / 2);
    }

    @Test
    void measuredBusLoadIsBetween30And60PercentForEachVehicle() {
        long duration = 20_000_000;
        for (VehicleModel v : VEHICLES) {
            long bits = 0;
            for (SimFrame f : Frames.drain(new BusScheduler(v, 42, duration))) {
                bits += f.bits();
            }
            double load = bits / (duration / 1e6 * FrameBits.BITRATE);
            assertThat(load).as("bus load of vehicle %s", v.name()).isBetween(0.30, 0.60);
        }
    }

    @Test
    void payloadsCarryRollingCountersAndValidChecksums() {
        VehicleModel a = Vehicles.vehicleA();
        MessageSpec m = a.message(0x080); // dynamics layout: 4-bit counter in byte 6, XOR checksum in byte 7
        List<SimFrame> frames = Frames.drain(new BusScheduler(a, 3, 1_000_000)).stream()
                .filter(f -> f.id() == m.id()).toList();
        assertThat(frames).hasSizeBetween(95, 105);
        for (int i = 0; i < frames.size(); i++) {
            byte[] d = frames.get(i).data();
            assertThat(d[6] & 0x0f).isEqualTo(i & 0x0f);
            int xor = 0;
            for (int k = 0; k < 7; k++) {
                xor ^= d[k] & 0xff;
            }
            assertThat(d[7] & 0xff).isEqualTo(xor);
        }
    }
}
