package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.track.Metric;
import dev.graphids.track.RunStatus;
import dev.graphids.track.SqliteTrackingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp results --compare over the lake's tracking store. */
class ExpResultsCompareTest {
    @TempDir
    Path tmp;

    @Test
    void compareKindsPrintTablesAndCsvAndRejectUnknownKinds() {
        Path lake = tmp.resolve("lake");
        try (SqliteTrackingStore store = SqliteTrackingStore.open(lake.resolve("mlflow.db"), tmp.toUri().toString())) {
            String exp = store.getOrCreateExperiment("graphids/sim/test", null);
            for (String model : List.of("gat", "fusion")) {
                String id = store.createRun(exp, model, Map.of("graphids.phase", "test", "graphids.dataset", "sim",
                        "graphids.model", model), 1000L);
                store.logParams(id, Map.of("graphids.payload/model/scale", "small"));
                store.logMetrics(id, List.of(new Metric("test/f1", model.equals("gat") ? 0.5 : 0.75, 1000L, 0)));
                store.terminate(id, RunStatus.FINISHED, 2000L);
            }
        }
        CliRunner cli = new CliRunner(lake);
        CliRunner.Result csv = cli.run("exp", "results", "--compare", "fusion-vs-inputs", "--metric", "f1",
                "--format", "csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList()).hasSize(3).first().asString()
                .isEqualTo("dataset,model,role,runs,mean,sd,best,best_run,delta_vs_best_input");
        assertThat(csv.out()).contains("sim,fusion,fusion,1,0.7500,,0.7500,").contains(",0.2500");
        CliRunner.Result table = cli.run("exp", "results", "--compare", "best", "--metric", "f1");
        assertThat(table.out()).contains("test/f1 (pooled test folders)").contains("sim  gat    1  0.5000");
        CliRunner.Result bad = cli.run("exp", "results", "--compare", "worst");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--compare: expected best, teacher-student or fusion-vs-inputs");
    }
}
