package dev.graphids.track;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the tracking store lives: {@code MLFLOW_TRACKING_URI} when set (only {@code sqlite:///} URIs), else
 * {@code {lake}/mlflow.db} (runtime.md §4.1). Experiments created without an artifact location keep their artifacts
 * under {@code {lake}/mlartifacts/<experiment id>}.
 */
public final class TrackingStores {
    /** The environment variable MLflow itself reads. */
    public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";
    private static final String SQLITE_PREFIX = "sqlite:///";

    private TrackingStores() {
    }

    /**
     * Opens the store for writing, creating the database when absent. The caller checks that the lake is writable
     * ({@link Lake#requireWritable}) before calling.
     */
    public static SqliteTrackingStore open(Lake lake, Map<String, String> env) {
        return open(lake, env, null);
    }

    /** As {@link #open(Lake, Map)}, with a {@code sqlite:///} URI that wins over the environment (or null). */
    public static SqliteTrackingStore open(Lake lake, Map<String, String> env, String uriOverride) {
        return SqliteTrackingStore.open(databasePath(lake, env, uriOverride), defaultArtifactRoot(lake).toString());
    }

    /**
     * Opens an existing store for reading; never creates one.
     *
     * @param uriOverride a {@code sqlite:///} URI that wins over the environment (a {@code --tracking-uri} option),
     *     or null
     * @throws GraphidsException "no tracking store at ..." when the database does not exist
     */
    public static SqliteTrackingStore openReadOnly(Lake lake, Map<String, String> env, String uriOverride) {
        return SqliteTrackingStore.openReadOnly(databasePath(lake, env, uriOverride));
    }

    /** The database file the store would use: the override, else {@code MLFLOW_TRACKING_URI}, else the lake's. */
    public static Path databasePath(Lake lake, Map<String, String> env, String uriOverride) {
        String uri = uriOverride != null && !uriOverride.isBlank() ? uriOverride : env.get(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            return lake.mlflowDb();
        }
        return pathOf(uri.trim());
    }

    /** {@code {lake}/mlartifacts}: the default artifact root of experiments created without a location. */
    public static Path defaultArtifactRoot(Lake lake) {
        return lake.root().resolve("mlartifacts");
    }

    /**
     * The file of a {@code sqlite:///} URI, read as SQLAlchemy reads it: {@code sqlite:////abs/mlflow.db} is the
     * absolute path {@code /abs/mlflow.db}, {@code sqlite:///rel/mlflow.db} is relative to the working directory.
     *
     * @throws GraphidsException (usage) for any other kind of URI
     */
    public static Path pathOf(String uri) {
        if (!uri.startsWith(SQLITE_PREFIX) || uri.length() == SQLITE_PREFIX.length() || uri.contains("?")) {
            throw GraphidsException.usage("tracking URI '" + uri + "' is not supported: GraphIDS writes MLflow's"
                    + " SQLite schema itself and accepts only sqlite:///PATH URIs without options (for example"
                    + " sqlite:////data/lake/mlflow.db); unset " + URI_VARIABLE + " to use {lake}/mlflow.db");
        }
        return Path.of(uri.substring(SQLITE_PREFIX.length())).toAbsolutePath().normalize();
    }

    /** The {@code sqlite:///} URI of a database file, as MLflow's clients expect it. */
    public static String uriOf(Path db) {
        return SQLITE_PREFIX + db.toAbsolutePath().normalize();
    }
}
