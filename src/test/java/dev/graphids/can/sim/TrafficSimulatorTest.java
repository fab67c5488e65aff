package dev.graphids.can.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graphids.error.GraphidsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficSimulatorTest {
    private static final double MINUTES = 0.1;
    private static final Pattern ROW = Pattern.compile("\\d+\\.\\d{6},[0-9A-F]{3},([0-9A-F]{2}){0,8},[01]");

    @TempDir
    static Path shared;
    private static SimulationSummary summary;

    @BeforeAll
    static void simulate() {
        summary = TrafficSimulator.writeDataset(shared.resolve("ds"), SimulationConfig.of(7, MINUTES, true));
    }

    private static Path file(String relative) {
        return summary.outDir().resolve(relative);
    }

    @Test
    void writesTheCatalogLayoutWithAttackFreeCopyInTrain02() throws IOException {
        assertThat(summary.folders()).containsExactlyElementsOf(DatasetLayout.FOLDERS);
        for (String folder : DatasetLayout.FOLDERS) {
            assertThat(file(folder)).isDirectory();
        }
        assertThat(file("train_02_with_attacks/attack-free-1.csv.gz"))
                .hasSameBinaryContentAs(file("train_01_attack_free/attack-free-1.csv.gz"));
        assertThat(summary.files()).hasSize(19);
        try (Stream<Path> all = Files.walk(summary.outDir())) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void fileNamesGiveTheRightAttackTypeCodes() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("train_01_attack_free/attack-free-1.csv.gz", 0);
        expected.put("train_02_with_attacks/attack-free-1.csv.gz", 0);
        expected.put("train_02_with_attacks/DoS-1.csv.gz", 1);
        expected.put("train_02_with_attacks/fuzzing-1.csv.gz", 2);
        expected.put("train_02_with_attacks/gear-1.csv.gz", 3);
        expected.put("test_03_known_vehicle_unknown_attack/rpm-1.csv.gz", 4);
        expected.put("test_03_known_vehicle_unknown_attack/replay-1.csv.gz", 0);
        expected.put("test_05_suppress/suppress-1.csv.gz", 15);
        expected.put("test_06_masquerade/masquerade-2.csv.gz", 16);
        expected.forEach((path, code) -> assertThat(attackTypeCode(file(path))).as(path).isEqualTo(code));
    }

    /** The file-name rule of data spec §1.5, re-stated here so the layout is checked against the spec. */
    private static int attackTypeCode(Path csv) {
        String name = csv.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        String s = (name + " " + csv.getParent().getFileName()).toLowerCase(Locale.ROOT);
        String[][] keys = {{"normal", "0"}, {"attack_free", "0"}, {"benign", "0"}, {"dos", "1"}, {"fuzzy", "2"},
            {"fuzzing", "2"}, {"force-neutral", "3"}, {"gear", "3"}, {"rpm-accessory", "12"}, {"rpm", "4"},
            {"flooding", "5"}, {"malfunction", "6"}, {"double", "7"}, {"triple", "8"}, {"interval", "9"},
            {"speed-accessory", "11"}, {"speed", "10"}, {"standstill", "13"}, {"systematic", "14"},
            {"suppress", "15"}, {"masquerade", "16"}};
        for (String[] k : keys) {
            if (s.contains(k[0])) {
                return Integer.parseInt(k[1]);
            }
        }
        return 0;
    }

    @Test
    void everyRowHasCatalogFormatAndTimestampsNeverDecrease() throws IOException {
        for (FileSummary f : summary.files()) {
            List<String> lines = Frames.lines(file(f.path()));
            assertThat(lines.get(0)).isEqualTo("timestamp,arbitration_id,data_field,attack");
            assertThat(lines).hasSize((int) f.frames() + 1);
            long previous = Long.MIN_VALUE;
            long attacks = 0;
            for (String line : lines.subList(1, lines.size())) {
                assertThat(ROW.matcher(line).matches()).as("%s: %s", f.path(), line).isTrue();
                Frames.Row r = new Frames.Row(line.split(",", -1)[0], "", "", line.substring(line.length() - 1));
                assertThat(r.micros()).isGreaterThanOrEqualTo(previous);
                previous = r.micros();
                attacks += r.isAttack() ? 1 : 0;
            }
            assertThat(attacks).as(f.path()).isEqualTo(f.attackFrames());
            assertThat(attacks > 0).as(f.path()).isEqualTo(f.plan() != null);
        }
    }

    @Test
    void measuredBusLoadOfEveryFileIsBetween30And60Percent() {
        assertThat(summary.files()).allSatisfy(f -> assertThat(f.busLoad()).isBetween(0.30, 0.60));
    }

    @Test
    void knownVehicleFoldersUseVehicleAAndUnknownVehicleFoldersUseVehicleB() {
        for (FileSummary f : summary.files()) {
            boolean unknown = f.path().contains("unknown_vehicle");
            if (f.path().startsWith("test_05") || f.path().startsWith("test_06")) {
                continue;
            }
            assertThat(f.vehicle()).as(f.path()).isEqualTo(unknown ? "B" : "A");
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) {
        SimulationSummary again = TrafficSimulator.writeDataset(dir.resolve("a"), SimulationConfig.of(7, MINUTES, true));
        for (FileSummary f : summary.files()) {
            assertThat(again.outDir().resolve(f.path())).hasSameBinaryContentAs(file(f.path()));
        }
        assertThat(again.outDir().resolve(TrafficSimulator.MANIFEST))
                .hasSameBinaryContentAs(file(TrafficSimulator.MANIFEST));
        SimulationSummary other = TrafficSimulator.writeDataset(dir.resolve("b"),
                new SimulationConfig(8, MINUTES, true, 1));
        assertThat(Frames.linesUnchecked(other.outDir().resolve("train_01_attack_free/attack-free-1.csv.gz")))
                .isNotEqualTo(Frames.linesUnchecked(file("train_01_attack_free/attack-free-1.csv.gz")));
    }

    @Test
    void manifestRecordsSeedVehiclesAttacksAndIntervals() throws IOException {
        JsonNode json = new ObjectMapper().readTree(file(TrafficSimulator.MANIFEST).toFile());
        assertThat(json.get("format").asText()).isEqualTo("graphids-simulation/1");
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("minutes").asDouble()).isEqualTo(MINUTES);
        assertThat(json.get("vehicles")).hasSize(2);
        assertThat(json.get("files")).hasSize(summary.files().size());
        for (JsonNode f : json.get("files")) {
            FileSummary s = summary.file(f.get("path").asText());
            assertThat(f.get("frames").asLong()).isEqualTo(s.frames());
            assertThat(f.get("attack_frames").asLong()).isEqualTo(s.attackFrames());
            if (s.plan() != null) {
                assertThat(f.get("attack").asText()).isEqualTo(s.plan().kind().label());
                JsonNode first = f.get("intervals").get(0);
                assertThat(first.get("end").asDouble()).isGreaterThan(first.get("start").asDouble());
            } else {
                assertThat(f.get("attack").asText()).isEqualTo("none");
            }
        }
        assertThat(json.get("files").get(1).get("copy_of").asText())
                .isEqualTo("train_01_attack_free/attack-free-1.csv.gz");
    }

    @Test
    void suppressFileHasAGapForItsTargetId() throws IOException {
        FileSummary f = summary.file("test_05_suppress/suppress-1.csv.gz");
        String target = String.format("%03X", f.plan().targetId());
        Interval burst = f.plan().bursts().get(0);
        List<Frames.Row> rows = Frames.rows(file(f.path()));
        long start = f.startEpochMicros() + burst.startMicros();
        long end = f.startEpochMicros() + burst.endMicros();
        assertThat(rows).filteredOn(r -> r.id().equals(target) && r.micros() >= start && r.micros() < end).isEmpty();
        assertThat(rows).filteredOn(r -> r.micros() >= start && r.micros() < end).allMatch(Frames.Row::isAttack);
    }

    @Test
    void masqueradeFileKeepsTheTimingOfItsBenignCopy() throws IOException {
        FileSummary f = summary.file("test_06_masquerade/masquerade-1.csv.gz");
        DatasetLayout.Entry entry = DatasetLayout.standard(summary.vehicles().get(0), summary.vehicles().get(1))
                .stream().filter(e -> (e.key() + ".csv.gz").equals(f.path())).findFirst().orElseThrow();
        Capture capture = TrafficSimulator.capture(entry, summary.config());
        int target = f.plan().targetId();
        List<Long> benignTimes = Frames.drain(capture.openBenign()).stream().filter(x -> x.id() == target)
                .map(x -> f.startEpochMicros() + x.micros()).toList();
        List<Frames.Row> rows = Frames.rows(file(f.path())).stream().filter(r -> r.idValue() == target).toList();
        assertThat(rows.stream().map(Frames.Row::micros).toList()).isEqualTo(benignTimes);
        assertThat(rows).filteredOn(Frames.Row::isAttack).hasSize((int) f.attackFrames());
    }

    @Test
    void plainCsvIsWrittenWithoutGzip(@TempDir Path dir) throws IOException {
        SimulationSummary plain = TrafficSimulator.writeDataset(dir, SimulationConfig.of(7, 0.02, false));
        assertThat(plain.files()).allMatch(f -> f.path().endsWith(".csv"));
        assertThat(Files.readAllLines(dir.resolve("test_01_known_vehicle_known_attack/DoS-2.csv")).get(0))
                .isEqualTo("timestamp,arbitration_id,data_field,attack");
    }

    @Test
    void refusesANonEmptyDirectoryThatIsNotASimulatedDataset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> TrafficSimulator.writeDataset(dir, SimulationConfig.of(1, 0.02, true)))
                .isInstanceOf(GraphidsException.class).hasMessageContaining("--out").hasMessageContaining("found other files");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        assertThat(dir.resolve("train_01_attack_free")).doesNotExist();
    }

    @Test
    void rewritesAnEarlierSimulatedDataset(@TempDir Path dir) {
        TrafficSimulator.writeDataset(dir, SimulationConfig.of(3, 0.02, true));
        SimulationSummary second = TrafficSimulator.writeDataset(dir, SimulationConfig.of(3, 0.02, true));
        assertThat(second.manifest()).exists();
    }

    @Test
    void rejectsOutOfRangeMinutes() {
        assertThatThrownBy(() -> SimulationConfig.of(1, 0, true)).isInstanceOf(GraphidsException.class)
                .hasMessageContaining("--minutes");
        assertThatThrownBy(() -> SimulationConfig.of(1, Double.NaN, true)).isInstanceOf(GraphidsException.class);
    }
}
