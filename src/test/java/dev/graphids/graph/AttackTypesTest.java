package dev.graphids.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AttackTypesTest {

    @ParameterizedTest(name = "{1}/{0} -> {2}")
    @CsvSource({
        "attack-free-kia, train_01_attack_free, 0",
        "attack-free-1, train_02_with_attacks, 0",
        "accessory-1, train_02_with_attacks, 0",
        "DoS-kia, train_02_with_attacks, 1",
        "DoS-1, test_01_DoS, 1",
        "fuzzing-Spark, test_02_unknown_vehicle_known_attack, 2",
        "targeted_payload_fuzzing-1, test_03_x, 2",
        "untargeted_payload_fuzzing-2, test_03_x, 2",
        "force-neutral-3, train_02_with_attacks, 3",
        "gear-test, test_03_gear_spoofing, 3",
        "rpm-accessory-2, train_02_with_attacks, 12",
        "rpm-1, train_02_with_attacks, 4",
        "malfunction-sonata, test_03_known_vehicle_unknown_attack, 6",
        "valid_systematic-1, test_03_x, 14",
        "masquerade-timed-4, test_06_masquerade, 16",
        "masquerade-untimed-1, test_06_masquerade, 16",
        "speed-accessory-1, train_02_with_attacks, 11",
        "speed-2, train_02_with_attacks, 10",
        "standstill-1, train_02_with_attacks, 13",
        "suppress-1, test_05_suppress, 15",
        "double-1, test_01_x, 7",
        "triple-1, test_01_x, 8",
        "interval-1, test_01_x, 9",
        "flooding-1, test_01_x, 5",
        "fuzzy-1, test_01_x, 2",
    })
    void codeFollowsFirstMatchingKeyInStemAndFolder(String stem, String folder, int code) {
        assertThat(AttackTypes.codeOf(stem, folder)).isEqualTo(code);
    }

    @Test
    void benignFolderWinsOverAttackNameBecauseItsKeyComesFirst() {
        assertThat(AttackTypes.codeOf("DoS-kia", "train_01_attack_free")).isZero();
    }

    @Test
    void codeOfPathUsesStemWithoutCompressionSuffixAndParentFolder() {
        assertThat(AttackTypes.codeOf(Path.of("raw", "hcrl_sa", "train_02_with_attacks", "DoS-kia.csv.gz")))
                .isEqualTo(1);
        assertThat(AttackTypes.codeOf(Path.of("x", "test_04_unknown_vehicle_unknown_attack", "malfunction-spark.csv")))
                .isEqualTo(6);
        assertThat(AttackTypes.codeOf(Path.of("x", "train_01_attack_free", "attack-free-kia.csv"))).isZero();
        assertThat(AttackTypes.stem("DoS-kia.csv.gz")).isEqualTo("DoS-kia");
        assertThat(AttackTypes.stem("DoS-kia.csv")).isEqualTo("DoS-kia");
    }

    @Test
    void namesKeepTheLastKeyPerCode() {
        assertThat(AttackTypes.nameOf(0)).isEqualTo("benign");
        assertThat(AttackTypes.nameOf(2)).isEqualTo("fuzzing");
        assertThat(AttackTypes.nameOf(3)).isEqualTo("gear");
        assertThat(AttackTypes.nameOf(11)).isEqualTo("speed-accessory");
        assertThat(AttackTypes.nameOf(12)).isEqualTo("rpm-accessory");
        assertThat(AttackTypes.nameOf(16)).isEqualTo("masquerade");
        assertThat(AttackTypes.maxCode()).isEqualTo(16);
        assertThatThrownBy(() -> AttackTypes.nameOf(17)).isInstanceOf(IllegalArgumentException.class);
    }
}
