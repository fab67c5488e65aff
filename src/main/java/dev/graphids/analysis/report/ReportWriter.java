package dev.graphids.analysis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.graphids.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders run reports as one self-contained HTML page (every plot embedded as a base64 {@code data:} URI, no
 * external resource) and as Markdown (plots linked by paths relative to the Markdown file). Per run: status, config,
 * the metrics table per scored split and the plots; with several runs, first a side-by-side comparison of AUROC and
 * F1 per split.
 */
public final class ReportWriter {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The metrics the comparison table puts side by side. */
    static final List<String> COMPARED = List.of("auroc", "f1");

    private ReportWriter() {
    }

    /**
     * Writes the HTML page to {@code html} and its Markdown twin beside it (same name, {@code .md}), each atomically.
     *
     * @return the Markdown file
     */
    public static Path write(List<RunReport> runs, String title, Path html) throws IOException {
        Path md = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".md");
        AtomicFiles.writeString(html, html(runs, title));
        AtomicFiles.writeString(md, markdown(runs, title, md.getParent()));
        return md;
    }

    public static String html(List<RunReport> runs, String title) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}th{background:#eef}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}pre{background:#f6f6f6;")
                .append("padding:1em;overflow:auto;max-height:30em}\n.failed{color:#b00}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        if (runs.size() > 1) {
            h.append("<h2>Comparison</h2>\n<p>AUROC and F1 (at each run's threshold) per split, one column per run."
                    + "</p>\n<table id=\"comparison\" class=\"comparison\">\n<tr><th>split</th>");
            for (RunReport r : runs) {
                h.append("<th>").append(esc(r.title())).append("<br>").append(esc(r.model() + " " + r.manifest()
                        .stage())).append("</th>");
            }
            h.append("</tr>\n");
            for (String split : splits(runs)) {
                h.append("<tr><td>").append(esc(split)).append("</td>");
                for (RunReport r : runs) {
                    h.append("<td>").append(esc(compared(r, split))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        for (int i = 0; i < runs.size(); i++) {
            RunReport r = runs.get(i);
            h.append("<section id=\"run-").append(i).append("\">\n<h2>").append(esc(r.title())).append("</h2>\n");
            h.append("<p>stage <b>").append(esc(r.manifest().stage())).append("</b>, model <b>").append(esc(r.model()))
                    .append("</b>, status <b class=\"").append(esc(r.manifest().status())).append("\">")
                    .append(esc(r.manifest().status())).append("</b>, started ").append(esc(r.manifest().createdAt()))
                    .append(", git ").append(esc(r.manifest().gitSha())).append("<br>run directory <code>")
                    .append(esc(r.runDir().toString())).append("</code></p>\n");
            if (r.manifest().failure() != null) {
                h.append("<p class=\"failed\">failure: ").append(esc(r.manifest().failure())).append("</p>\n");
            }
            if (!r.metrics().isEmpty()) {
                h.append("<h3>Metrics per split</h3>\n<table class=\"metrics\" id=\"metrics-").append(i)
                        .append("\">\n<tr><th>split</th>");
                RunReport.COLUMNS.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
                h.append("</tr>\n");
                r.metrics().forEach((split, m) -> {
                    h.append("<tr><td>").append(esc(split)).append("</td>");
                    RunReport.COLUMNS.forEach(c -> h.append("<td>").append(fmt(m.get(c))).append("</td>"));
                    h.append("</tr>\n");
                });
                h.append("</table>\n");
            }
            for (Path png : r.plots()) {
                String name = png.getFileName().toString();
                h.append("<figure><img alt=\"").append(esc(name)).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                        .append("\"><figcaption>").append(esc(name)).append("</figcaption></figure>\n");
            }
            h.append("<details><summary>resolved config</summary><pre>").append(esc(pretty(r))).append("</pre>")
                    .append("</details>\n</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Markdown; plot links are relative to {@code markdownDir}. */
    public static String markdown(List<RunReport> runs, String title, Path markdownDir) throws IOException {
        StringBuilder m = new StringBuilder("# ").append(title).append("\n\n");
        if (runs.size() > 1) {
            m.append("## Comparison\n\nAUROC and F1 (at each run's threshold) per split, one column per run.\n\n"
                    + "| split |");
            runs.forEach(r -> m.append(' ').append(r.title()).append(" (").append(r.model()).append(' ')
                    .append(r.manifest().stage()).append(") |"));
            m.append("\n|---|").append("---:|".repeat(runs.size())).append('\n');
            for (String split : splits(runs)) {
                m.append("| ").append(split).append(" |");
                runs.forEach(r -> m.append(' ').append(compared(r, split)).append(" |"));
                m.append('\n');
            }
            m.append('\n');
        }
        for (RunReport r : runs) {
            m.append("## ").append(r.title()).append("\n\nstage **").append(r.manifest().stage()).append("**, model **")
                    .append(r.model()).append("**, status **").append(r.manifest().status()).append("**, started ")
                    .append(r.manifest().createdAt()).append(", git ").append(r.manifest().gitSha())
                    .append("  \nrun directory `").append(r.runDir()).append("`\n\n");
            if (r.manifest().failure() != null) {
                m.append("failure: ").append(r.manifest().failure()).append("\n\n");
            }
            if (!r.metrics().isEmpty()) {
                m.append("### Metrics per split\n\n| split |");
                RunReport.COLUMNS.forEach(c -> m.append(' ').append(c).append(" |"));
                m.append("\n|---|").append("---:|".repeat(RunReport.COLUMNS.size())).append('\n');
                r.metrics().forEach((split, v) -> {
                    m.append("| ").append(split).append(" |");
                    RunReport.COLUMNS.forEach(c -> m.append(' ').append(fmt(v.get(c))).append(" |"));
                    m.append('\n');
                });
                m.append('\n');
            }
            for (Path png : r.plots()) {
                m.append("![").append(png.getFileName()).append("](")
                        .append(markdownDir.toAbsolutePath().normalize().relativize(png).toString().replace('\\', '/'))
                        .append(")\n\n");
            }
            m.append("<details><summary>resolved config</summary>\n\n```json\n").append(pretty(r))
                    .append("\n```\n\n</details>\n\n");
        }
        return m.toString();
    }

    /** "AUROC a, F1 f" of a run's split, or "" when the run did not score it. */
    static String compared(RunReport r, String split) {
        Map<String, Double> v = r.metrics().get(split);
        if (v == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String c : COMPARED) {
            Double x = v.get(c);
            out.append(out.length() == 0 ? "" : ", ").append(c.toUpperCase(Locale.ROOT)).append(' ')
                    .append(x == null || x.isNaN() ? "–" : String.format(Locale.ROOT, "%.4f", x));
        }
        return out.toString();
    }

    private static Set<String> splits(List<RunReport> runs) {
        Set<String> out = new LinkedHashSet<>();
        runs.forEach(r -> out.addAll(r.metrics().keySet()));
        return out;
    }

    private static String pretty(RunReport r) throws JsonProcessingException {
        return PRETTY.writeValueAsString(r.config());
    }

    static String fmt(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%d", v.longValue());
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
