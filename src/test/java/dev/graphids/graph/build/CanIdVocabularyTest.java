package dev.graphids.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphids.error.BadInputException;
import dev.graphids.graph.GoldenCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import dev.graphids.can.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanIdVocabularyTest {

    @Test
    void indicesFollowNumericIdOrderWithZeroForUnknown() {
        CanIdVocabulary v = CanIdVocabulary.of(0x7FF, 0x0C1, 0x100, 0x0C1, 0x12345);
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.numIds()).isEqualTo(5);
        assertThat(v.canIds()).containsExactly(0x0C1, 0x100, 0x7FF, 0x12345);
        assertThat(v.indexOf(0x0C1)).isEqualTo(1);
        assertThat(v.indexOf(0x100)).isEqualTo(2);
        assertThat(v.indexOf(0x7FF)).isEqualTo(3);
        assertThat(v.indexOf(0x12345)).isEqualTo(4);
        assertThat(v.indexOf(0x0C2)).isEqualTo(CanIdVocabulary.UNKNOWN);
        assertThat(v.indexOf(0x1FFFFFFF)).isEqualTo(CanIdVocabulary.UNKNOWN);
        assertThat(v.canIdAt(4)).isEqualTo(0x12345);
    }

    @Test
    void digestIsSha256OfThePythonStyleCanonicalPairList() throws NoSuchAlgorithmException {
        CanIdVocabulary v = CanIdVocabulary.of(10, 2, 1000);
        assertThat(v.canonicalForm()).isEqualTo("[[\"2\", 1], [\"10\", 2], [\"1000\", 3]]");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(v.canonicalForm().getBytes(StandardCharsets.UTF_8)));
        assertThat(v.digest()).isEqualTo(expected).hasSize(64);
    }

    @Test
    void jsonHasSortedStringKeysAndRoundTrips(@TempDir Path dir) throws IOException {
        CanIdVocabulary v = CanIdVocabulary.of(10, 2, 1000);
        assertThat(v.toJson()).isEqualTo("{\n  \"digest\": \"" + v.digest() + "\",\n  \"entries\": {\n"
                + "    \"10\": 2,\n    \"1000\": 3,\n    \"2\": 1\n  },\n  \"unk_index\": 0\n}\n");
        Path file = dir.resolve("vocab.json");
        v.write(file);
        assertThat(CanIdVocabulary.read(file)).isEqualTo(v);
        assertThat(CanIdVocabulary.parse(CanIdVocabulary.of().toJson(), "empty").size()).isZero();
    }

    @Test
    void readsTheGoldenFormatWithoutDigest() {
        CanIdVocabulary v = CanIdVocabulary.parse("{\"unk_index\":0,\"entries\":{\"5\":1,\"300\":2}}", "x.json");
        assertThat(v.canIds()).containsExactly(5, 300);
    }

    @Test
    void rejectsIndicesOutOfNumericOrder() {
        assertThatThrownBy(() -> CanIdVocabulary.parse("{\"unk_index\":0,\"entries\":{\"5\":2,\"300\":1}}", "x.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("x.json: entries.5: expected index 1");
    }

    @Test
    void rejectsWrongDigestBadKeysAndNonZeroUnknownIndex() {
        assertThatThrownBy(() -> CanIdVocabulary.parse(
                "{\"digest\":\"00\",\"unk_index\":0,\"entries\":{\"5\":1}}", "v.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("digest");
        assertThatThrownBy(() -> CanIdVocabulary.parse("{\"unk_index\":0,\"entries\":{\"0C1\":1}}", "v.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("decimal CAN ID");
        assertThatThrownBy(() -> CanIdVocabulary.parse("{\"unk_index\":1,\"entries\":{}}", "v.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unk_index");
        assertThatThrownBy(() -> CanIdVocabulary.parse("{not json", "v.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("v.json");
    }

    @Test
    void vocabularyOfTheHcrlSaTrainFoldersEqualsTheGoldenVocabulary() throws IOException {
        Path golden = GoldenCaptures.golden("hcrl_sa-train-vocab.json");
        CanIdVocabulary.Builder builder = CanIdVocabulary.builder();
        long frames = 0;
        for (String folder : new String[] {"train_01_attack_free", "train_02_with_attacks"}) {
            for (Path file : GoldenCaptures.capturesIn(folder)) {
                frames += GoldenCaptures.forEachFrame(file, builder::add);
            }
        }
        assertThat(frames).isPositive();
        CanIdVocabulary built = builder.build();
        CanIdVocabulary expected = CanIdVocabulary.read(golden);
        assertThat(built.size()).isEqualTo(2048);
        assertThat(built).isEqualTo(expected);
        assertThat(built.digest()).isEqualTo(expected.digest());
        List<Path> train = new ArrayList<>(GoldenCaptures.capturesIn("train_01_attack_free"));
        train.addAll(GoldenCaptures.capturesIn("train_02_with_attacks"));
        assertThat(CanIdVocabulary.fromCaptures(train, ReadOptions.defaults())).isEqualTo(expected);
    }
}
