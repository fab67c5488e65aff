package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTrackingStoreTest {
    private static final List<String> MLFLOW_TABLES = List.of("alembic_version", "datasets", "experiment_tags",
            "experiments", "input_tags", "inputs", "latest_metrics", "metrics", "model_version_tags",
            "model_versions", "params", "registered_model_aliases", "registered_model_tags", "registered_models",
            "runs", "tags", "trace_info", "trace_request_metadata", "trace_tags");

    @TempDir
    Path dir;

    private SqliteTrackingStore open() {
        return SqliteTrackingStore.open(dir.resolve("mlflow.db"), dir.resolve("mlartifacts").toString());
    }

    @Test
    void createModeWritesThePinnedSchemaRevisionAndTheDefaultExperiment() {
        Path db = dir.resolve("mlflow.db");
        try (SqliteTrackingStore store = open()) {
            assertThat(store.created()).isTrue();
        }
        List<Object> tables = Db.rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .stream().map(r -> r.get(0)).toList();
        assertThat(tables).containsExactlyElementsOf(MLFLOW_TABLES).hasSize(19);
        assertThat(Db.rows(db, "SELECT version_num FROM alembic_version")).containsExactly(List.of("867495a8f9d4"));
        List<Object> def = Db.rows(db, "SELECT experiment_id, name, artifact_location, lifecycle_stage,"
                + " creation_time > 0, last_update_time > 0 FROM experiments").get(0);
        assertThat(def).containsExactly(0, "Default", dir.resolve("mlartifacts").toUri().toString()
                .replaceAll("/$", "") + "/0", "active", 1, 1);
        assertThat(Db.one(db, "PRAGMA journal_mode")).isEqualTo("wal");
        // Constraint names later MLflow migrations rebuild tables by.
        String runsDdl = (String) Db.one(db, "SELECT sql FROM sqlite_master WHERE name = 'runs'");
        assertThat(runsDdl).contains("CONSTRAINT run_pk PRIMARY KEY (run_uuid)")
                .contains("CONSTRAINT source_type CHECK").contains("CONSTRAINT runs_lifecycle_stage CHECK");
        assertThat((String) Db.one(db, "SELECT sql FROM sqlite_master WHERE name = 'metrics'"))
                .contains("CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan)");
        assertThat(Db.one(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                + " AND name LIKE 'index_%'")).isEqualTo(11);
        assertThat(dir).isDirectoryNotContaining("glob:**.creating");
    }

    @Test
    void attachModeRunsNoDdlOnAnExistingFile() {
        Path db = dir.resolve("mlflow.db");
        open().close();
        // A newer MLflow's file: an extra column with a server default and an extra table.
        Db.exec(db, "ALTER TABLE experiments ADD COLUMN workspace VARCHAR(63) NOT NULL DEFAULT 'default'",
                "CREATE TABLE jobs (id VARCHAR(36) PRIMARY KEY)", "UPDATE alembic_version SET version_num = 'x1'");
        List<List<Object>> schemaBefore = Db.rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
        try (SqliteTrackingStore store = open()) {
            assertThat(store.created()).isFalse();
            String exp = store.getOrCreateExperiment("graphids/set_01/fit", null);
            String run = store.createRun(exp, "r", Map.of(), 1000L);
            store.logMetrics(run, List.of(new Metric("loss", 1.0, 1000L, 0)));
            store.terminate(run, RunStatus.FINISHED, 2000L);
        }
        assertThat(Db.rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")).isEqualTo(schemaBefore);
        assertThat(Db.rows(db, "SELECT version_num FROM alembic_version")).containsExactly(List.of("x1"));
        assertThat(Db.rows(db, "SELECT workspace FROM experiments WHERE name = 'graphids/set_01/fit'"))
                .containsExactly(List.of("default"));
    }

    @Test
    void refusesAFileThatIsNotATrackingDatabase() {
        Path db = dir.resolve("mlflow.db");
        Db.exec(db, "CREATE TABLE something (x INTEGER)");
        assertThatThrownBy(this::open).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("is not an MLflow tracking database").hasMessageContaining("'experiments'");
    }

    @Test
    void runLifecycleFillsTheColumnsAsMlflowDoes() {
        Path db = dir.resolve("mlflow.db");
        String run;
        String exp;
        try (SqliteTrackingStore store = open()) {
            exp = store.getOrCreateExperiment("graphids/set_01/fit", null);
            assertThat(exp).isEqualTo("1");
            assertThat(store.getOrCreateExperiment("graphids/set_01/fit", "/elsewhere")).isEqualTo("1");
            run = store.createRun(exp, "gat_s0", Map.of("graphids.git_sha", "abc123", "graphids.stage", "fit"),
                    1_700_000_000_000L);
            assertThat(run).matches("[0-9a-f]{32}");
            store.logParams(run, Map.of("lr", "0.001", "model/type", "gat"));
            store.logParams(run, Map.of("lr", "0.001"));
            store.setTags(run, Map.of("graphids.phase", "fit"));
            store.logMetrics(run, List.of(new Metric("val_loss", 0.5, 1_700_000_000_100L, 3)));
            store.terminate(run, RunStatus.FINISHED, 1_700_000_000_500L);
        }
        String artifactRoot = dir.resolve("mlartifacts").toUri().toString().replaceAll("/$", "");
        assertThat(Db.rows(db, "SELECT artifact_location FROM experiments WHERE experiment_id = 1"))
                .containsExactly(List.of(artifactRoot + "/1"));
        assertThat(Db.rows(db, "SELECT run_uuid, name, source_type, source_name, entry_point_name, user_id, status,"
                + " start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time"
                + " FROM runs")).containsExactly(Arrays.asList(run, "gat_s0", "UNKNOWN", "", "",
                    System.getProperty("user.name"), "FINISHED", 1_700_000_000_000L, 1_700_000_000_500L, "",
                    "active", artifactRoot + "/1/" + run + "/artifacts", 1, null));
        assertThat(Db.rows(db, "SELECT key, value, run_uuid FROM tags ORDER BY key")).containsExactly(
                List.of("graphids.git_sha", "abc123", run), List.of("graphids.phase", "fit", run),
                List.of("graphids.stage", "fit", run), List.of("mlflow.runName", "gat_s0", run),
                List.of("mlflow.source.git.commit", "abc123", run), List.of("mlflow.source.name", "graphids", run),
                List.of("mlflow.source.type", "LOCAL", run),
                List.of("mlflow.user", System.getProperty("user.name"), run));
        assertThat(Db.rows(db, "SELECT key, value, run_uuid FROM params ORDER BY key"))
                .containsExactly(List.of("lr", "0.001", run), List.of("model/type", "gat", run));
        assertThat(Db.rows(db, "SELECT key, value, timestamp, run_uuid, step, is_nan FROM metrics"))
                .containsExactly(List.of("val_loss", 0.5, 1_700_000_000_100L, run, 3, 0));
        assertThat(Db.rows(db, "SELECT key, value, timestamp, step, is_nan, run_uuid FROM latest_metrics"))
                .containsExactly(List.of("val_loss", 0.5, 1_700_000_000_100L, 3, 0, run));
    }

    @Test
    void aParamIsWrittenOnce() {
        try (SqliteTrackingStore store = open()) {
            String run = store.createRun(store.getOrCreateExperiment("e", null), "r", Map.of(), 1L);
            store.logParam(run, "lr", "0.1");
            assertThatThrownBy(() -> store.logParams(run, Map.of("batch", "32", "lr", "0.2")))
                    .isInstanceOf(GraphidsException.class)
                    .hasMessageContaining("param 'lr' of run " + run + " was already logged as '0.1'")
                    .hasMessageContaining("cannot change to '0.2'");
            // The failed batch wrote nothing.
            assertThat(store.getRun(run).orElseThrow().params()).containsExactly(Map.entry("lr", "0.1"));
            String longValue = "x".repeat(9000);
            store.logParam(run, "long", longValue);
            assertThat(store.getRun(run).orElseThrow().params().get("long")).hasSize(8000);
        }
    }

    @Test
    void nanAndInfinityAreStoredAsMlflowStoresThem() {
        Path db = dir.resolve("mlflow.db");
        try (SqliteTrackingStore store = open()) {
            String run = store.createRun(store.getOrCreateExperiment("e", null), "r", Map.of(), 1L);
            store.logMetrics(run, List.of(new Metric("nan", Double.NaN, 10L, 0),
                    new Metric("pinf", Double.POSITIVE_INFINITY, 10L, 0),
                    new Metric("ninf", Double.NEGATIVE_INFINITY, 10L, 0)));
            assertThat(store.getRun(run).orElseThrow().metrics()).containsEntry("nan", Double.NaN)
                    .containsEntry("pinf", Double.POSITIVE_INFINITY).containsEntry("ninf", Double.NEGATIVE_INFINITY);
        }
        assertThat(Db.rows(db, "SELECT key, value, is_nan FROM metrics ORDER BY key")).containsExactly(
                List.of("nan", 0.0, 1), List.of("ninf", -1.7976931348623157e308, 0),
                List.of("pinf", 1.7976931348623157e308, 0));
        assertThat(Db.rows(db, "SELECT key, value, is_nan FROM latest_metrics ORDER BY key")).containsExactly(
                List.of("nan", 0.0, 1), List.of("ninf", -1.7976931348623157e308, 0),
                List.of("pinf", 1.7976931348623157e308, 0));
    }

    @Test
    void latestMetricKeepsTheLargestStepThenTimestampThenValue() {
        Path db = dir.resolve("mlflow.db");
        try (SqliteTrackingStore store = open()) {
            String run = store.createRun(store.getOrCreateExperiment("e", null), "r", Map.of(), 1L);
            store.logMetrics(run, List.of(new Metric("m", 5.0, 100L, 5)));
            store.logMetrics(run, List.of(new Metric("m", 2.0, 900L, 2))); // older step, newer time: ignored
            assertThat(Db.rows(db, "SELECT value, timestamp, step FROM latest_metrics"))
                    .containsExactly(List.of(5.0, 100, 5));
            store.logMetrics(run, List.of(new Metric("m", 1.0, 50L, 5))); // same step, older time: ignored
            store.logMetrics(run, List.of(new Metric("m", 7.0, 200L, 5))); // same step, newer time: wins
            assertThat(Db.rows(db, "SELECT value, timestamp, step FROM latest_metrics"))
                    .containsExactly(List.of(7.0, 200, 5));
            store.logMetrics(run, List.of(new Metric("m", 6.0, 200L, 5))); // same step and time, smaller value
            store.logMetrics(run, List.of(new Metric("m", 8.0, 200L, 5))); // larger value wins
            store.logMetrics(run, List.of(new Metric("m", 0.5, 10L, 9), new Metric("m", 0.1, 20L, 8)));
            assertThat(Db.rows(db, "SELECT value, timestamp, step FROM latest_metrics"))
                    .containsExactly(List.of(0.5, 10, 9));
            store.logMetrics(run, List.of(new Metric("m", 0.5, 10L, 9))); // exact duplicate: ignored
            assertThat(store.metricHistory(run, "m")).hasSize(8).first()
                    .isEqualTo(new Metric("m", 2.0, 900L, 2));
        }
    }

    @Test
    void terminatedRunsAreSearchedByTagsAndStatus() {
        try (SqliteTrackingStore store = open()) {
            String exp = store.getOrCreateExperiment("graphids/a/test", null);
            String r1 = store.createRun(exp, "one", Map.of("graphids.phase", "test"), 1000L);
            String r2 = store.createRun(exp, "two", Map.of("graphids.phase", "test"), 2000L);
            String r3 = store.createRun(exp, "three", Map.of("graphids.phase", "fit"), 3000L);
            store.terminate(r1, RunStatus.FINISHED, 1500L);
            store.terminate(r2, RunStatus.FAILED, 2500L);
            store.terminate(r3, RunStatus.FINISHED, 3500L);
            assertThat(store.searchRuns("graphids/a/test", Map.of("graphids.phase", "test"), null))
                    .extracting(TrackedRun::runId).containsExactly(r2, r1);
            assertThat(store.searchRuns("graphids/a/test", Map.of("graphids.phase", "test"), RunStatus.FINISHED))
                    .extracting(TrackedRun::runId).containsExactly(r1);
            assertThat(store.searchRuns("graphids/none", Map.of(), null)).isEmpty();
            store.deleteRun(r1, 4000L);
            assertThat(store.searchRuns("graphids/a/test", Map.of(), null)).extracting(TrackedRun::runId)
                    .containsExactly(r3, r2);
            assertThatThrownBy(() -> store.logParam(r1, "a", "b")).hasMessageContaining("is deleted");
            assertThat(store.experimentNames("graphids/")).containsExactly("graphids/a/test");
            assertThat(store.getRun(r2).orElseThrow().endTimeMs()).isEqualTo(2500L);
        }
    }

    @Test
    void rejectsUnknownRunsAndArtifactLocationsTooLongForMlflow() {
        try (SqliteTrackingStore store = open()) {
            assertThatThrownBy(() -> store.logParam("0".repeat(32), "a", "b"))
                    .isInstanceOf(GraphidsException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> store.getOrCreateExperiment("long", "/" + "d".repeat(180)))
                    .isInstanceOf(GraphidsException.class).hasMessageContaining("at most 200 characters");
        }
    }

    @Test
    void trackingUrisFollowSqlalchemyAndOnlySqliteIsAccepted() {
        Lake lake = Lake.at(dir);
        assertThat(TrackingStores.databasePath(lake, Map.of(), null)).isEqualTo(dir.resolve("mlflow.db"));
        assertThat(TrackingStores.databasePath(lake, Map.of("MLFLOW_TRACKING_URI", "sqlite:////tmp/x/m.db"), null))
                .isEqualTo(Path.of("/tmp/x/m.db"));
        assertThat(TrackingStores.databasePath(lake, Map.of("MLFLOW_TRACKING_URI", "sqlite:////tmp/x/m.db"),
                "sqlite:////tmp/y.db")).isEqualTo(Path.of("/tmp/y.db"));
        assertThat(TrackingStores.uriOf(Path.of("/fs/lake/mlflow.db"))).isEqualTo("sqlite:////fs/lake/mlflow.db");
        assertThatThrownBy(() -> TrackingStores.open(lake, Map.of("MLFLOW_TRACKING_URI", "http://server:5000")))
                .isInstanceOf(GraphidsException.class).hasMessageContaining("only sqlite:///PATH URIs");
        assertThat(dir.resolve("mlflow.db")).doesNotExist();
    }

    @Test
    void readOnlyOpenNeverCreatesTheDatabase() {
        Path db = dir.resolve("mlflow.db");
        assertThatThrownBy(() -> SqliteTrackingStore.openReadOnly(db)).isInstanceOf(GraphidsException.class)
                .hasMessageStartingWith("no tracking store at " + db);
        assertThat(Files.exists(db)).isFalse();
        open().close();
        try (SqliteTrackingStore ro = SqliteTrackingStore.openReadOnly(db)) {
            assertThat(ro.findExperiment("Default")).contains("0");
        }
        // A reader while a writer holds the WAL open sees committed rows.
        try (SqliteTrackingStore writer = open()) {
            String exp = writer.getOrCreateExperiment("graphids/a/fit", null);
            String run = writer.createRun(exp, "r", Map.of(), 1L);
            writer.logMetric(run, "loss", 0.25, 0);
            try (SqliteTrackingStore ro = SqliteTrackingStore.openReadOnly(db)) {
                assertThat(ro.getRun(run).orElseThrow().metrics()).containsEntry("loss", 0.25);
                assertThatThrownBy(() -> ro.setTag(run, "a", "b")).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
