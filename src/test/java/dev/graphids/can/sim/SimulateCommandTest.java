package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.cli.Main;
import dev.graphids.lake.CodeDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void simulateWritesTheDatasetAndReportsWhatItWrote(@TempDir Path dir) {
        Path ds = dir.resolve("sim");
        int code = run("simulate", "--out", ds.toString(), "--seed", "5", "--minutes", "0.05");
        assertThat(code).as(err.toString()).isZero();
        assertThat(ds.resolve("train_01_attack_free/attack-free-1.csv.gz")).isRegularFile();
        assertThat(ds.resolve("test_06_masquerade/masquerade-1.csv.gz")).isRegularFile();
        assertThat(ds.resolve("simulation.json")).isRegularFile();
        assertThat(out.toString())
                .contains("train_02_with_attacks/", "DoS-1.csv.gz", "attack frames", "8 folders, 19 files");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noGzipWritesPlainCsv(@TempDir Path dir) {
        assertThat(run("simulate", "--out", dir.toString(), "--minutes", "0.02", "--no-gzip")).isZero();
        assertThat(dir.resolve("test_05_suppress/suppress-1.csv")).isRegularFile();
    }

    @Test
    void refusesAnOutputDirectoryInsideTheCodeDirectory() {
        Path code = CodeDirectory.locate();
        assertThat(code).isNotNull();
        Path inside = code.resolve("target").resolve("simulate-must-not-exist");
        assertThat(run("simulate", "--out", inside.toString(), "--minutes", "0.02")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --out").contains("code directory").doesNotContain("\tat ");
        assertThat(inside).doesNotExist();
    }

    @Test
    void rejectsBadMinutesWithOneLineError(@TempDir Path dir) {
        assertThat(run("simulate", "--out", dir.toString(), "--minutes", "-1")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: --minutes").doesNotContain("\n");
    }
}
