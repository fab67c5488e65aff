package dev.graphids.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight JVMs start at once against one absent mlflow.db: they race to create the schema and the experiment, then
 * log with one transaction per step. WAL and busy_timeout must make every write land.
 */
class TrackingConcurrencyTest {
    private static final int WRITERS = 8;
    private static final int STEPS = 50;

    @TempDir
    Path dir;

    @Test
    void eightProcessesLogToOneDatabase() throws IOException, InterruptedException {
        Path db = dir.resolve("mlflow.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            processes.add(new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ConcurrentWriterMain.class.getName(), db.toString(),
                    Integer.toString(i), Integer.toString(STEPS)).redirectErrorStream(true).start());
        }
        Set<String> runs = new HashSet<>();
        Set<String> experiments = new HashSet<>();
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("writer finished in time").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            String[] words = out.strip().lines().reduce((a, b) -> b).orElse("").split(" ");
            runs.add(words[1]);
            experiments.add(words[3]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("TrackingConcurrencyTest: %d writer JVMs x %d steps in %.2f s wall (JVM starts included)%n",
                WRITERS, STEPS, seconds);

        assertThat(runs).hasSize(WRITERS);
        assertThat(experiments).hasSize(1);
        assertThat(Db.one(db, "SELECT count(*) FROM experiments WHERE name = 'graphids/concurrent/fit'"))
                .isEqualTo(1);
        assertThat(Db.one(db, "SELECT count(*) FROM experiments")).isEqualTo(2);
        assertThat(Db.one(db, "SELECT count(*) FROM alembic_version")).isEqualTo(1);
        assertThat(Db.one(db, "SELECT count(*) FROM runs WHERE status = 'FINISHED'")).isEqualTo(WRITERS);
        assertThat(Db.one(db, "SELECT count(*) FROM params")).isEqualTo(WRITERS * 5);
        assertThat(Db.one(db, "SELECT count(*) FROM metrics")).isEqualTo(WRITERS * STEPS * 2);
        assertThat(Db.one(db, "SELECT count(*) FROM metrics WHERE is_nan = 1")).isEqualTo(WRITERS);
        assertThat(Db.rows(db, "SELECT DISTINCT step FROM latest_metrics")).containsExactly(List.of(STEPS - 1));
        assertThat(Db.one(db, "SELECT count(*) FROM latest_metrics")).isEqualTo(WRITERS * 2);
        for (String run : runs) {
            assertThat(Db.one(db, "SELECT count(DISTINCT step) FROM metrics WHERE run_uuid = '" + run + "'"))
                    .isEqualTo(STEPS);
        }
    }
}
