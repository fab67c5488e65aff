package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Keeps the README and the docs true: every {@code ./graphids ...} command they show parses against the real command
 * line (subcommands and options exist, arity fits), and every repository file they name exists. The demo and the
 * test command themselves run in {@code DemoAndSimulateCommandTest} and in CI.
 */
class ReadmeCommandsTest {
    private static final Pattern FILE = Pattern.compile("(?<![\\w/$.-])((?:configs|docs)/[\\w./-]+\\.(?:ya?ml|jsonnet|md))");

    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** The {@code ./graphids} command lines of a document's fenced code blocks, backslash continuations joined. */
    static List<String> commands(Path doc) throws IOException {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        StringBuilder pending = null;
        for (String line : Files.readAllLines(doc)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                continue;
            }
            String l = line.strip();
            if (pending != null) {
                pending.append(' ').append(l);
            } else {
                int at = l.indexOf("./graphids ");
                if (at < 0) {
                    continue;
                }
                pending = new StringBuilder(l.substring(at));
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            out.add(pending.toString());
            pending = null;
        }
        return out;
    }

    /** Splits a shell line into words (quotes removed), stopping at a pipe, a redirection or a comment. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(command);
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (m.group(3) != null && (w.equals("|") || w.equals("&&") || w.equals(";") || w.startsWith("#")
                    || w.startsWith(">") || w.equals("2>&1"))) {
                break;
            }
            out.add(w);
        }
        return out.subList(1, out.size()); // drop ./graphids
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyShownCommandParses(Path doc) throws IOException {
        for (String command : commands(doc)) {
            List<String> args = words(command);
            CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                    new CliContext(Map.of(), new PrintWriter(new StringWriter())));
            try {
                cl.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(doc + ": `" + command + "` does not parse: " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyNamedRepositoryFileExists(Path doc) throws IOException {
        Matcher m = FILE.matcher(Files.readString(doc));
        while (m.find()) {
            String name = m.group(1);
            if (name.contains("{") || name.contains("*")) {
                continue;
            }
            assertThat(Path.of(name)).as(doc + " names " + name).exists();
        }
    }

    @Test
    void theReadmeShowsTheTwoContractCommands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("./graphids demo").contains("mvn -B test");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B test");
        assertThat(commands(Path.of("README.md"))).hasSizeGreaterThanOrEqualTo(4).anyMatch(c -> c.startsWith("./graphids demo"));
        assertThat(words("./graphids exp launch a.yaml --set 'x=1 2' | tee log")).containsExactly("exp", "launch",
                "a.yaml", "--set", "x=1 2");
    }
}
