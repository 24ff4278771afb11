package org.robust4j.spark.certify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.certify.curve.CertificationSummary;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.curve.CertifiedSample;
import org.robust4j.certify.curve.CurveTable;
import org.robust4j.certify.curve.RecordCsv;
import org.robust4j.core.io.AtomicFiles;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Summary;

/**
 * The usual outputs of a certification run next to the Parquet records: {@code summary.json},
 * {@code records.csv}, {@code certified_accuracy.csv} and {@code .png} (the step curve) and
 * {@code report.md}.
 */
public final class CertificationReport {
    private CertificationReport() {}

    /**
     * @param extra run facts to add to {@code summary.json} (partitions, master, resumed items, ...)
     */
    public static Summary write(Path out, String method, List<? extends Record> records, double[] radii, double seconds,
                                Map<String, Object> extra) throws IOException {
        List<CertifiedSample> samples = CertifyMethod.samples(records);
        CertificationSummary s = CertificationSummary.of(method, samples, radii, seconds);
        Summary summary = new Summary()
                .put("method", s.method())
                .put("samples", s.samples())
                .put("clean_accuracy", s.cleanAccuracy())
                .put("certified_accuracy", s.certifiedAccuracy())
                .put("abstain_rate", s.abstainRate())
                .put("mean_certified_radius", s.meanCertifiedRadius())
                .put("seconds", s.seconds());
        extra.forEach(summary::put);
        summary.writeTo(out);

        AtomicFiles.writeString(out.resolve("records.csv"), RecordCsv.write(records));
        CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(samples);
        List<CertifiedAccuracyCurve.Point> steps = curve.steps();
        AtomicFiles.writeString(out.resolve("certified_accuracy.csv"), CurveTable.csv(steps));
        double[][] stairs = staircase(steps);
        PlotReport.writePng(out.resolve("certified_accuracy.png"),
                Plot.line("Certified accuracy (" + method + ", " + s.samples() + " items)", "radius", "certified accuracy")
                        .withSeries(method, stairs[0], stairs[1]));

        List<List<?>> rows = new ArrayList<>();
        summary.asMap().forEach((k, v) -> {
            if (!(v instanceof Map<?, ?>)) {
                rows.add(List.of(k, v));
            }
        });
        new MarkdownReport("Certification on Spark: " + method)
                .section("Certified accuracy")
                .paragraph(CurveTable.markdown(radii, Map.of(method, curve)))
                .image("certified accuracy", "certified_accuracy.png")
                .section("Run")
                .table(List.of("key", "value"), rows)
                .paragraph(String.format(Locale.ROOT, "Per-item records: records/ (Parquet) and records.csv (%d rows).",
                        records.size()))
                .write(out.resolve("report.md"));
        return summary;
    }

    /**
     * The step curve as line vertices {@code {x, y}}: the accuracy at radius {@code r} counts radii
     * {@code >= r}, so it holds the value of step {@code i} on {@code (r_{i-1}, r_i]} and drops to the
     * next value just after {@code r_i}, and to 0 after the last step.
     */
    static double[][] staircase(List<CertifiedAccuracyCurve.Point> steps) {
        List<double[]> v = new ArrayList<>();
        v.add(new double[] {0.0, steps.get(0).certifiedAccuracy()});
        double previous = 0.0;
        for (int i = 1; i < steps.size(); i++) {
            double acc = steps.get(i).certifiedAccuracy();
            v.add(new double[] {previous, acc});
            v.add(new double[] {steps.get(i).radius(), acc});
            previous = steps.get(i).radius();
        }
        v.add(new double[] {previous, 0.0});
        double[] x = v.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = v.stream().mapToDouble(p -> p[1]).toArray();
        return new double[][] {x, y};
    }
}
