package dev.graphids.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LakeTest {
    @TempDir
    Path tmp;

    @Test
    void lakeRootComesFromTheEnvironment() {
        Lake lake = Lake.resolve(Map.of(Lake.ROOT_VARIABLE, tmp.toString()), null);
        assertThat(lake.root()).isEqualTo(tmp.toAbsolutePath());
        assertThat(lake.defaulted()).isFalse();
        assertThat(lake.rawDir("hcrl_sa")).isEqualTo(tmp.resolve("raw/hcrl_sa"));
        assertThat(lake.mlflowDb()).isEqualTo(tmp.resolve("mlflow.db"));
        assertThat(lake.slurmDir()).isEqualTo(tmp.resolve("slurm"));
    }

    @Test
    void unsetLakeRootDefaultsToAPerUserDataDirectory() {
        Lake xdg = Lake.resolve(Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString()), null);
        assertThat(xdg.root()).isEqualTo(tmp.resolve("xdg/graphids"));
        assertThat(xdg.defaulted()).isTrue();
        Lake home = Lake.resolve(Map.of("HOME", tmp.toString()), null);
        assertThat(home.root()).isEqualTo(tmp.resolve(".local/share/graphids"));
    }

    @Test
    void rejectsLakeRootInsideCodeDirectory() throws IOException {
        Path code = Files.createDirectories(tmp.resolve("code"));
        assertThatThrownBy(() -> Lake.resolve(Map.of(Lake.ROOT_VARIABLE, code.resolve("lake").toString()), code))
                .isInstanceOf(GraphidsException.class)
                .hasMessageContaining("lies inside the GraphIDS code directory");
        assertThatThrownBy(() -> Lake.resolve(Map.of(Lake.ROOT_VARIABLE, code.toString()), code))
                .isInstanceOf(GraphidsException.class);
    }

    @Test
    void rejectsLakeRootReachingTheCodeDirectoryThroughASymlink() throws IOException {
        Path code = Files.createDirectories(tmp.resolve("code"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), code);
        assertThatThrownBy(() -> Lake.resolve(Map.of(Lake.ROOT_VARIABLE, link.resolve("lake").toString()), code))
                .isInstanceOf(GraphidsException.class);
    }

    @Test
    void readOnlyLakeRefusesWritesNamingTheVariable() {
        Lake lake = Lake.resolve(Map.of(Lake.ROOT_VARIABLE, tmp.toString(), Lake.WRITE_VARIABLE, "0"), null);
        assertThat(lake.writable()).isFalse();
        assertThatThrownBy(() -> lake.requireWritable("simulate a dataset"))
                .isInstanceOf(GraphidsException.class)
                .hasMessage("cannot simulate a dataset: the lake " + tmp.toAbsolutePath()
                        + " is read-only (GRAPHIDS_LAKE_WRITE=0); unset it or set GRAPHIDS_LAKE_WRITE=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "../x", ".hidden", "", "a b", "x..y"})
    void unsafeDatasetNamesAreRefused(String name) {
        assertThatThrownBy(() -> Lake.checkSegment("dataset", name)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("not a safe path segment");
    }
}
