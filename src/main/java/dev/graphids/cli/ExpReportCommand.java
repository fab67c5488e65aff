package dev.graphids.cli;

import dev.graphids.analysis.report.ReportWriter;
import dev.graphids.analysis.report.RunReport;
import dev.graphids.error.GraphidsException;
import dev.graphids.lake.CodeDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graphids exp report RUN_DIR... [--out FILE]}: one self-contained HTML page and a Markdown twin with each
 * run's config, metrics per split and plots, and a comparison table across runs.
 */
@Command(name = "report", description = {
    "Write a report of one or more runs: a self-contained HTML page (plots embedded) and a Markdown file with the",
    "config, the metrics per split (recomputed from the prediction files) and the plots of each run, and a",
    "side-by-side comparison when several runs are given. Default output: {lake}/reports/report-{time}.html/.md."})
public final class ExpReportCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories ({lake}/runs/...).")
    List<Path> runDirs = new ArrayList<>();
    @Option(names = "--out", paramLabel = "FILE",
            description = "The HTML file to write (the Markdown goes next to it, same name with .md).")
    Path out;
    @Option(names = "--title", description = "Report title (default: GraphIDS report and the run names).")
    String title;
    private final CliContext ctx;

    ExpReportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        List<RunReport> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            runs.add(RunReport.load(dir));
        }
        Path html = target();
        String heading = title != null ? title : "GraphIDS report: " + String.join(", ",
                runs.stream().map(RunReport::title).toList());
        Path md = ReportWriter.write(runs, heading, html);
        PrintWriter w = spec.commandLine().getOut();
        w.println(html);
        w.println(md);
        w.flush();
        return 0;
    }

    private Path target() {
        Path html;
        if (out == null) {
            ctx.lake().requireWritable("write a report");
            html = ctx.lake().root().resolve("reports").resolve("report-"
                    + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ".html");
        } else {
            html = out.toAbsolutePath().normalize();
            if (html.getFileName().toString().endsWith(".md")) {
                html = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.md$", ".html"));
            }
        }
        Path code = CodeDirectory.locate();
        if (code != null && html.startsWith(code.toAbsolutePath().normalize())) {
            throw GraphidsException.usage("--out " + html + ": reports are never written into the code directory "
                    + code + "; write under the lake (the default) or elsewhere");
        }
        try {
            java.nio.file.Files.createDirectories(html.getParent());
        } catch (IOException e) {
            throw GraphidsException.environment(html.getParent() + ": cannot create: " + e.getMessage(), e);
        }
        return html;
    }
}
