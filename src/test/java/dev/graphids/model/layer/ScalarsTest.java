package dev.graphids.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.graphids.tensor.Accelerator;
import dev.graphids.tensor.Engines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

public class ScalarsTest {
    /** Holds the junk buffers so that they stay allocated until the backward has run. */
    private static final List<ByteBuffer> JUNK = new ArrayList<>();

    /**
     * Frees what the collector can free and fills freshly allocated native memory with 1e30, so that a backward
     * reading a freed constant reads 1e30 instead of the constant.
     */
    public static void collectAndOverwriteFreedMemory() {
        System.gc();
        System.gc();
        JUNK.clear();
        for (int i = 0; i < 4000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            JUNK.add(b);
        }
    }

    private static float gradientAfterCollection(UnaryOperator<NDArray> f, float x0) {
        Engines.preflight(Accelerator.CPU, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {x0});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                collectAndOverwriteFreedMemory();
                gc.backward(y);
            }
            return x.getGradient().getFloat(0);
        }
    }

    @Test
    void gradientsThroughConstantsSurviveAGarbageCollectionBeforeTheBackward() {
        assertThat(gradientAfterCollection(x -> Scalars.times(x, 0.5), 3f)).isEqualTo(0.5f);
        assertThat(gradientAfterCollection(x -> Scalars.dividedBy(x, 4), 3f)).isEqualTo(0.25f);
        assertThat(gradientAfterCollection(x -> Scalars.power(x, 2), 3f)).isCloseTo(6f, within(1e-5f));
        assertThat(gradientAfterCollection(x -> Scalars.atLeast(x, 1), 3f)).isEqualTo(1f);
        assertThat(gradientAfterCollection(x -> Scalars.atLeast(x, 5), 3f)).isEqualTo(0f);
        assertThat(gradientAfterCollection(x -> Scalars.atMost(x, 1), 3f)).isEqualTo(0f);
        assertThat(gradientAfterCollection(x -> Scalars.atMost(x, 5), 3f)).isEqualTo(1f);
    }

    /** DJL's number overloads of these five operations must not appear in model or fusion code (see Scalars). */
    @Test
    void modelAndFusionCodeTakesConstantsThroughScalars() throws IOException {
        Pattern numberArgument = Pattern.compile(
                "\\.(mul|div|pow|maximum|minimum)\\(\\s*(\\((float|double)\\)|-?[0-9]|[A-Za-z_.()]*(float|double)Value\\(\\))");
        List<String> offenders = new ArrayList<>();
        for (String dir : List.of("src/main/java/dev/graphids/model", "src/main/java/dev/graphids/fusion")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (p.getFileName().toString().equals("Adam.java")) {
                        continue; // updates weights in place outside autograd: nothing is saved for a backward
                    }
                    List<String> lines = Files.readAllLines(p);
                    if (lines.contains("import jdk.incubator.vector.FloatVector;")) {
                        continue; // the vector API's FloatVector.mul(float) etc.: plain arrays, no autograd
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = numberArgument.matcher(lines.get(i));
                        if (m.find()) {
                            offenders.add(p + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
