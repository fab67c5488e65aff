package dev.graphids.can.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Renders {@code simulation.json}: format version, seed, minutes, bit rate, the vehicles (IDs with period in ms,
 * DLC and jitter; attack target IDs) and every file (vehicle, attack, target ID, burst intervals as epoch seconds,
 * frames, attack frames, measured bus load, copy source). IDs are written as three uppercase hex digits, as in
 * the CSV files.
 */
final class SimulationManifest {
    static final String FORMAT = "graphids-simulation/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SimulationManifest() {
    }

    static String toJson(SimulationSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("seed", s.config().seed());
        root.put("minutes", s.config().minutes());
        root.put("gzip", s.config().gzip());
        root.put("bitrate", FrameBits.BITRATE);
        root.put("suppress_labels", "every frame whose timestamp lies inside a suppress interval is attack=1");
        root.put("masquerade_labels", "only the replaced frames of the target ID are attack=1");
        ArrayNode vehicles = root.putArray("vehicles");
        for (VehicleModel v : s.vehicles()) {
            ObjectNode vn = vehicles.addObject();
            vn.put("name", v.name());
            vn.put("frames_per_second", v.framesPerSecond());
            vn.put("gear_id", hex(v.gearId()));
            vn.put("rpm_id", hex(v.rpmId()));
            vn.put("suppress_id", hex(v.suppressId()));
            vn.put("masquerade_id", hex(v.masqueradeId()));
            ArrayNode ids = vn.putArray("messages");
            for (MessageSpec m : v.messages()) {
                ObjectNode mn = ids.addObject();
                mn.put("id", hex(m.id()));
                mn.put("period_ms", m.periodMicros() / 1000.0);
                mn.put("dlc", m.dlc());
                mn.put("jitter_fraction", Math.round(m.jitterFraction() * 1e4) / 1e4);
            }
        }
        ArrayNode files = root.putArray("files");
        for (FileSummary f : s.files()) {
            ObjectNode fn = files.addObject();
            fn.put("path", f.path());
            fn.put("vehicle", f.vehicle());
            fn.put("attack", f.plan() == null ? "none" : f.plan().kind().label());
            if (f.copyOf() != null) {
                fn.put("copy_of", f.copyOf());
            }
            fn.put("capture_seed", f.captureSeed());
            fn.put("start", seconds(f.startEpochMicros()));
            fn.put("duration_s", f.durationMicros() / 1e6);
            fn.put("frames", f.frames());
            fn.put("attack_frames", f.attackFrames());
            fn.put("bus_load", Math.round(f.busLoad() * 1e4) / 1e4);
            if (f.plan() != null) {
                AttackPlan p = f.plan();
                if (p.targetId() >= 0) {
                    fn.put("target_id", hex(p.targetId()));
                }
                ArrayNode iv = fn.putArray("intervals");
                for (int i = 0; i < p.bursts().size(); i++) {
                    Interval b = p.bursts().get(i);
                    ObjectNode in = iv.addObject();
                    in.put("start", seconds(f.startEpochMicros() + b.startMicros()));
                    in.put("end", seconds(f.startEpochMicros() + b.endMicros()));
                    if (p.kind() == AttackKind.REPLAY) {
                        in.put("replayed_from", seconds(f.startEpochMicros() + b.startMicros()
                                - p.replayShiftsMicros().get(i)));
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int id) {
        return String.format(Locale.ROOT, "%03X", id);
    }

    /** Epoch microseconds as seconds, exact to the microsecond in the JSON text. */
    private static java.math.BigDecimal seconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6);
    }
}
