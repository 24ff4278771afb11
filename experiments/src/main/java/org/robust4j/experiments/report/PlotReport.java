package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/** Renders a {@link Plot} to PNG with XChart (headless) and writes it atomically. */
public final class PlotReport {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private PlotReport() {}

    public static void writePng(Path file, Plot plot) throws IOException {
        check(plot);
        // Java2D must not look for a display; set before the first AWT class loads.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(plot.title()).xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(
                plot.kind() == Plot.Kind.LINE ? XYSeriesRenderStyle.Line : XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(plot.logX());
        chart.getStyler().setYAxisLogarithmic(plot.logY());
        for (Plot.Series s : plot.series()) {
            chart.addSeries(s.name(), s.x(), s.y());
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.writeBytes(file, png);
    }

    /** XChart fails late and obscurely on these; fail early, naming the plot. */
    private static void check(Plot plot) {
        if (plot.series().isEmpty()) {
            throw new IllegalArgumentException("plot '" + plot.title() + "' has no series");
        }
        for (Plot.Series s : plot.series()) {
            if (s.x().length == 0) {
                throw new IllegalArgumentException("plot '" + plot.title() + "': series '" + s.name() + "' is empty");
            }
            checkValues(plot, s, s.x(), plot.logX(), "x");
            checkValues(plot, s, s.y(), plot.logY(), "y");
        }
    }

    private static void checkValues(Plot plot, Plot.Series s, double[] v, boolean log, String axis) {
        for (double d : v) {
            if (!Double.isFinite(d) || (log && d <= 0)) {
                throw new IllegalArgumentException("plot '" + plot.title() + "': series '" + s.name() + "' has "
                        + axis + " value " + d + (log ? " on a logarithmic axis" : ""));
            }
        }
    }
}
