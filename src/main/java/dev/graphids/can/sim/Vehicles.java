package dev.graphids.can.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The two built-in vehicles. Their ID tables (ID, period, DLC, layout, carried quantity) are fixed; constant bytes
 * and jitter are drawn from a fixed per-vehicle seed, so a vehicle is the same car under every simulation seed.
 * Vehicle A has 32 IDs (mostly 10 and 20 ms; measured bus load about 43 %); vehicle B has 30 IDs, shares six IDs
 * with A and adds 25 and 40 ms periods (about 35 %).
 */
public final class Vehicles {
    private Vehicles() {
    }

    /** How a message lays out its payload. */
    private enum Layout { DYNAMICS, CHASSIS, STATUS, BODY, CONSTANT }

    private record Row(int id, int periodMs, int dlc, Layout layout, Quantity quantity) {
    }

    /** The known vehicle: training data and the "known vehicle" test folders. */
    public static VehicleModel vehicleA() {
        List<Row> rows = List.of(
                row(0x080, 10, 8, Layout.DYNAMICS, Quantity.RPM),
                row(0x081, 10, 8, Layout.DYNAMICS, Quantity.THROTTLE),
                row(0x0C1, 10, 8, Layout.CHASSIS, Quantity.WHEEL_SPEED),
                row(0x0C5, 10, 8, Layout.CHASSIS, Quantity.WHEEL_SPEED),
                row(0x110, 10, 8, Layout.DYNAMICS, Quantity.SPEED),
                row(0x153, 10, 8, Layout.CHASSIS, Quantity.YAW),
                row(0x164, 10, 8, Layout.STATUS, Quantity.BRAKE),
                row(0x18F, 10, 8, Layout.DYNAMICS, Quantity.TORQUE),
                row(0x1F1, 20, 8, Layout.STATUS, Quantity.SPEED),
                row(0x220, 10, 8, Layout.CHASSIS, Quantity.STEERING),
                row(0x260, 10, 8, Layout.DYNAMICS, Quantity.TORQUE),
                row(0x2A0, 10, 8, Layout.STATUS, Quantity.THROTTLE),
                row(0x2B0, 10, 5, Layout.CHASSIS, Quantity.STEERING),
                row(0x316, 10, 8, Layout.DYNAMICS, Quantity.RPM),
                row(0x329, 10, 8, Layout.DYNAMICS, Quantity.COOLANT),
                row(0x350, 20, 8, Layout.STATUS, Quantity.SPEED),
                row(0x370, 20, 8, Layout.BODY, null),
                row(0x382, 20, 8, Layout.STATUS, Quantity.TORQUE),
                row(0x43F, 20, 8, Layout.STATUS, Quantity.GEAR),
                row(0x440, 20, 8, Layout.BODY, null),
                row(0x4B0, 20, 8, Layout.CONSTANT, null),
                row(0x4F0, 50, 8, Layout.STATUS, Quantity.COOLANT),
                row(0x4F1, 100, 4, Layout.BODY, null),
                row(0x510, 100, 8, Layout.STATUS, Quantity.FUEL),
                row(0x545, 50, 8, Layout.DYNAMICS, Quantity.COOLANT),
                row(0x587, 100, 8, Layout.BODY, null),
                row(0x59B, 100, 6, Layout.CONSTANT, null),
                row(0x5A0, 200, 8, Layout.STATUS, Quantity.FUEL),
                row(0x5E4, 200, 3, Layout.BODY, null),
                row(0x5F0, 500, 2, Layout.BODY, null),
                row(0x690, 1000, 8, Layout.CONSTANT, null),
                row(0x7D0, 1000, 8, Layout.BODY, null));
        return new VehicleModel("A", build(rows, 0xA11CEL), 0x43F, 0x316, 0x1F1, 0x110);
    }

    /** The unknown vehicle: only in the "unknown vehicle" test folders. Shares 0x080, 0x110, 0x153, 0x220, 0x260, 0x4B0 with A. */
    public static VehicleModel vehicleB() {
        List<Row> rows = List.of(
                row(0x080, 10, 8, Layout.DYNAMICS, Quantity.RPM),
                row(0x0A5, 10, 8, Layout.DYNAMICS, Quantity.SPEED),
                row(0x110, 10, 8, Layout.DYNAMICS, Quantity.SPEED),
                row(0x130, 20, 8, Layout.CHASSIS, Quantity.WHEEL_SPEED),
                row(0x131, 20, 8, Layout.CHASSIS, Quantity.WHEEL_SPEED),
                row(0x153, 10, 8, Layout.CHASSIS, Quantity.YAW),
                row(0x1A0, 10, 8, Layout.DYNAMICS, Quantity.RPM),
                row(0x1B0, 10, 8, Layout.DYNAMICS, Quantity.TORQUE),
                row(0x220, 10, 8, Layout.CHASSIS, Quantity.STEERING),
                row(0x260, 20, 8, Layout.DYNAMICS, Quantity.TORQUE),
                row(0x2C4, 10, 8, Layout.STATUS, Quantity.THROTTLE),
                row(0x2E0, 25, 8, Layout.CHASSIS, Quantity.STEERING),
                row(0x2E1, 25, 6, Layout.CHASSIS, Quantity.YAW),
                row(0x33A, 10, 8, Layout.STATUS, Quantity.BRAKE),
                row(0x366, 40, 8, Layout.STATUS, Quantity.FUEL),
                row(0x3B6, 20, 8, Layout.STATUS, Quantity.GEAR),
                row(0x3C0, 20, 8, Layout.BODY, null),
                row(0x400, 20, 8, Layout.STATUS, Quantity.COOLANT),
                row(0x410, 20, 7, Layout.STATUS, Quantity.TORQUE),
                row(0x480, 50, 8, Layout.DYNAMICS, Quantity.COOLANT),
                row(0x490, 50, 8, Layout.BODY, null),
                row(0x4B0, 20, 8, Layout.CONSTANT, null),
                row(0x500, 100, 8, Layout.BODY, null),
                row(0x520, 100, 8, Layout.STATUS, Quantity.FUEL),
                row(0x57F, 100, 8, Layout.CONSTANT, null),
                row(0x5A2, 100, 4, Layout.BODY, null),
                row(0x610, 200, 4, Layout.BODY, null),
                row(0x620, 200, 8, Layout.CONSTANT, null),
                row(0x6A0, 500, 2, Layout.BODY, null),
                row(0x7A0, 1000, 8, Layout.BODY, null));
        return new VehicleModel("B", build(rows, 0xB0B5L), 0x3B6, 0x1A0, 0x2C4, 0x0A5);
    }

