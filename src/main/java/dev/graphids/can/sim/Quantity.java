package dev.graphids.can.sim;

/** A physical signal a message can carry; {@link DriveCycle} gives its value over time, in the unit named here. */
public enum Quantity {
    /** Vehicle speed, km/h. */
    SPEED,
    /** Engine speed, revolutions per minute. */
    RPM,
    /** Accelerator pedal position, percent 0..100. */
    THROTTLE,
    /** Engine torque, newton metres. */
    TORQUE,
    /** Steering wheel angle, degrees (positive left). */
    STEERING,
    /** Yaw rate, degrees per second. */
    YAW,
    /** Average wheel speed, km/h (vehicle speed plus per-wheel slip noise). */
    WHEEL_SPEED,
    /** Brake pressure, bar. */
    BRAKE,
    /** Selected gear, 0 (neutral) .. 6. */
    GEAR,
    /** Coolant temperature, degrees Celsius. */
    COOLANT,
    /** Fuel level, percent. */
    FUEL
}
