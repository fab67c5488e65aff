package dev.graphids.can.sim;

import java.util.Random;

/**
 * A smooth, seeded drive: speed is a sum of slow sinusoids (periods of minutes and tens of seconds), and the other
 * {@link Quantity quantities} follow from it (RPM from speed and gear, throttle from acceleration, steering as a
 * slow weave). Values are pure functions of the time since capture start, so every ID that carries speed agrees at
 * the same instant. Per-frame measurement noise is added by the payload fields, not here.
 */
public final class DriveCycle implements SignalSource {
    private static final double TWO_PI = 2 * Math.PI;
    private final double phaseSlow;
    private final double phaseMid;
    private final double phaseSteer;
    private final double cruise;
    private final double coolantStart;
    private final double fuelStart;

    /** A drive whose phases and levels are drawn from {@code rng}. */
    public DriveCycle(Random rng) {
        this.phaseSlow = rng.nextDouble() * TWO_PI;
        this.phaseMid = rng.nextDouble() * TWO_PI;
        this.phaseSteer = rng.nextDouble() * TWO_PI;
        this.cruise = 35 + rng.nextDouble() * 40;
        this.coolantStart = 70 + rng.nextDouble() * 20;
        this.fuelStart = 20 + rng.nextDouble() * 70;
    }

    @Override
    public double value(Quantity q, double t) {
        return switch (q) {
            case SPEED, WHEEL_SPEED -> speed(t);
            case RPM -> rpm(t);
            case THROTTLE -> Math.max(0, Math.min(100, 18 + 6 * acceleration(t) + 0.15 * speed(t)));
            case TORQUE -> Math.max(-20, 40 + 25 * acceleration(t) + 0.8 * speed(t));
            case STEERING -> 25 * Math.sin(TWO_PI * t / 11 + phaseSteer) + 8 * Math.sin(TWO_PI * t / 3.1 + phaseMid);
            case YAW -> speed(t) / 60.0 * 6 * Math.sin(TWO_PI * t / 11 + phaseSteer);
            case BRAKE -> Math.max(0, -12 * acceleration(t));
            case GEAR -> gear(speed(t));
            case COOLANT -> Math.min(92, coolantStart + t / 30.0);
            case FUEL -> Math.max(0, fuelStart - t / 600.0);
        };
    }

    private double speed(double t) {
        double v = cruise + 30 * Math.sin(TWO_PI * t / 170 + phaseSlow) + 9 * Math.sin(TWO_PI * t / 23 + phaseMid);
        return Math.max(0, v);
    }

    /** Derivative of the speed, km/h per second. */
    private double acceleration(double t) {
        return (speed(t + 0.05) - speed(t - 0.05)) / 0.1;
    }

    private double rpm(double t) {
        double v = speed(t);
        int g = gear(v);
        if (g == 0) {
            return 750;
        }
        double[] ratio = {0, 110, 70, 48, 36, 29, 24};
        return Math.min(6500, 750 + v * ratio[g]);
    }

    private static int gear(double speed) {
        if (speed < 1) {
            return 0;
        }
        return speed < 15 ? 1 : speed < 30 ? 2 : speed < 45 ? 3 : speed < 60 ? 4 : speed < 80 ? 5 : 6;
    }
}
