package dev.graphids.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The statements of {@link SqliteTrackingStore}, one method per statement, with MLflow's column lists spelled out.
 * Callers hold the transaction; nothing here commits.
 */
final class SqliteRows {
    /**
     * MLflow's rule for {@code latest_metrics}: keep the value with the largest (step, timestamp, value), compared
     * in that order (MLflow's SQLAlchemy store and its Go re-implementation mlflow-go agree).
     */
    private static final String UPSERT_LATEST = "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan,"
            + " run_uuid) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value,"
            + " timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan"
            + " WHERE excluded.step > latest_metrics.step OR (excluded.step = latest_metrics.step"
            + " AND (excluded.timestamp > latest_metrics.timestamp OR (excluded.timestamp = latest_metrics.timestamp"
            + " AND excluded.value > latest_metrics.value)))";
    private static final String RUN_COLUMNS = "r.run_uuid, r.experiment_id, e.name, r.name, r.status, r.start_time,"
            + " r.end_time, r.artifact_uri";

    private final Connection conn;

    SqliteRows(Connection conn) {
        this.conn = conn;
    }

    /** (id, lifecycle_stage) of the experiment with this name. */
    Optional<String[]> experiment(String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT experiment_id, lifecycle_stage FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    Optional<String> experimentId(String name) throws SQLException {
        return experiment(name).map(r -> r[0]);
    }

    List<String> experimentNames(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM experiments WHERE lifecycle_stage ="
                + " 'active' AND substr(name, 1, length(?)) = ? ORDER BY name")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Inserts an experiment as MLflow does (id assigned by SQLite) and returns its id. */
    long insertExperiment(String name, String artifactLocation, long now) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO experiments (name, artifact_location,"
                + " lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, 'active', ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, artifactLocation);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void setArtifactLocation(long experimentId, String location) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?")) {
            ps.setString(1, location);
            ps.setLong(2, experimentId);
            ps.executeUpdate();
        }
    }

    Optional<String> experimentArtifactLocation(String experimentId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT artifact_location FROM experiments WHERE experiment_id = ?")) {
            ps.setString(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A RUNNING run with the columns MLflow's own create_run fills (source_type UNKNOWN, empty source fields). */
    void insertRun(String runId, String name, String user, long startTime, String artifactUri, long experimentId)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs (run_uuid, name, source_type,"
                + " source_name, entry_point_name, user_id, status, start_time, end_time, source_version,"
                + " lifecycle_stage, artifact_uri, experiment_id, deleted_time)"
                + " VALUES (?, ?, 'UNKNOWN', '', '', ?, 'RUNNING', ?, NULL, '', 'active', ?, ?, NULL)")) {
            ps.setString(1, runId);
            ps.setString(2, name);
            ps.setString(3, user);
            ps.setLong(4, startTime);
            ps.setString(5, artifactUri);
            ps.setLong(6, experimentId);
            ps.executeUpdate();
        }
    }

    Optional<String> runLifecycleStage(String runId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT lifecycle_stage FROM runs WHERE run_uuid = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void setRunName(String runId, String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE runs SET name = ? WHERE run_uuid = ?")) {
            ps.setString(1, name);
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    void updateStatus(String runId, RunStatus status, long endTime) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE runs SET status = ?, end_time = ? WHERE run_uuid = ?")) {
            ps.setString(1, status.name());
            if (status.isTerminal()) {
                ps.setLong(2, endTime);
            } else {
                ps.setNull(2, Types.BIGINT);
            }
            ps.setString(3, runId);
            ps.executeUpdate();
        }
    }

    void markDeleted(String runId, long time) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE run_uuid = ?")) {
            ps.setLong(1, time);
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    void upsertTags(String runId, Map<String, String> tags) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)"
                + " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value")) {
            for (Map.Entry<String, String> t : tags.entrySet()) {
                ps.setString(1, t.getKey());
                ps.setString(2, t.getValue());
                ps.setString(3, runId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insertParams(String runId, Map<String, String> params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> p : params.entrySet()) {
                ps.setString(1, p.getKey());
                ps.setString(2, p.getValue());
                ps.setString(3, runId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The history rows (exact duplicates ignored, as MLflow does) and the latest values. */
    void insertMetrics(String runId, List<Metric> metrics) throws SQLException {
        try (PreparedStatement history = conn.prepareStatement("INSERT OR IGNORE INTO metrics (key, value,"
                + " timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement latest = conn.prepareStatement(UPSERT_LATEST)) {
            for (Metric m : metrics) {
                double stored = SqliteTrackingStore.storedValue(m.value());
                int isNan = Double.isNaN(m.value()) ? 1 : 0;
                history.setString(1, m.key());
                history.setDouble(2, stored);
                history.setLong(3, m.timestampMs());
                history.setString(4, runId);
                history.setLong(5, m.step());
                history.setInt(6, isNan);
                history.addBatch();
                latest.setString(1, m.key());
                latest.setDouble(2, stored);
                latest.setLong(3, m.timestampMs());
                latest.setLong(4, m.step());
                latest.setInt(5, isNan);
                latest.setString(6, runId);
                latest.addBatch();
            }
            history.executeBatch();
            latest.executeBatch();
        }
    }

    Map<String, String> params(String runId) throws SQLException {
        return keyValues("SELECT key, value FROM params WHERE run_uuid = ?", runId);
    }

    Map<String, String> tags(String runId) throws SQLException {
        return keyValues("SELECT key, value FROM tags WHERE run_uuid = ?", runId);
    }

    private Map<String, String> keyValues(String sql, String runId) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    Map<String, Double> latestMetrics(String runId) throws SQLException {
        Map<String, Double> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT key, value, is_nan FROM latest_metrics WHERE run_uuid = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), SqliteTrackingStore.readValue(rs.getDouble(2), rs.getInt(3) != 0));
                }
            }
        }
        return out;
    }

    List<Metric> metricHistory(String runId, String key) throws SQLException {
        List<Metric> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT value, is_nan, timestamp, step FROM metrics"
                + " WHERE run_uuid = ? AND key = ? ORDER BY step, timestamp, value")) {
            ps.setString(1, runId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Metric(key, SqliteTrackingStore.readValue(rs.getDouble(1), rs.getInt(2) != 0),
                            rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    Optional<TrackedRun> run(String runId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs r JOIN experiments e"
                + " ON r.experiment_id = e.experiment_id WHERE r.run_uuid = ?")) {
            ps.setString(1, runId);
            List<TrackedRun> runs = readRuns(ps);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        }
    }

    List<TrackedRun> searchRuns(String experimentName, Map<String, String> tagFilter, RunStatus status)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs r JOIN experiments e"
                + " ON r.experiment_id = e.experiment_id WHERE e.name = ? AND r.lifecycle_stage = 'active'");
        if (status != null) {
            sql.append(" AND r.status = ?");
        }
        for (int i = 0; i < tagFilter.size(); i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM tags t WHERE t.run_uuid = r.run_uuid AND t.key = ?"
                    + " AND t.value = ?)");
        }
        sql.append(" ORDER BY r.start_time DESC, r.run_uuid");
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, experimentName);
            if (status != null) {
                ps.setString(i++, status.name());
            }
            for (Map.Entry<String, String> t : new TreeMap<>(tagFilter).entrySet()) {
                ps.setString(i++, t.getKey());
                ps.setString(i++, t.getValue());
            }
            return readRuns(ps);
        }
    }

    private List<TrackedRun> readRuns(PreparedStatement ps) throws SQLException {
        List<String[]> heads = new ArrayList<>();
        List<long[]> times = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(8)});
                long start = rs.getLong(6);
                long end = rs.getLong(7);
                boolean running = rs.wasNull();
                times.add(new long[] {start, running ? Long.MIN_VALUE : end});
            }
        }
        List<TrackedRun> out = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            String[] h = heads.get(i);
            long[] t = times.get(i);
            out.add(new TrackedRun(h[0], h[1], h[2], h[3], RunStatus.parse(h[4]), t[0],
                    t[1] == Long.MIN_VALUE ? null : t[1], h[5], tags(h[0]), params(h[0]), latestMetrics(h[0])));
        }
        return out;
    }
}
