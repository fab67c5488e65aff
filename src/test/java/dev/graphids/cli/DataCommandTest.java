package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path lake;

    /** Frame counts of the shared hcrl_sa captures (data rows of each file; 1,908,595 in all). */
    private static final Map<String, Long> HCRL_SA_FRAMES = Map.ofEntries(
            Map.entry("train_01_attack_free/attack-free-kia.csv.gz", 192_516L),
            Map.entry("train_01_attack_free/attack-free-sonata.csv.gz", 117_173L),
            Map.entry("train_02_with_attacks/DoS-kia.csv.gz", 181_901L),
            Map.entry("train_02_with_attacks/attack-free-kia.csv.gz", 192_516L),
            Map.entry("train_02_with_attacks/attack-free-sonata.csv.gz", 117_173L),
            Map.entry("train_02_with_attacks/fuzzing-sonata.csv.gz", 135_670L),
            Map.entry("test_01_known_vehicle_known_attack/DoS-sonata.csv.gz", 149_547L),
            Map.entry("test_01_known_vehicle_known_attack/fuzzing-kia.csv.gz", 249_990L),
            Map.entry("test_02_unknown_vehicle_known_attack/DoS-spark.csv.gz", 120_570L),
            Map.entry("test_02_unknown_vehicle_known_attack/fuzzing-Spark.csv.gz", 65_665L),
            Map.entry("test_03_known_vehicle_unknown_attack/malfunction-kia.csv.gz", 173_436L),
            Map.entry("test_03_known_vehicle_unknown_attack/malfunction-sonata.csv.gz", 132_651L),
            Map.entry("test_04_unknown_vehicle_unknown_attack/malfunction-spark.csv.gz", 79_787L));

    @Test
    void inspectGivesExactFrameCountsForTheRealHcrlSaCaptures() throws IOException {
        Path shared = SharedData.require("hcrl_sa");
        Files.createDirectories(lake.resolve("raw"));
        Files.createSymbolicLink(lake.resolve("raw/hcrl_sa"), shared);

        CliRunner.Result r = new CliRunner(lake).run("data", "inspect", "hcrl_sa", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        Map<String, Long> frames = new HashMap<>();
        long attacks = 0;
        for (JsonNode folder : json.get("folders")) {
            for (JsonNode file : folder.get("files")) {
                frames.put(file.get("path").asText(), file.get("frames").asLong());
                attacks += file.get("attackFrames").asLong();
                assertThat(file.get("rejection").isNull()).isTrue();
                assertThat(file.get("badRows").size()).isZero();
            }
        }
        assertThat(frames).isEqualTo(HCRL_SA_FRAMES);
        assertThat(attacks).isEqualTo(33_141 + 18_118 + 32_422 + 39_812 + 22_587 + 5_812 + 7_401 + 15_974 + 8_047);
        JsonNode kia = json.get("folders").get(0).get("files").get(0);
        assertThat(kia.get("duplicateOf").get(0).asText()).isEqualTo("train_02_with_attacks/attack-free-kia.csv.gz");

        CliRunner.Result table = new CliRunner(lake).run("data", "inspect", "hcrl_sa");
        assertThat(table.out()).contains("Total: 1,908,595 frames in 13 files").contains("Duplicate files");
        CliRunner.Result list = new CliRunner(lake).run("data", "list");
        assertThat(list.out()).containsPattern("hcrl_sa\\s+yes\\s+6/6\\s+13\\s+1,908,595");
    }

    @Test
    void inspectOfARejectedFileReportsItAndExitsOne() throws IOException {
        Path file = lake.resolve("bad.csv");
        Files.writeString(file, "timestamp,arbitration_id,data_field,attack\n1.0,XYZ,00,0\n");
        CliRunner.Result r = new CliRunner(lake).run("data", "inspect", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("REJECTED: 1 of 1 rows (100.00 %) are bad");
        assertThat(r.err()).startsWith("error: 1 file(s) rejected: bad.csv").doesNotContain("Exception");
    }

    @Test
    void unknownDatasetIsAClearError() {
        CliRunner.Result r = new CliRunner(lake).run("data", "inspect", "nope");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'nope' is neither a dataset of the catalog (hcrl_ch, hcrl_sa");
    }

    @Test
    void readOnlyCommandsWorkOnAReadOnlyLake() {
        CliRunner.Result r = new CliRunner(lake).with("GRAPHIDS_LAKE_WRITE", "0").run("data", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("hcrl_sa");
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String[] cmd : new String[][] {{"--help"}, {"data", "inspect", "--help"}, {"data", "cache", "--help"},
            {"exp", "launch", "--help"}, {"exp", "submit", "--help"}, {"simulate", "--help"}, {"demo", "--help"},
            {"bench", "ingest", "--help"}}) {
            CliRunner.Result r = new CliRunner(lake).run(cmd);
            assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).as(String.join(" ", cmd)).startsWith("Usage: graphids");
        }
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CliRunner.Result r = new CliRunner(lake).run("data", "inspect", "hcrl_sa", "--on-bad-row", "ignore");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("on_bad_row: expected skip or fail, found 'ignore'");
    }
}
