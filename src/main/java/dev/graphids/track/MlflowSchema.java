package dev.graphids.track;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * MLflow's schema at the pinned revision: creating a new database file, and recognising an existing one.
 *
 * <p>A new file is built under a temporary name in the same directory and then hard-linked to its final name, which
 * fails if the name already exists. So when several processes find the file absent at once, exactly one of them
 * publishes its database, the others use that one, and nobody ever sees a half-created schema (MLflow would replay
 * every migration over a schema without {@code alembic_version}; java-ecosystem.md §3.2 rule 3).
 */
final class MlflowSchema {
    static final String REVISION = "867495a8f9d4";
    private static final String RESOURCE = "mlflow-schema-" + REVISION + ".sql";
    /** Tables GraphIDS writes; an existing file without them is not a tracking database. */
    private static final List<String> REQUIRED_TABLES =
            List.of("experiments", "runs", "tags", "params", "metrics", "latest_metrics");

    private MlflowSchema() {
    }

    /** The DDL statements of the pinned revision, in order (tables, then indexes). */
    static List<String> statements() {
        String text;
        try (InputStream in = MlflowSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return out;
    }

    /**
     * Creates the database at {@code db} when it is absent: the complete schema, {@code alembic_version} set to the
     * pinned revision, and MLflow's default experiment 0. Returns true when this call published the file, false
     * when it already existed (or another process published it first).
     *
     * @param defaultArtifactRoot URI under which the default experiment's artifacts go ({@code <root>/0})
     */
    static boolean createIfAbsent(Path db, String defaultArtifactRoot) {
        if (Files.exists(db)) {
            return false;
        }
        Path dir = db.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + db.getFileName() + "." + UUID.randomUUID() + ".creating");
        try {
            Files.createDirectories(dir);
            build(tmp, defaultArtifactRoot);
            return publish(tmp, db);
        } catch (IOException e) {
            throw GraphidsException.environment("cannot create the tracking database " + db + ": " + e, e);
        } catch (SQLException e) {
            throw GraphidsException.environment("cannot create the tracking database " + db + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // A stray temporary file is harmless; the published database is what matters.
            }
        }
    }

    private static void build(Path tmp, String defaultArtifactRoot) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp); Statement st = c.createStatement()) {
            // WAL is a property of the file: setting it here means no opener ever has to switch modes under load.
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("BEGIN IMMEDIATE");
            for (String sql : statements()) {
                st.execute(sql);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alembic_version (version_num) VALUES (?)")) {
                ps.setString(1, REVISION);
                ps.executeUpdate();
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO experiments (experiment_id, name,"
                    + " artifact_location, lifecycle_stage, creation_time, last_update_time)"
                    + " VALUES (0, 'Default', ?, 'active', ?, ?)")) {
                ps.setString(1, defaultArtifactRoot + "/0");
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            st.execute("COMMIT");
        }
    }

    private static boolean publish(Path tmp, Path db) throws IOException {
        try {
            Files.createLink(db, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            // No hard links on this file system: a plain rename that refuses to replace (a narrow race remains).
            try {
                Files.move(tmp, db);
                return true;
            } catch (FileAlreadyExistsException again) {
                return false;
            }
        }
    }

    /**
     * Checks that an existing file is an MLflow tracking database, without changing it.
     *
     * @throws GraphidsException naming the missing table otherwise
     */
    static void requireTrackingTables(Connection c, Path db) throws SQLException {
        Set<String> tables = tables(c);
        for (String t : REQUIRED_TABLES) {
            if (!tables.contains(t)) {
                throw GraphidsException.environment(db + " exists but is not an MLflow tracking database (it has no"
                        + " '" + t + "' table); move it away or point MLFLOW_TRACKING_URI at another file");
            }
        }
    }

    /** The names of the tables in the database, sorted. */
    static Set<String> tables(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
