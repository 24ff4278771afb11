package org.robust4j.experiments.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Summary;

/** Writes the demo's files: {@code report.md}, its PNG plots, {@code results.json/csv} and {@code summary.json}. */
public final class DemoReport {
    public static final String REPORT = "report.md";
    public static final String ROBUSTNESS_PNG = "robustness.png";
    public static final String LAYERS_PNG = "layer-norms.png";

    private DemoReport() {}

    static Path write(Path out, DemoConfig c, List<ModelReport> models, String backend, long seed, double seconds)
            throws IOException {
        JsonReport.write(out.resolve("results.json"), models);
        JsonReport.write(out.resolve("config.json"), c);
        CsvReport.write(out.resolve("results.csv"), Row.class, models.stream().map(m -> Row.of(m, c)).toList());
        PlotReport.writePng(out.resolve(ROBUSTNESS_PNG), robustnessPlot(c, models));
        PlotReport.writePng(out.resolve(LAYERS_PNG), layerPlot(models));

        MarkdownReport md = new MarkdownReport("robust4j demo");
        md.paragraph(String.format(Locale.ROOT, "A standard CNN and a 1-Lipschitz network trained on %s, then attacked "
                + "and certified on the same %d test images (randomized smoothing on the first %d). Backend `%s`, seed %d, "
                + "%.0f s in all.", c.dataset(), c.testLimit(), c.smoothingLimit(), backend, seed, seconds));
        md.section("Results");
        md.table(headers(c), models.stream().map(m -> cells(m, c)).toList());
        md.paragraph("Robust accuracy is an upper bound on the true robust accuracy (an attack may miss); certified "
                + "accuracy is a lower bound (proved for every image it counts). The Lipschitz certificate of an image "
                + "with logit margin m is the l2 radius m / (sqrt(2) L); randomized smoothing certifies "
                + "sigma * PhiInv(pA) with probability 1 - alpha.");
        md.image("accuracy against l2 budget", ROBUSTNESS_PNG);
        md.section("Spectral norms of the layers");
        md.paragraph("Upper bounds per layer (Gram iteration, FLOAT64); the network's Lipschitz bound is their product.");
        List<List<?>> layerRows = new ArrayList<>();
        for (ModelReport m : models) {
            for (ModelReport.LayerNorm l : m.layers()) {
                layerRows.add(List.of(m.label(), l.path(), l.layer(), fmt(l.value()), l.kind(), l.note()));
            }
        }
        md.table(List.of("model", "layer", "type", "spectral norm", "kind", "method"), layerRows);
        md.image("per-layer spectral norms", LAYERS_PNG);
        md.section("Configuration");
        md.paragraph("```\n" + JsonReport.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n```");
        Path report = out.resolve(REPORT);
        md.write(report);

        Summary s = new Summary().put("backend", backend).put("seed", seed).put("seconds", seconds);
        for (ModelReport m : models) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("clean_accuracy", m.cleanAccuracy());
            entry.put("pgd_l2_accuracy", m.robustL2().get(0));
            entry.put("pgd_linf_accuracy", m.robustLinf().get(0));
            entry.put("lipschitz_bound", Double.isNaN(m.lipschitzBound()) ? null : m.lipschitzBound());
            entry.put("lipschitz_certified_accuracy", byRadius(m.lipschitzCertified()));
            entry.put("smoothing_certified_accuracy", byRadius(m.smoothingCertified()));
            s.put(m.arch(), entry);
        }
        s.writeTo(out);
        return report;
    }

    /** The compact table printed at the end of the run. */
    public static String consoleTable(DemoConfig c, List<ModelReport> models) {
        List<String> h = headers(c);
        List<List<String>> rows = models.stream().map(m -> cells(m, c)).toList();
        int[] w = new int[h.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = h.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, h, w);
        StringBuilder rule = new StringBuilder();
        for (int x : w) {
            rule.append("-".repeat(x)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(r -> appendRow(sb, r, w));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(i == 0 ? pad(cell, w[i]) : padLeft(cell, w[i])).append("  ");
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static List<String> headers(DemoConfig c) {
        double r = c.certifyRadii().get(0);
        return List.of("model", "params", "clean", String.format(Locale.ROOT, "PGD-l2 %.3f", c.l2()),
                String.format(Locale.ROOT, "PGD-linf %.4f", c.linf()), "Lipschitz bound",
                String.format(Locale.ROOT, "Lip-cert %s", radius(r)),
                String.format(Locale.ROOT, "Lip-cert %s", radius(c.l2())),
                String.format(Locale.ROOT, "smooth-cert %s", radius(r)));
    }

    private static List<String> cells(ModelReport m, DemoConfig c) {
        double r = c.certifyRadii().get(0);
        return List.of(m.label(), String.valueOf(m.parameters()), pct(m.cleanAccuracy()), pct(m.robustL2().get(0)),
                pct(m.robustLinf().get(0)), fmt(m.lipschitzBound()), pct(m.lipschitzCertified().get(r)),
                pct(m.lipschitzCertified().get(c.l2())), pct(m.smoothingCertified().get(r)));
    }

    private static Plot robustnessPlot(DemoConfig c, List<ModelReport> models) {
        Plot p = Plot.line("Accuracy against the l2 budget", "l2 radius / budget", "accuracy");
        List<Double> eps = new ArrayList<>(c.l2Eps());
        for (ModelReport m : models) {
            double[][] xy = sorted(eps, m.robustL2(), m.cleanAccuracy());
            p = p.withSeries(m.label() + ": PGD-l2 (empirical)", xy[0], xy[1]);
            if (!m.lipschitzCertified().isEmpty()) {
                double[][] cert = sorted(new ArrayList<>(m.lipschitzCertified().keySet()),
                        new ArrayList<>(m.lipschitzCertified().values()), m.cleanAccuracy());
                p = p.withSeries(m.label() + ": Lipschitz certified", cert[0], cert[1]);
            }
        }
        return p;
    }

    /** Points (0, clean) then (eps_i, acc_i) sorted by eps. */
    private static double[][] sorted(List<Double> eps, List<Double> acc, double clean) {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, clean});
        for (int i = 0; i < eps.size(); i++) {
            pts.add(new double[] {eps.get(i), acc.get(i)});
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        double[][] xy = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            xy[0][i] = pts.get(i)[0];
            xy[1][i] = pts.get(i)[1];
        }
        return xy;
    }

    private static Plot layerPlot(List<ModelReport> models) {
        Plot p = Plot.scatter("Spectral-norm bound of each layer", "layer (in order)", "spectral norm (upper bound)")
                .withLogY();
        for (ModelReport m : models) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < m.layers().size(); i++) {
                double v = m.layers().get(i).value();
                if (v > 0 && Double.isFinite(v)) {
                    pts.add(new double[] {i, v});
                }
            }
            if (!pts.isEmpty()) {
                p = p.withSeries(m.label(), pts.stream().mapToDouble(a -> a[0]).toArray(),
                        pts.stream().mapToDouble(a -> a[1]).toArray());
            }
        }
        return p;
    }

    private static Map<String, Double> byRadius(Map<Double, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((r, v) -> out.put(String.format(Locale.ROOT, "%.4f", r), v));
        return out;
    }

    private static String radius(double r) {
        long k = Math.round(r * 255);
        return Math.abs(k / 255.0 - r) < 1e-12 ? k + "/255" : String.format(Locale.ROOT, "%.2f", r);
    }

    static String pct(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    /** One line of {@code results.csv}. */
    public record Row(String model, String arch, long parameters, double trainSeconds, double samplesPerSecond,
                      double cleanAccuracy, double pgdL2, double pgdLinf, double lipschitzBound,
                      double lipschitzCertifiedFirstRadius, double meanLipschitzRadius, double smoothingCertifiedFirstRadius,
                      double smoothingAbstain) {
        static Row of(ModelReport m, DemoConfig c) {
            double r = c.certifyRadii().get(0);
            return new Row(m.label(), m.arch(), m.parameters(), m.trainSeconds(), m.samplesPerSecond(), m.cleanAccuracy(),
                    m.robustL2().get(0), m.robustLinf().get(0), m.lipschitzBound(),
                    m.lipschitzCertified().getOrDefault(r, Double.NaN), m.meanLipschitzRadius(),
                    m.smoothingCertified().getOrDefault(r, Double.NaN), m.smoothingAbstain());
        }
    }
}
