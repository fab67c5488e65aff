package dev.graphids.can.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.GraphidsException;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path tmp;

    @Test
    void builtInCatalogHasTheOriginalDatasetsAndFolders() {
        DatasetCatalog catalog = DatasetCatalog.load(Lake.at(tmp));
        assertThat(catalog.names()).containsExactly("hcrl_ch", "hcrl_sa", "set_01", "set_02", "set_03", "set_04");
        assertThat(catalog.require("hcrl_ch").testSubdirs()).containsExactly("test_01_DoS", "test_02_fuzzing",
                "test_03_gear_spoofing", "test_04_rpm_spoofing");
        assertThat(catalog.require("set_03").folders()).hasSize(8).endsWith("test_06_masquerade");
    }

    @Test
    void userDatasetsAreReadFromTheLake() throws IOException {
        Files.writeString(tmp.resolve("datasets.json"), """
                {"_comment": "ignored",
                 "my_car": {"train_subdir": "benign", "test_subdirs": ["t1", "t2"], "notes": "bench car"}}
                """);
        DatasetEntry e = DatasetCatalog.load(Lake.at(tmp)).require("my_car");
        assertThat(e.folders()).containsExactly("benign", "t1", "t2");
        assertThat(e.builtIn()).isFalse();
    }

    @Test
    void registeringKeepsOtherEntries() throws IOException {
        Lake lake = Lake.at(tmp);
        DatasetCatalog.register(lake, new DatasetEntry("a", "tr", null, List.of("te"), List.of(), "", false));
        DatasetCatalog.register(lake, new DatasetEntry("b", "tr", "tr2", List.of(), List.of(), "", false));
        assertThat(DatasetCatalog.load(lake).names()).endsWith("a", "b");
    }

    @Test
    void unknownFieldIsNamed() throws IOException {
        Files.writeString(tmp.resolve("datasets.json"), "{\"x\": {\"train_subdir\": \"a\", \"test_dirs\": []}}");
        assertThatThrownBy(() -> DatasetCatalog.load(Lake.at(tmp))).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("dataset 'x': unknown field 'test_dirs'");
    }

    @Test
    void unsafeNamesAndFoldersAreRefused() throws IOException {
        Files.writeString(tmp.resolve("datasets.json"), "{\"../evil\": {\"train_subdir\": \"a\"}}");
        assertThatThrownBy(() -> DatasetCatalog.load(Lake.at(tmp))).hasMessageContaining("not a safe path segment");
        Files.writeString(tmp.resolve("datasets.json"), "{\"ok\": {\"train_subdir\": \"../../etc\"}}");
        assertThatThrownBy(() -> DatasetCatalog.load(Lake.at(tmp))).hasMessageContaining("folder name '../../etc'");
    }

    @Test
    void brokenJsonNamesTheLine() throws IOException {
        Files.writeString(tmp.resolve("datasets.json"), "{\n\"x\": {\"train_subdir\": \"a\",,}\n}");
        assertThatThrownBy(() -> DatasetCatalog.load(Lake.at(tmp))).hasMessageContaining("datasets.json:2:");
    }

    @Test
    void builtInNamesCannotBeRedeclared() throws IOException {
        Files.writeString(tmp.resolve("datasets.json"), "{\"hcrl_sa\": {\"train_subdir\": \"a\"}}");
        assertThatThrownBy(() -> DatasetCatalog.load(Lake.at(tmp))).hasMessageContaining("is built in");
    }
}
