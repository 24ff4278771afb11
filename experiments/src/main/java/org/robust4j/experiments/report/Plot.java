package org.robust4j.experiments.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What a line or scatter plot shows: titles, axis scales and named series. Immutable; the
 * {@code with*} methods return a changed copy.
 *
 * <pre>{@code
 * Plot p = Plot.line("matmul", "n", "GFLOP/s").withLogX().withSeries("nd4j", ns, gflops);
 * PlotReport.writePng(out.resolve("matmul.png"), p);
 * }</pre>
 */
public record Plot(Kind kind, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                   List<Series> series) {

    public enum Kind { LINE, SCATTER }

    /** One named set of points; {@code x} and {@code y} have the same length. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but "
                        + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    public Plot {
        series = List.copyOf(series);
    }

    public static Plot line(String title, String xLabel, String yLabel) {
        return new Plot(Kind.LINE, title, xLabel, yLabel, false, false, List.of());
    }

    public static Plot scatter(String title, String xLabel, String yLabel) {
        return new Plot(Kind.SCATTER, title, xLabel, yLabel, false, false, List.of());
    }

    public Plot withSeries(String name, double[] x, double[] y) {
        List<Series> s = new ArrayList<>(series);
        s.add(new Series(name, x, y));
        return new Plot(kind, title, xLabel, yLabel, logX, logY, s);
    }

    public Plot withLogX() {
        return new Plot(kind, title, xLabel, yLabel, true, logY, series);
    }

    public Plot withLogY() {
        return new Plot(kind, title, xLabel, yLabel, logX, true, series);
    }
}
