package org.robust4j.experiments.onelip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Summary;

/** The files of the 1-Lipschitz experiments: table, curves, per-model JSON/CSV, and the headline summary. */
final class CertifiedReport {
    /** Published anchors, quoted from shared/research/lipschitz-layers.md with their sources. */
    static final String PUBLISHED = """
            Published reference points (not the same data or scale as this run):
            - DEEL-lip notebook demo4, Fashion-MNIST, 1.28M-parameter spectral CNN, 100 epochs: about 91.3% clean \
            accuracy and a mean certified l2 radius of about 0.347 (research note, section 3.5).
            - SLL (Araujo et al., ICLR 2023) and CPL (Meunier et al., ICML 2022) report CIFAR-10 certified accuracy \
            at eps = 36/255, 72/255, 108/255 with 41M-236M parameter networks trained for 200-1000 epochs on a GPU \
            (research note, section 3.1-3.3); no MNIST or Fashion-MNIST numbers exist for them.""";

    private CertifiedReport() {}

    static Summary write(RunContext ctx, String title, String scale, List<CertifiedModel> models) throws IOException {
        JsonReport.write(ctx.file("results.json"), models);
        CsvReport.write(ctx.file("results.csv"), Row.class, models.stream().map(Row::of).toList());
        Plot p = Plot.line("Lipschitz-certified accuracy", "l2 radius", "certified accuracy");
        for (CertifiedModel m : models) {
            double[] x = new double[CertifiedTraining.RADII.length + 1];
            double[] y = new double[x.length];
            y[0] = m.cleanAccuracy();
            for (int i = 0; i < CertifiedTraining.RADII.length; i++) {
                x[i + 1] = CertifiedTraining.RADII[i];
                y[i + 1] = m.certifiedAccuracy().get(CertifiedTraining.RADII[i]);
            }
            p = p.withSeries(m.label(), x, y);
        }
        PlotReport.writePng(ctx.file("certified.png"), p);

        List<List<?>> rows = new ArrayList<>();
        for (CertifiedModel m : models) {
            List<Object> r = new ArrayList<>(List.of(m.label(), m.loss(), m.parameters(), pct(m.testSetAccuracy()),
                    pct(m.cleanAccuracy())));
            for (double rad : CertifiedTraining.RADII) {
                r.add(pct(m.certifiedAccuracy().get(rad)));
            }
            r.add(String.format(Locale.ROOT, "%.3f", m.meanCertifiedRadius()));
            r.add(String.format(Locale.ROOT, "%.4f", m.lipschitzBound()));
            r.add(m.brokenInsideRadius() + " / " + m.attackedInsideRadius());
            r.add(String.format(Locale.ROOT, "%.0f", m.trainSeconds()));
            rows.add(r);
        }
        new MarkdownReport(title)
                .paragraph("Scale of this run: " + scale)
                .table(List.of("model", "loss", "params", "test-set accuracy", "clean", "36/255", "72/255", "108/255", "1.0", "mean radius",
                        "Lipschitz bound", "PGD-l2 broke / certified at 36/255", "train s"), rows)
                .paragraph("Test-set accuracy: the whole test set after training; the other columns are on the certified "
                        + "test images. Certified accuracy: correct and margin > sqrt(2) L eps. The PGD column attacks every image "
                        + "certified at 36/255 within that radius; a sound certificate lets none break.")
                .image("certified accuracy against radius", "certified.png")
                .paragraph(PUBLISHED)
                .write(ctx.file("report.md"));

        Summary s = new Summary();
        if (models.size() == 1) {
            CertifiedModel m = models.get(0);
            s.put("clean_accuracy", m.cleanAccuracy()).put("test_set_accuracy", m.testSetAccuracy())
                    .put("certified_accuracy", byRadius(m))
                    .put("mean_certified_radius", m.meanCertifiedRadius()).put("broken_inside_radius", m.brokenInsideRadius());
        } else {
            Map<String, Object> per = new LinkedHashMap<>();
            for (CertifiedModel m : models) {
                per.put(m.label(), Map.of("clean_accuracy", m.cleanAccuracy(), "test_set_accuracy", m.testSetAccuracy(),
                        "certified_accuracy", byRadius(m),
                        "mean_certified_radius", m.meanCertifiedRadius(), "parameters", m.parameters(),
                        "broken_inside_radius", m.brokenInsideRadius()));
            }
            s.put("models", per);
        }
        return s;
    }

    static Map<String, Double> byRadius(CertifiedModel m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.certifiedAccuracy().forEach((r, v) -> out.put(String.format(Locale.ROOT, "%.4f", r), v));
        return out;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** One line of results.csv. */
    record Row(String model, String arch, String loss, long parameters, int depth, double testSetAccuracy, double clean, double cert36, double cert72,
               double cert108, double cert255, double meanRadius, double lipschitzBound, int attacked, int broken,
               double trainSeconds) {
        static Row of(CertifiedModel m) {
            double[] r = CertifiedTraining.RADII;
            return new Row(m.label(), m.arch(), m.loss(), m.parameters(), m.depth(), m.testSetAccuracy(), m.cleanAccuracy(),
                    m.certifiedAccuracy().get(r[0]), m.certifiedAccuracy().get(r[1]), m.certifiedAccuracy().get(r[2]),
                    m.certifiedAccuracy().get(r[3]), m.meanCertifiedRadius(), m.lipschitzBound(),
                    m.attackedInsideRadius(), m.brokenInsideRadius(), m.trainSeconds());
        }
    }
}
