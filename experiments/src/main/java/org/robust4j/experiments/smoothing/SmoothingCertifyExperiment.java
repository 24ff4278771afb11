package org.robust4j.experiments.smoothing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.curve.CurveTable;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.experiments.adversarial.ObjectiveTraining;
import org.robust4j.experiments.adversarial.Objectives;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.evaluation.CertificationRun;
import org.robust4j.experiments.evaluation.CertifyMethod;
import org.robust4j.experiments.evaluation.CertifySettings;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.noise.Gaussian;

/**
 * Randomized smoothing at several noise levels (Cohen, Rosenfeld, Kolter 2019; research note
 * section 1): for each sigma a model trained with Gaussian data augmentation at that sigma,
 * certified on the same test images by Cohen's CERTIFY and by the two-variance multi-noise
 * certificate (Ettedgui et al. 2022, section 2), whose radius never falls below Cohen's at its
 * own confidence split. Writes the table at the papers' radii, the curves and the per-sample records.
 */
public final class SmoothingCertifyExperiment implements Experiment<SmoothingCertifyConfig> {
    /** One row of curves.csv: the certified accuracy of one sigma and method at one radius. */
    public record CurvePoint(double sigma, String method, double radius, double certifiedAccuracy) {
    }

    @Override
    public String name() {
        return "smoothing-certify";
    }

    @Override
    public String description() {
        return "Gaussian-augmented models at several sigma on Fashion-MNIST, certified by Cohen et al. and by the"
                + " multi-noise certificate; certified-accuracy curves compared";
    }

    @Override
    public Class<SmoothingCertifyConfig> configType() {
        return SmoothingCertifyConfig.class;
    }

    @Override
    public Map<String, SmoothingCertifyConfig> presets() {
        Map<String, SmoothingCertifyConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, SmoothingCertifyConfig.defaults());
        p.put(TINY_PRESET, SmoothingCertifyConfig.tiny());
        return p;
    }

    @Override
    public Summary run(SmoothingCertifyConfig c, RunContext context) throws Exception {
        DataSplits data = Datasets.load(c.dataset(), null);
        TestSubset test = TestSubset.first(data.test(), c.certifyLimit());
        double[] radii = c.radii().stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, CertifiedAccuracyCurve> curves = new LinkedHashMap<>();
        Map<String, Object> certified = new LinkedHashMap<>();
        Map<String, Object> abstain = new LinkedHashMap<>();
        Map<String, Object> seconds = new LinkedHashMap<>();
        List<CurvePoint> points = new ArrayList<>();
        Plot plot = CertificationRun.curvePlot("Gaussian smoothing, " + data.name());
        for (double sigma : c.sigmas()) {
            String s = java.math.BigDecimal.valueOf(sigma).stripTrailingZeros().toPlainString();
            ObjectiveTraining.Trained t = ObjectiveTraining.train(context.backend(), "sigma=" + s,
                    Objectives.noise(new Gaussian(sigma), context.generator().fork()), data.train(), data.test(), c.training(),
                    context.generator().nextSeed());
            seconds.put("train sigma=" + s, t.seconds());
            SmoothingParams p = new SmoothingParams(c.n0(), c.n(), c.alpha(), c.batchSize(), context.seed());
            for (CertifyMethod m : List.of(CertifyMethod.COHEN, CertifyMethod.MULTI_NOISE)) {
                CertifySettings settings = new CertifySettings(m, sigma, p, c.probeSigmaFactor() * sigma, c.probeN(), c.probeShare());
                CertificationRun.Result r = CertificationRun.run(t.model(), test, settings);
                String key = "sigma=" + s + " " + m.label();
                CertificationRun.write(r, key, context.outDir().resolve("sigma-" + s + "-" + m.label()));
                CertifiedAccuracyCurve curve = r.curve();
                curves.put(key, curve);
                certified.put(key, curve.asMap(radii));
                abstain.put(key, curve.abstainRate());
                seconds.put("certify " + key, r.seconds());
                for (double radius : radii) {
                    points.add(new CurvePoint(sigma, m.label(), radius, curve.at(radius)));
                }
                List<CertifiedAccuracyCurve.Point> steps = curve.steps();
                plot = plot.withSeries(key, CertificationRun.stepX(steps), CertificationRun.stepY(steps));
            }
        }
        CsvReport.write(context.file("curves.csv"), CurvePoint.class, points);
        PlotReport.writePng(context.file("curves.png"), plot);
        String scale = String.format(Locale.ROOT, "%s (%s) trained %d epoch(s) with Gaussian augmentation on %d %s images per"
                        + " sigma; the first %d test images certified with n0 = %d, n = %d, alpha = %s (multi-noise: probe at"
                        + " %.2f x sigma with %d draws, %.0f%% of alpha). Cohen et al.: ResNet-110 on CIFAR-10, n = 100 000,"
                        + " alpha = 0.001.", c.training().architecture(), c.training().architectureOptions(),
                c.training().epochs(), Math.min(c.training().trainLimit() > 0 ? c.training().trainLimit() : data.train().size(),
                        data.train().size()), data.name(), test.size(), c.n0(), c.n(), c.alpha(), c.probeSigmaFactor(),
                c.probeN(), 100 * c.probeShare());
        new MarkdownReport("Randomized smoothing: Cohen vs multi-noise certificates (" + data.name() + ")")
                .paragraph("Scale of this run: " + scale)
                .section("Certified accuracy (this run)")
                .paragraph(CurveTable.markdown(radii, curves))
                .image("certified accuracy curves", "curves.png")
                .paragraph("Abstention rates: " + abstain)
                .section("Published reference")
                .paragraph("Cohen, Rosenfeld, Kolter (ICML 2019), Table 3: CIFAR-10, ResNet-110, n = 100 000, alpha = 0.001"
                        + " (they report no MNIST or Fashion-MNIST numbers; the multi-noise paper, arXiv 2206.01715, is"
                        + " theoretical and publishes no table).")
                .table(List.of("sigma", "r=0.0", "0.25", "0.5", "0.75", "1.0", "1.25", "1.5"), List.of(
                        List.of("0.12", "0.83", "0.60", "0.00", "0.00", "0.00", "0.00", "0.00"),
                        List.of("0.25", "0.77", "0.61", "0.42", "0.25", "0.00", "0.00", "0.00"),
                        List.of("0.50", "0.66", "0.55", "0.43", "0.32", "0.22", "0.14", "0.08"),
                        List.of("1.00", "0.47", "0.41", "0.34", "0.28", "0.22", "0.17", "0.14")))
                .write(context.file("table.md"));
        return new Summary().put("certified_accuracy", certified).put("abstain_rate", abstain).put("timings", seconds)
                .put("scale", scale);
    }
}