    private static Row row(int id, int periodMs, int dlc, Layout layout, Quantity q) {
        return new Row(id, periodMs, dlc, layout, q);
    }

    private static List<MessageSpec> build(List<Row> rows, long vehicleSeed) {
        Random rng = new Random(vehicleSeed);
        List<MessageSpec> out = new ArrayList<>();
        for (Row r : rows) {
            byte[] defaults = new byte[r.dlc()];
            for (int i = 0; i < defaults.length; i++) {
                double u = rng.nextDouble();
                defaults[i] = u < 0.45 ? 0 : u < 0.55 ? (byte) 0xFF : (byte) rng.nextInt(256);
            }
            double jitter = 0.01 + 0.02 * rng.nextDouble();
            out.add(new MessageSpec(r.id(), r.periodMs() * 1000L, r.dlc(), jitter, defaults, fields(r)));
        }
        out.sort(Comparator.comparingInt(MessageSpec::id));
        return out;
    }

    private static List<PayloadField> fields(Row r) {
        int n = r.dlc();
        Quantity q = r.quantity();
        List<PayloadField> f = new ArrayList<>();
        switch (r.layout()) {
            case DYNAMICS -> {
                f.add(wide(0, q, 0.6));
                f.add(new PayloadField.Noise(4, 1));
                f.add(new PayloadField.Counter(6, 4));
                f.add(new PayloadField.Checksum(7, false));
            }
            case CHASSIS -> {
                f.add(wide(0, q, 1.5));
                if (n >= 8) {
                    f.add(wide(2, q, 3.0));
                }
                f.add(new PayloadField.Counter(n - 2, 8));
                f.add(new PayloadField.Checksum(n - 1, true));
            }
            case STATUS -> {
                f.add(new PayloadField.Counter(0, 4));
                f.add(narrow(1, q));
                if (n >= 8) {
                    f.add(new PayloadField.Checksum(n - 1, false));
                }
            }
            case BODY -> f.add(new PayloadField.Counter(n - 1, 4));
            case CONSTANT -> {
                // all bytes constant
            }
        }
        return f;
    }

    /** A two-byte encoding with a resolution that keeps the quantity's range inside 0..65535. */
    private static PayloadField wide(int offset, Quantity q, double noise) {
        return switch (q) {
            case SPEED, WHEEL_SPEED -> new PayloadField.Signal(offset, 2, q, 0.01, 0, noise);
            case RPM -> new PayloadField.Signal(offset, 2, q, 0.25, 0, noise);
            case THROTTLE -> new PayloadField.Signal(offset, 2, q, 0.01, 0, noise);
            case TORQUE -> new PayloadField.Signal(offset, 2, q, 0.1, -100, noise);
            case STEERING -> new PayloadField.Signal(offset, 2, q, 0.1, -3276.8, noise);
            case YAW -> new PayloadField.Signal(offset, 2, q, 0.01, -327.68, noise);
            case BRAKE, FUEL -> new PayloadField.Signal(offset, 2, q, 0.01, 0, noise);
            case GEAR -> new PayloadField.Signal(offset, 2, q, 1, 0, 0);
            case COOLANT -> new PayloadField.Signal(offset, 2, q, 0.1, -40, noise);
        };
    }

    /** A one-byte, coarse encoding; no noise except on fast-moving quantities. */
    private static PayloadField narrow(int offset, Quantity q) {
        return switch (q) {
            case SPEED, WHEEL_SPEED -> new PayloadField.Signal(offset, 1, q, 1, 0, 0.3);
            case RPM -> new PayloadField.Signal(offset, 1, q, 32, 0, 0);
            case THROTTLE -> new PayloadField.Signal(offset, 1, q, 0.4, 0, 0.3);
            case TORQUE -> new PayloadField.Signal(offset, 1, q, 2, -100, 0.3);
            case STEERING -> new PayloadField.Signal(offset, 1, q, 2, -256, 0.3);
            case YAW -> new PayloadField.Signal(offset, 1, q, 0.5, -64, 0.3);
            case BRAKE -> new PayloadField.Signal(offset, 1, q, 0.5, 0, 0);
            case GEAR -> new PayloadField.Signal(offset, 1, q, 1, 0, 0);
            case COOLANT -> new PayloadField.Signal(offset, 1, q, 1, -40, 0);
            case FUEL -> new PayloadField.Signal(offset, 1, q, 0.5, 0, 0);
        };
    }
}
