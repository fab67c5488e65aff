package dev.graphids.detect;

import java.math.BigDecimal;

/**
 * The JSON lines of {@code graphids detect}: one object per window, then one summary object. Scores are written
 * with every digit Java needs to read the same double back; timestamps in plain decimal seconds.
 *
 * <pre>
 * {"window":12,"first_ts":1478198376.389864,"last_ts":1478198376.437718,"frames":100,"score":0.9731,"alarm":true,
 *  "label":1,"top_ids":[{"id":"316","weight":0.41},...]}
 * {"summary":true,"model":"gat","threshold":0.5,"windows":2499,"alarms":311,"frames":249990,"bad_rows":0,...}
 * </pre>
 */
public final class VerdictJson {
    private VerdictJson() {
    }

    public static String line(WindowVerdict v) {
        StringBuilder s = new StringBuilder(160);
        s.append("{\"window\":").append(v.window())
                .append(",\"first_ts\":").append(plain(v.firstTs()))
                .append(",\"last_ts\":").append(plain(v.lastTs()))
                .append(",\"frames\":").append(v.frames())
                .append(",\"score\":").append(number(v.score()))
                .append(",\"alarm\":").append(v.alarm());
        if (v.label() >= 0) {
            s.append(",\"label\":").append(v.label());
        }
        s.append(",\"top_ids\":[");
        for (int i = 0; i < v.suspects().size(); i++) {
            SuspectId id = v.suspects().get(i);
            s.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id.hex()).append("\",\"weight\":")
                    .append(number(id.weight())).append('}');
        }
        return s.append("]}").toString();
    }

    public static String summary(DetectSummary m) {
        return "{\"summary\":true,\"model\":\"" + m.model() + "\",\"threshold\":" + number(m.threshold())
                + ",\"windows\":" + m.windows() + ",\"alarms\":" + m.alarms() + ",\"frames\":" + m.frames()
                + ",\"bad_rows\":" + m.badRows() + ",\"out_of_order_frames\":" + m.outOfOrder()
                + ",\"seconds\":" + number(round(m.seconds(), 6)) + ",\"frames_per_second\":"
                + number(round(m.framesPerSecond(), 1)) + ",\"latency_p50_ms\":"
                + number(round(m.latencyP50Millis(), 4)) + ",\"latency_p99_ms\":"
                + number(round(m.latencyP99Millis(), 4)) + "}";
    }

    /** JSON has no NaN or infinity: those become null. */
    static String number(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    private static String plain(double d) {
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).toPlainString() : "null";
    }

    private static double round(double d, int digits) {
        if (!Double.isFinite(d)) {
            return d;
        }
        double f = Math.pow(10, digits);
        return Math.round(d * f) / f;
    }
}
