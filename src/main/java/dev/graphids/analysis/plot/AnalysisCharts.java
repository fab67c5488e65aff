package dev.graphids.analysis.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The analysis stage's charts (PNG, written atomically like {@link Charts}): 2-D scatter plots coloured by group
 * (embedding projections, fusion policy), heat maps with a colour-scale legend (attention over CAN IDs, CKA) and the
 * filled contour map of a loss landscape.
 */
public final class AnalysisCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private AnalysisCharts() {
    }

    /**
     * Points coloured by group, legend entries with their counts.
     *
     * @param groups name → {xs, ys}
     */
    public static void scatter(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> groups)
            throws IOException {
        XYPlot plot = scatterPlot(xLabel, yLabel, groups);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.save(png, chart);
    }

    /**
     * The fusion policy: α against the GAT's p(attack) (left) and against the anomaly score (right), points coloured
     * by class; both panels share the α axis.
     */
    public static void fusionPolicy(Path png, String title, Map<String, double[][]> byGatProb,
                                    Map<String, double[][]> byAnomaly) throws IOException {
        NumberAxis alpha = new NumberAxis("α (fusion mixing weight, 0–1)");
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(alpha);
        XYPlot left = scatterPlot("GAT p(attack) (0–1)", null, byGatProb);
        combined.add(left, 1);
        combined.add(scatterPlot("anomaly score (detector, calibrated σ units)", null, byAnomaly), 1);
        combined.setFixedLegendItems(left.getLegendItems()); // both panels colour the same classes
        combined.setGap(12);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        Charts.save(png, chart);
    }

    private static XYPlot scatterPlot(String xLabel, String yLabel, Map<String, double[][]> groups) {
        XYSeriesCollection data = new XYSeriesCollection();
        groups.forEach((name, xy) -> {
            XYSeries s = new XYSeries(name + " (n=" + xy[0].length + ")", false, true);
            for (int i = 0; i < xy[0].length; i++) {
                s.add(xy[0][i], xy[1][i]);
            }
            data.addSeries(s);
        });
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = Charts.PALETTE[i % Charts.PALETTE.length];
            r.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = yLabel == null ? null : new NumberAxis(yLabel);
        if (y != null) {
            y.setAutoRangeIncludesZero(false);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /**
     * A labelled heat map: {@code values[row][col]}, rows along y (first row on top), columns along x, a colour
     * scale from {@code low} (white) to {@code high} (dark blue); cells annotated with their value when
     * {@code annotate}.
     */
    public static void heatmap(Path png, String title, String xLabel, String yLabel, String[] cols, String[] rows,
                               double[][] values, String scaleLabel, double low, double high, boolean annotate)
            throws IOException {
        int nr = rows.length;
        int nc = cols.length;
        double[] xs = new double[nr * nc];
        double[] ys = new double[nr * nc];
        double[] zs = new double[nr * nc];
        XYPlot plot = new XYPlot();
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                int k = r * nc + c;
                xs[k] = c;
                ys[k] = nr - 1 - r; // first row on top
                zs[k] = values[r][c];
                if (annotate) {
                    XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "%.3f", values[r][c]), c,
                            nr - 1 - r);
                    a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                    a.setPaint(values[r][c] > low + 0.6 * (high - low) ? Color.WHITE : Color.BLACK);
                    a.setTextAnchor(TextAnchor.CENTER);
                    plot.addAnnotation(a);
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("values", new double[][] {xs, ys, zs});
        PaintScale scale = blues(low, high);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        String[] reversed = new String[nr];
        for (int i = 0; i < nr; i++) {
            reversed[i] = rows[nr - 1 - i];
        }
        SymbolAxis x = new SymbolAxis(xLabel, cols);
        x.setVerticalTickLabels(nc > 8);
        SymbolAxis y = new SymbolAxis(yLabel, reversed);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, nr > 16 || nc > 16 ? 11 : 13);
        x.setTickLabelFont(ticks);
        y.setTickLabelFont(ticks);
        plot.setDataset(data);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(legend(scale, scaleLabel, low, high));
        Charts.save(png, chart);
    }

    /**
     * A loss landscape as a filled contour map: {@code loss[i][j]} at (xs[i], ys[j]), twelve colour bands between the
     * lowest and highest finite loss, the trained weights (0, 0) marked.
     */
    public static void contour(Path png, String title, double[] xs, double[] ys, double[][] loss, String lossLabel)
            throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = xs.length * ys.length;
        double[][] xyz = new double[3][n];
        int k = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                xyz[0][k] = xs[i];
                xyz[1][k] = ys[j];
                xyz[2][k++] = loss[i][j];
                if (Double.isFinite(loss[i][j])) {
                    lo = Math.min(lo, loss[i][j]);
                    hi = Math.max(hi, loss[i][j]);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1e-9;
        }
        LookupPaintScale scale = new LookupPaintScale(lo, hi + 1e-12 * Math.abs(hi), Color.LIGHT_GRAY);
        int bands = 12;
        for (int b = 0; b < bands; b++) {
            float t = b / (float) (bands - 1);
            scale.add(lo + (hi - lo) * b / bands, Color.getHSBColor(0.66f - 0.66f * t, 0.75f, 0.95f));
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("loss", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(xs.length > 1 ? xs[1] - xs[0] : 1);
        r.setBlockHeight(ys.length > 1 ? ys[1] - ys[0] : 1);
        r.setPaintScale(scale);
        NumberAxis x = new NumberAxis("α (step along direction 1, filter-normalised units)");
        NumberAxis y = new NumberAxis("β (step along direction 2, filter-normalised units)");
        x.setRange(xs[0] - r.getBlockWidth() / 2, xs[xs.length - 1] + r.getBlockWidth() / 2);
        y.setRange(ys[0] - r.getBlockHeight() / 2, ys[ys.length - 1] + r.getBlockHeight() / 2);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        XYTextAnnotation trained = new XYTextAnnotation("✕ trained weights", 0, 0);
        trained.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        trained.setTextAnchor(TextAnchor.CENTER_LEFT);
        plot.addAnnotation(trained);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(legend(scale, lossLabel, lo, hi));
        Charts.save(png, chart);
    }

    private static PaintScale blues(double low, double high) {
        LookupPaintScale s = new LookupPaintScale(low, high + 1e-12 * Math.max(1, Math.abs(high)), Color.LIGHT_GRAY);
        int steps = 20;
        for (int i = 0; i < steps; i++) {
            float t = i / (float) (steps - 1);
            s.add(low + (high - low) * i / steps, new Color((int) (247 - 239 * t), (int) (251 - 203 * t),
                    (int) (255 - 148 * t)));
        }
        return s;
    }

    private static PaintScaleLegend legend(PaintScale scale, String label, double low, double high) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(low, high > low ? high : low + 1e-9);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(18);
        legend.setFrame(new BlockBorder(Color.WHITE));
        legend.setBackgroundPaint(Color.WHITE);
        legend.setAxisOffset(4);
        legend.setSubdivisionCount(64);
        return legend;
    }
}
