/**
 * Experiment tracking in MLflow's own SQLite schema (runtime.md Decision 7, java-ecosystem.md §3).
 *
 * <p>{@link dev.graphids.track.TrackingStore} is the typed contract the experiment runtime calls;
 * {@link dev.graphids.track.SqliteTrackingStore} is the only class that holds SQL. Rows are written at the pinned
 * schema revision {@value dev.graphids.track.SqliteTrackingStore#SCHEMA_REVISION} when the database is created, and
 * with explicit column lists only (never DDL) when it already exists, so that MLflow's own UI and clients can open
 * the file. For lakes on network filesystems a run can instead write an {@link dev.graphids.track.OfflineRunPayload}
 * that {@link dev.graphids.track.Ingest} loads later from one writer. {@link dev.graphids.track.ResultQuery} serves
 * the result views; {@link dev.graphids.track.SystemMetricsSampler} samples CPU and memory.
 *
 * <p>Depends on {@code dev.graphids.error}, {@code dev.graphids.io} and {@code dev.graphids.lake} only; it must not
 * import the CLI, the model or the runtime packages.
 */
package dev.graphids.track;
