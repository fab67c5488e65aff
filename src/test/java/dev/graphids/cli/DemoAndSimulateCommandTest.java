package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndSimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoSimulatesIntoAFreshLakeAndInspectsItCleanly() {
        Path lake = tmp.resolve("demo-lake");
        CliRunner.Result r = new CliRunner(tmp.resolve("unused")).run("demo", "--lake", lake.toString(),
                "--minutes", "0.1", "--epochs", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("== GraphIDS demo: lake " + lake).contains("Total: ")
                .contains("Duplicate files").doesNotContain("REJECTED")
                .contains("built in").contains("test_06_masquerade");
        assertThat(lake.resolve("cache/v1/demo")).isDirectory();
        for (String run : new String[] {"demo_cache/cache", "demo_rate/fit", "demo_rate/test", "demo_vgae/fit",
            "demo_vgae/test", "demo_gat/fit", "demo_gat/test", "demo_extract/extract", "demo_fusion/fit",
            "demo_fusion/test", "demo_gat/analyze"}) {
            assertThat(lake.resolve("runs/demo").resolve(run).resolve(".graphids/manifest.json")).content()
                    .contains("\"status\" : \"finished\"");
        }
        assertThat(r.out()).contains("test results per folder").containsPattern("test_06_masquerade\\s+\\d+\\s+\\d");
        assertThat(lake.resolve("mlflow.db")).exists();
        assertThat(r.out()).contains("fusion AUC").contains("Report (open in a browser): " + lake.resolve(
                "reports/demo.html"));
        assertThat(lake.resolve("reports/demo.html")).content().contains("<table").contains("data:image/png;base64,");
        assertThat(lake.resolve("runs/demo/demo_gat/analyze/artifacts/embeddings.safetensors")).exists();
        for (String folder : new String[] {"train_01_attack_free", "test_05_suppress", "test_06_masquerade"}) {
            assertThat(lake.resolve("raw/demo").resolve(folder)).isDirectory();
        }
        assertThat(lake.resolve("datasets.json")).content().contains("\"demo\"");
        assertThat(Files.exists(lake.resolve("raw/demo/simulation.json"))).isTrue();
    }

    @Test
    void demoRefusesALakeThatAlreadyHoldsFiles() throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        CliRunner.Result r = new CliRunner(tmp).run("demo", "--lake", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("expected a new or empty directory");
    }

    @Test
    void simulateIntoTheLakeDeclaresTheDatasetForInspect() {
        CliRunner cli = new CliRunner(tmp);
        CliRunner.Result sim = cli.run("simulate", "--dataset", "mycar", "--minutes", "0.05", "--seed", "3");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        CliRunner.Result inspect = cli.run("data", "inspect", "mycar", "--json");
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("test_06_masquerade").contains("\"rejection\" : null");
    }

    @Test
    void writingCommandsFailEarlyOnAReadOnlyLake() {
        CliRunner.Result r = new CliRunner(tmp).with("GRAPHIDS_LAKE_WRITE", "0")
                .run("simulate", "--dataset", "mycar");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("is read-only (GRAPHIDS_LAKE_WRITE=0)");
        assertThat(tmp.resolve("raw")).doesNotExist();
    }
}
