package dev.graphids.track;

import dev.graphids.error.GraphidsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The tracking store as rows in MLflow's SQLite schema (java-ecosystem.md §3). The only class with SQL in it.
 *
 * <p><b>Create mode</b> (the file is absent): the complete schema of revision {@value #SCHEMA_REVISION}, its
 * {@code alembic_version} row and MLflow's default experiment 0 are written, see {@link MlflowSchema}. <b>Attach
 * mode</b> (the file exists, whichever MLflow made it): no DDL ever; only INSERT and UPDATE with explicit column
 * lists, so columns that newer schemas add keep their defaults.
 *
 * <p>Connections use {@code busy_timeout=20000}, {@code journal_mode=WAL}, {@code foreign_keys=ON} and
 * {@code synchronous=NORMAL}; every write is one {@code BEGIN IMMEDIATE} transaction, so concurrent writers on one
 * host queue instead of failing. WAL needs every writer on one host: on a network filesystem shared by several
 * nodes use the offline payload ({@link OfflineRunPayload}) instead. A store is safe for use by several threads
 * (calls are serialised on the store).
 */
public final class SqliteTrackingStore implements TrackingStore {
    /** The alembic revision of the schema this class creates. */
    public static final String SCHEMA_REVISION = MlflowSchema.REVISION;
    static final int BUSY_TIMEOUT_MS = 20_000;
    static final int MAX_KEY = 250;
    static final int MAX_RUN_NAME = 250;
    static final int MAX_EXPERIMENT_NAME = 256;
    static final int MAX_ARTIFACT_LOCATION = 256;
    static final int MAX_ARTIFACT_URI = 200;
    static final int MAX_PARAM_VALUE = 8000;
    static final int MAX_TAG_VALUE = 5000;
    /** MLflow stores ±infinity as ±{@link Double#MAX_VALUE} (the column is a finite float). */
    static final double INFINITY_STAND_IN = Double.MAX_VALUE;
    private static final String RUN_ID_LENGTH_SUFFIX = "/" + "0".repeat(32) + "/artifacts";

    private final Path db;
    private final Connection conn;
    private final String artifactRoot;
    private final boolean created;
    private final boolean readOnly;
    private final SqliteRows rows;

    private SqliteTrackingStore(Path db, Connection conn, String artifactRoot, boolean created, boolean readOnly) {
        this.db = db;
        this.conn = conn;
        this.artifactRoot = artifactRoot;
        this.created = created;
        this.readOnly = readOnly;
        this.rows = new SqliteRows(conn);
    }

    /**
     * Opens the database for writing, creating it (create mode) when absent.
     *
     * @param defaultArtifactRoot directory or URI under which experiments created without an artifact location keep
     *     their artifacts ({@code <root>/<experiment id>}); stored as an absolute {@code file://} URI
     */
    public static SqliteTrackingStore open(Path db, String defaultArtifactRoot) {
        Path file = db.toAbsolutePath().normalize();
        String root = ArtifactUris.toUri(defaultArtifactRoot);
        boolean created = MlflowSchema.createIfAbsent(file, root);
        return connect(file, root, created, false);
    }

    /**
     * Opens an existing database for reading only; never creates or changes the file.
     *
     * @throws GraphidsException (environment) "no tracking store at ..." when the file does not exist
     */
    public static SqliteTrackingStore openReadOnly(Path db) {
        Path file = db.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw GraphidsException.environment("no tracking store at " + file + " (nothing has been tracked there"
                    + " yet; set MLFLOW_TRACKING_URI or --tracking-uri to read another)");
        }
        return connect(file, null, false, true);
    }

    private static SqliteTrackingStore connect(Path file, String root, boolean created, boolean readOnly) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.enforceForeignKeys(true);
        cfg.setReadOnly(readOnly);
        Connection c = null;
        try {
            c = cfg.createConnection("jdbc:sqlite:" + file);
            try (Statement st = c.createStatement()) {
                if (!readOnly) {
                    String mode = queryString(st, "PRAGMA journal_mode");
                    if (!"wal".equalsIgnoreCase(mode)) {
                        st.execute("PRAGMA journal_mode=WAL");
                    }
                    st.execute("PRAGMA synchronous=NORMAL");
                }
            }
            MlflowSchema.requireTrackingTables(c, file);
            return new SqliteTrackingStore(file, c, root, created, readOnly);
        } catch (SQLException e) {
            closeQuietly(c);
            throw GraphidsException.environment("cannot open the tracking database " + file + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static String queryString(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing with the more useful error.
            }
        }
    }

    /** The database file. */
    public Path path() {
        return db;
    }

    /** True when this store created the file (create mode), false when it attached to an existing one. */
    public boolean created() {
        return created;
    }

    @Override
    public synchronized String getOrCreateExperiment(String name, String artifactLocation) {
        checkLength("experiment name", name, MAX_EXPERIMENT_NAME);
        Optional<String> found = findActiveExperiment(name);
        if (found.isPresent()) {
            return found.get();
        }
        String location = artifactLocation == null ? null : ArtifactUris.toUri(artifactLocation);
        if (location != null) {
            checkArtifactLocation(name, location);
        }
        try {
            return write("create experiment '" + name + "'", () -> {
                Optional<String> again = rows.experimentId(name);
                if (again.isPresent()) {
                    return again.get();
                }
                long id = rows.insertExperiment(name, location, System.currentTimeMillis());
                if (location == null) {
                    String defaultLocation = requireRoot() + "/" + id;
                    checkArtifactLocation(name, defaultLocation);
                    rows.setArtifactLocation(id, defaultLocation);
                }
                return Long.toString(id);
            });
        } catch (GraphidsException e) {
            // Another writer (MLflow itself, say) inserted the name between our look-up and our insert.
            if (e.getCause() instanceof SQLException s && isUniqueViolation(s)) {
                return findActiveExperiment(name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<String> findActiveExperiment(String name) {
        Optional<String[]> row = read("look up experiment '" + name + "'", () -> rows.experiment(name));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!"active".equals(row.get()[1])) {
            throw GraphidsException.usage("experiment '" + name + "' (id " + row.get()[0] + ") is deleted in "
                    + db + "; restore it in MLflow or use another experiment name");
        }
        return Optional.of(row.get()[0]);
    }

    private static void checkArtifactLocation(String experiment, String location) {
        if (location.length() > MAX_ARTIFACT_LOCATION
                || location.length() + RUN_ID_LENGTH_SUFFIX.length() > MAX_ARTIFACT_URI) {
            throw GraphidsException.usage("artifact location of experiment '" + experiment + "' is too long ("
                    + location.length() + " characters): MLflow's run artifact URIs (<location>/<run id>/artifacts)"
                    + " hold at most " + MAX_ARTIFACT_URI + " characters, so the location may have at most "
                    + (MAX_ARTIFACT_URI - RUN_ID_LENGTH_SUFFIX.length()) + "; use a shorter lake path: " + location);
        }
    }

    private String requireRoot() {
        if (artifactRoot == null) {
            throw new IllegalStateException("read-only store has no artifact root");
        }
        return artifactRoot;
    }

    @Override
    public synchronized Optional<String> findExperiment(String name) {
        return read("look up experiment '" + name + "'", () -> rows.experimentId(name));
    }

    @Override
    public synchronized List<String> experimentNames(String prefix) {
        return read("list experiments", () -> rows.experimentNames(prefix));
    }

    @Override
    public synchronized String createRun(String experimentId, String runName, Map<String, String> tags,
            long startTimeMs) {
        checkLength("run name", runName, MAX_RUN_NAME);
        String runId = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> allTags = new LinkedHashMap<>();
        allTags.put("mlflow.user", System.getProperty("user.name", "unknown"));
        allTags.put("mlflow.source.name", "graphids");
        allTags.put("mlflow.source.type", "LOCAL");
        String sha = tags.get(GIT_SHA_TAG);
        if (sha != null && !sha.isBlank() && !sha.equals("unknown")) {
            allTags.put("mlflow.source.git.commit", sha);
        }
        allTags.putAll(tags);
        allTags.put(RUN_NAME_TAG, runName);
        Map<String, String> checked = checkedTags(allTags);
        write("create run '" + runName + "'", () -> {
            String location = rows.experimentArtifactLocation(experimentId).orElseThrow(() ->
                    GraphidsException.usage("experiment id " + experimentId + " does not exist in " + db));
            String artifactUri = location + "/" + runId + "/artifacts";
            if (artifactUri.length() > MAX_ARTIFACT_URI) {
                throw GraphidsException.usage("artifact URI " + artifactUri + " is longer than MLflow's "
                        + MAX_ARTIFACT_URI + " characters; give experiment " + experimentId
                        + " a shorter artifact location");
            }
            rows.insertRun(runId, runName, System.getProperty("user.name", "unknown"), startTimeMs, artifactUri,
                    Long.parseLong(experimentId));
            rows.upsertTags(runId, checked);
            return null;
        });
        return runId;
    }

    @Override
    public synchronized void logParams(String runId, Map<String, String> params) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            checkKey("param", p.getKey());
            values.put(p.getKey(), truncate(String.valueOf(p.getValue()), MAX_PARAM_VALUE));
        }
        write("log params of run " + runId, () -> {
            requireActiveRun(runId);
            Map<String, String> existing = rows.params(runId);
            for (Map.Entry<String, String> p : values.entrySet()) {
                String old = existing.get(p.getKey());
                if (old != null && !old.equals(p.getValue())) {
                    throw GraphidsException.usage("param '" + p.getKey() + "' of run " + runId + " was already logged"
                            + " as " + quote(old) + " and cannot change to " + quote(p.getValue())
                            + " (MLflow params are written once)");
                }
            }
            values.keySet().removeAll(existing.keySet());
            rows.insertParams(runId, values);
            return null;
        });
    }

    @Override
    public synchronized void setTags(String runId, Map<String, String> tags) {
        Map<String, String> checked = checkedTags(tags);
        write("set tags of run " + runId, () -> {
            requireActiveRun(runId);
            rows.upsertTags(runId, checked);
            String name = checked.get(RUN_NAME_TAG);
            if (name != null) {
                rows.setRunName(runId, name);
            }
            return null;
        });
    }

    @Override
    public synchronized void logMetrics(String runId, List<Metric> metrics) {
        for (Metric m : metrics) {
            checkKey("metric", m.key());
        }
        if (metrics.isEmpty()) {
            return;
        }
        write("log metrics of run " + runId, () -> {
            requireActiveRun(runId);
            rows.insertMetrics(runId, metrics);
            return null;
        });
    }

    @Override
    public synchronized void terminate(String runId, RunStatus status, long endTimeMs) {
        write("terminate run " + runId, () -> {
            requireActiveRun(runId);
            rows.updateStatus(runId, status, endTimeMs);
            return null;
        });
    }

    @Override
    public synchronized void deleteRun(String runId, long timeMs) {
        write("delete run " + runId, () -> {
            requireActiveRun(runId);
            rows.markDeleted(runId, timeMs);
            return null;
        });
    }

    @Override
    public synchronized Optional<TrackedRun> getRun(String runId) {
        return read("read run " + runId, () -> rows.run(runId));
    }

    @Override
    public synchronized List<TrackedRun> searchRuns(String experimentName, Map<String, String> tagFilter,
            RunStatus status) {
        return read("search runs of '" + experimentName + "'",
                () -> rows.searchRuns(experimentName, tagFilter, status));
    }

    @Override
    public synchronized List<Metric> metricHistory(String runId, String key) {
        return read("read metric '" + key + "' of run " + runId, () -> rows.metricHistory(runId, key));
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw GraphidsException.environment("cannot close the tracking database " + db + ": "
                    + e.getMessage(), e);
        }
    }

    private void requireActiveRun(String runId) throws SQLException {
        Optional<String> stage = rows.runLifecycleStage(runId);
        if (stage.isEmpty()) {
            throw GraphidsException.usage("run " + runId + " does not exist in " + db);
        }
        if (!"active".equals(stage.get())) {
            throw GraphidsException.usage("run " + runId + " is deleted in " + db + " and cannot be changed");
        }
    }

    /** SQL body of one transaction or one read. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T write(String what, Work<T> work) {
        if (readOnly) {
            throw new IllegalStateException("the tracking store " + db + " was opened read-only");
        }
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            boolean done = false;
            try {
                T result = work.run();
                st.execute("COMMIT");
                done = true;
                return result;
            } finally {
                if (!done) {
                    try {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // The original failure is the one to report; SQLite may already have rolled back.
                    }
                }
            }
        } catch (SQLException e) {
            throw sqlFailure(what, e);
        }
    }

    private <T> T read(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw sqlFailure(what, e);
        }
    }

    private GraphidsException sqlFailure(String what, SQLException e) {
        String reason = e.getMessage();
        if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code
                || e.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code) {
            reason = "the database stayed locked by another writer for " + BUSY_TIMEOUT_MS / 1000 + " s (" + reason
                    + "); on a network filesystem use the offline payload and 'graphids exp ingest' instead";
        }
        return GraphidsException.environment("tracking store " + db + ": cannot " + what + ": " + reason, e);
    }

    private static boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                && String.valueOf(e.getMessage()).contains("UNIQUE");
    }

    /** Checks tag keys and cuts values to the column's length (MLflow's tag value column holds 5000). */
    private static Map<String, String> checkedTags(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tags.entrySet()) {
            checkKey("tag", t.getKey());
            out.put(t.getKey(), t.getValue() == null ? null : truncate(t.getValue(), MAX_TAG_VALUE));
        }
        return out;
    }

    private static void checkKey(String kind, String key) {
        if (key == null || key.isBlank()) {
            throw GraphidsException.usage(kind + " key is empty");
        }
        checkLength(kind + " key", key, MAX_KEY);
    }

    private static void checkLength(String kind, String text, int max) {
        if (text == null || text.isEmpty()) {
            throw GraphidsException.usage(kind + " is empty");
        }
        if (text.length() > max) {
            throw GraphidsException.usage(kind + " " + quote(text) + " has " + text.length()
                    + " characters; MLflow's column holds at most " + max);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String quote(String s) {
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...' (" + s.length() + " characters)";
    }

    /** Converts a double to what MLflow stores: (value, is_nan). */
    static double storedValue(double v) {
        if (Double.isNaN(v)) {
            return 0.0;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? INFINITY_STAND_IN : -INFINITY_STAND_IN;
        }
        return v;
    }

    /** The reverse of {@link #storedValue}: NaN for is_nan rows, ±infinity for the ±MAX_VALUE stand-ins. */
    static double readValue(double stored, boolean isNan) {
        if (isNan) {
            return Double.NaN;
        }
        if (stored == INFINITY_STAND_IN || stored == -INFINITY_STAND_IN) {
            return stored > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return stored;
    }

    /** Runs {@code sql} and returns the rows as strings; for tests and diagnostics. */
    List<List<String>> query(String sql) {
        return read("query", () -> {
            List<List<String>> out = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }
}
