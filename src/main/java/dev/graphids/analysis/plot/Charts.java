package dev.graphids.analysis.plot;

import dev.graphids.eval.ConfusionMatrix;
import dev.graphids.eval.PrCurve;
import dev.graphids.eval.RocCurve;
import dev.graphids.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The evaluation charts a person looks at, as PNG files written atomically: ROC and precision–recall curves per test
 * folder, score histograms (benign vs attack, with the threshold), confusion matrices and training curves. Headless.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Distinct colours that read on white (JFreeChart's default palette starts with yellow and light grey). */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    private Charts() {
    }

    /** ROC curves, one per named split, with AUROC in the legend and the chance diagonal. */
    public static void roc(Path png, String title, Map<String, RocCurve> curves, Map<String, Double> auroc)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, c) -> {
            XYSeries s = new XYSeries(String.format("%s (AUROC %.4f)", name, auroc.getOrDefault(name, Double.NaN)),
                    false);
            for (int i = 0; i < c.fpr().length; i++) {
                s.add(c.fpr()[i], c.tpr()[i]);
            }
            data.addSeries(s);
        });
        XYSeries chance = new XYSeries("chance", false);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "false positive rate (benign windows flagged)",
                "true positive rate (attack windows caught)", data, PlotOrientation.VERTICAL, true, false, false);
        styleLines(chart, data.getSeriesCount() - 1);
        unitAxes(chart);
        save(png, chart);
    }

    /** Precision–recall curves, one per named split, with average precision in the legend. */
    public static void pr(Path png, String title, Map<String, PrCurve> curves, Map<String, Double> ap)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, c) -> {
            XYSeries s = new XYSeries(String.format("%s (AP %.4f)", name, ap.getOrDefault(name, Double.NaN)), false);
            for (int i = 0; i < c.recall().length; i++) {
                s.add(c.recall()[i], c.precision()[i]);
            }
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "recall (attack windows caught)",
                "precision (flagged windows that are attacks)", data, PlotOrientation.VERTICAL, true, false, false);
        styleLines(chart, -1);
        unitAxes(chart);
        save(png, chart);
    }

    /** Score histograms of benign and attack windows with the decision threshold marked. */
    public static void scoreHistogram(Path png, String title, double[] benign, double[] attack, double threshold)
            throws IOException {
        HistogramDataset data = new HistogramDataset();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] xs : List.of(benign, attack)) {
            for (double x : xs) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        if (benign.length > 0) {
            data.addSeries("benign (" + benign.length + ")", benign, 60, min, max);
        }
        if (attack.length > 0) {
            data.addSeries("attack (" + attack.length + ")", attack, 60, min, max);
        }
        JFreeChart chart = ChartFactory.createHistogram(title, "score (higher = more suspicious)", "windows", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(40, 110, 200, 150));
        bars.setSeriesPaint(1, new Color(220, 60, 40, 150));
        plot.setForegroundAlpha(0.75f);
        ValueMarker t = new ValueMarker(threshold, Color.BLACK, new BasicStroke(2f));
        t.setLabel(String.format("threshold %.4g", threshold));
        t.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.addDomainMarker(t);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(png, chart);
    }

    /** Training curves: losses against epoch, and validation AUROC when logged. */
    public static void training(Path png, String title, List<Map<String, Double>> history) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String key : List.of("train_loss", "val_loss", "val_auroc")) {
            XYSeries s = new XYSeries(key);
            for (Map<String, Double> epoch : history) {
                Double v = epoch.get(key);
                if (v != null && Double.isFinite(v)) {
                    s.add(epoch.get("epoch"), v);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch",
                "loss (training objective) / validation AUROC (0–1)", data,
                PlotOrientation.VERTICAL, true, false, false);
        styleLines(chart, -1);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        save(png, chart);
    }

    /** A 2×2 confusion matrix at the decision threshold, counts and row percentages. */
    public static void confusion(Path png, String title, ConfusionMatrix cm, double threshold) throws IOException {
        int w = 600;
        int h = 460;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format("threshold %.4g (chosen on validation)", threshold), 20, 52);
        long[][] cells = {{cm.tn(), cm.fp()}, {cm.fn(), cm.tp()}};
        String[] rows = {"true benign", "true attack"};
        String[] cols = {"predicted benign", "predicted attack"};
        int x0 = 170;
        int y0 = 110;
        int cw = 200;
        int ch = 130;
        for (int c = 0; c < 2; c++) {
            g.drawString(cols[c], x0 + c * cw + 45, y0 - 12);
        }
        for (int r = 0; r < 2; r++) {
            long rowTotal = cells[r][0] + cells[r][1];
            g.setColor(Color.BLACK);
            g.drawString(rows[r], 40, y0 + r * ch + ch / 2);
            for (int c = 0; c < 2; c++) {
                double share = rowTotal == 0 ? 0 : (double) cells[r][c] / rowTotal;
                boolean correct = r == c;
                int shade = (int) (255 - 140 * share);
                g.setColor(correct ? new Color(shade, 255, shade) : new Color(255, shade, shade));
                g.fillRect(x0 + c * cw, y0 + r * ch, cw, ch);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(x0 + c * cw, y0 + r * ch, cw, ch);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
                g.drawString(String.format("%,d", cells[r][c]), x0 + c * cw + 60, y0 + r * ch + 60);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
                g.drawString(String.format("%.2f %% of row", 100 * share), x0 + c * cw + 55, y0 + r * ch + 90);
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static void styleLines(JFreeChart chart, int dashedSeries) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        if (dashedSeries >= 0) {
            r.setSeriesStroke(dashedSeries, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 6f}, 0f));
            r.setSeriesPaint(dashedSeries, Color.GRAY);
        }
    }

    private static void unitAxes(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setRange(0, 1.0);
        plot.getRangeAxis().setRange(0, 1.02);
    }

    static void save(Path png, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
