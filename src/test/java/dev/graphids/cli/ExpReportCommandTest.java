package dev.graphids.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphids.can.sim.SimulateFixture;
import dev.graphids.lake.CodeDirectory;
import dev.graphids.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp report on a fitted and a tested rate baseline: HTML and Markdown, and the HTML rendered by a real browser. */
class ExpReportCommandTest {
    static final String FIT = """
            experiment_name: sim_rate
            run_name: fit
            dataset: sim
            seed: 3
            stage: fit
            representation_cfg: {kind: snapshot, window_size: 100, stride: 100}
            config:
              model: {type: rate}
              data:
                source: {representation_cfg: {kind: snapshot, window_size: 100, stride: 100}, val_fraction: 0.3}
            """;

    @TempDir
    Path tmp;
    Path lake;
    CliRunner cli;
    Path fitDir;
    Path testDir;

    @BeforeEach
    void fitAndTest() throws IOException {
        lake = tmp.resolve("lake");
        SimulateFixture.dataset(Lake.at(lake), "sim", 0.1);
        cli = new CliRunner(lake);
        Path yaml = tmp.resolve("fit.yaml");
        Files.writeString(yaml, FIT);
        assertThat(cli.run("exp", "launch", yaml.toString()).exitCode()).isZero();
        fitDir = lake.resolve("runs/sim/sim_rate/fit");
        Files.writeString(yaml, FIT.replace("stage: fit", "stage: test").replace("run_name: fit", "run_name: test"));
        CliRunner.Result test = cli.run("exp", "launch", yaml.toString(), "--set", "config.ckpt_path=" + fitDir
                .resolve("checkpoints/best_model.safetensors"));
        assertThat(test.exitCode()).as(test.err()).isZero();
        testDir = lake.resolve("runs/sim/sim_rate/test");
    }

    @Test
    void reportHasConfigMetricsPlotsAndAComparison() throws IOException {
        Path html = tmp.resolve("out/report.html");
        CliRunner.Result r = cli.run("exp", "report", fitDir.toString(), testDir.toString(), "--out", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<table id=\"comparison\"").contains("id=\"metrics-0\"").contains("id=\"metrics-1\"")
                .contains("<td>test_01_known_vehicle_known_attack</td>").contains("<td>val</td>")
                .contains("&quot;experiment_name&quot; : &quot;sim_rate&quot;").doesNotContain("src=\"/").doesNotContain("file:");
        // Every plot of both runs is embedded.
        long plots;
        try (Stream<Path> s = Stream.concat(Files.list(fitDir.resolve("artifacts/plots")),
                Files.list(testDir.resolve("artifacts/plots")))) {
            plots = s.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertThat(count(page, "src=\"data:image/png;base64,")).isEqualTo(plots).isGreaterThan(5);

        // The test folder's AUROC in the report is the one the test stage journaled.
        String journal = Files.readString(testDir.resolve(".graphids/events.jsonl"));
        Matcher auroc = Pattern.compile("\"test_01_known_vehicle_known_attack\":\\{\"auroc\":([0-9.]+)")
                .matcher(journal);
        assertThat(auroc.find()).as(journal).isTrue();
        String expected = String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(auroc.group(1)));
        assertThat(page).containsPattern("<td>test_01_known_vehicle_known_attack</td><td>\\d+</td><td>\\d+</td><td>"
                + Pattern.quote(expected) + "</td>");

        Path md = tmp.resolve("out/report.md");
        String markdown = Files.readString(md);
        assertThat(markdown).contains("## Comparison").contains("| split |").contains("| test_05_suppress |");
        Matcher link = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(markdown);
        int links = 0;
        while (link.find()) {
            assertThat(md.getParent().resolve(link.group(1))).as(link.group(1)).isRegularFile();
            links++;
        }
        assertThat(links).isEqualTo(plots);
    }

    @Test
    void defaultOutputGoesUnderTheLakeAndBadInputIsAClearError() throws IOException {
        CliRunner.Result r = cli.run("exp", "report", testDir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path html = Path.of(r.out().lines().findFirst().orElseThrow());
        assertThat(html).startsWith(lake.resolve("reports")).isRegularFile();
        assertThat(html.resolveSibling(html.getFileName().toString().replace(".html", ".md"))).isRegularFile();

        CliRunner.Result bad = cli.run("exp", "report", tmp.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("not a GraphIDS run directory").doesNotContain("Exception");
        Path code = CodeDirectory.locate();
        CliRunner.Result intoCode = cli.run("exp", "report", testDir.toString(), "--out", code.resolve("target/r.html")
                .toString());
        assertThat(intoCode.exitCode()).isEqualTo(2);
        assertThat(intoCode.err()).contains("never written into the code directory");
    }

    /** Renders the report in headless Chromium: the tables are there and every embedded image decodes. */
    @Test
    void reportRendersInAHeadlessBrowser() throws Exception {
        String browser = findBrowser();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium); skipping the "
                + "headless browser check of the report");
        Path html = tmp.resolve("out/report.html");
        assertThat(cli.run("exp", "report", fitDir.toString(), testDir.toString(), "--out", html.toString())
                .exitCode()).isZero();
        // A copy with a probe that, once the page has loaded, records what the browser rendered into the DOM.
        String probe = """
                <script>
                window.addEventListener('load', function () {
                  var imgs = document.images, ok = 0;
                  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }
                  var d = document.createElement('div');
                  d.id = 'probe';
                  d.setAttribute('data-images', imgs.length);
                  d.setAttribute('data-decoded', ok);
                  d.setAttribute('data-metric-rows', document.querySelectorAll('table.metrics tr').length);
                  d.setAttribute('data-comparison', document.getElementById('comparison') ? 1 : 0);
                  document.body.appendChild(d);
                });
                </script>
                """;
        Path probed = tmp.resolve("out/probed.html");
        Files.writeString(probed, Files.readString(html).replace("</body>", probe + "</body>"));
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                probed.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("<div id=\"probe\" data-images=\"(\\d+)\" data-decoded=\"(\\d+)\" "
                + "data-metric-rows=\"(\\d+)\" data-comparison=\"(\\d)\"").matcher(dom);
        assertThat(m.find()).as("probe in the DOM; chromium said: " + Files.readString(tmp.resolve("chromium.err")))
                .isTrue();
        int images = Integer.parseInt(m.group(1));
        assertThat(images).isGreaterThan(5);
        assertThat(Integer.parseInt(m.group(2))).as("decoded images").isEqualTo(images);
        // Fit: header + val; test: header + six... folders of the simulated dataset.
        assertThat(Integer.parseInt(m.group(3))).isGreaterThanOrEqualTo(5);
        assertThat(m.group(4)).isEqualTo("1");
    }

    private static String findBrowser() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
