package org.robust4j.experiments.noiseinjection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.certify.Certification;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.curve.CurveTable;
import org.robust4j.certify.renyi.AdversarialRiskGap;
import org.robust4j.certify.renyi.NoiseInjectionCertifier;
import org.robust4j.certify.renyi.RenyiCertificate;
import org.robust4j.certify.renyi.RenyiRecord;
import org.robust4j.certify.smoothing.NoisyVotes;
import org.robust4j.certify.smoothing.SampleSeeds;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.adversarial.AttackSpec;
import org.robust4j.experiments.adversarial.EvaluatedModel;
import org.robust4j.experiments.adversarial.ObjectiveTraining;
import org.robust4j.experiments.adversarial.Objectives;
import org.robust4j.experiments.adversarial.RobustnessGrid;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.noise.NoiseInjection;

/**
 * Pinot et al., "Theoretical evidence for adversarial robustness through randomization" (NeurIPS
 * 2019; research note section 3) at laptop scale: networks trained and deployed with Gaussian or
 * Laplace noise injected at the input, against a naturally trained baseline. For each: accuracy
 * under PGD-l_inf, PGD-l2 and C&amp;W-l2 with EOT (the paper's table), the Rényi certificate per
 * test image (l2 radius for Gaussian, l1 for Laplace) and the paper's bound on the gap between
 * the adversarial and the natural risk, {@code 1 - e^{-eps} E[e^{-H(M(x))}]}, with the output
 * entropy estimated from the certificate's draws.
 */
public final class NoiseInjectionExperiment implements Experiment<NoiseInjectionConfig> {
    /** Per noise and radius alpha: the guarantee, and what the certificate gave. */
    public record GuaranteeRow(String model, String law, double sd, String norm, double alpha, double epsilon,
                               double riskGapBound, double meanEntropy, double certifiedAtZero, double meanRadius,
                               double certifySeconds) {
    }

    @Override
    public String name() {
        return "noise-injection";
    }

    @Override
    public String description() {
        return "Gaussian and Laplace noise injection (Pinot et al. 2019): robust accuracy under EOT attacks, Renyi"
                + " certificates and the adversarial-risk gap bound";
    }

    @Override
    public Class<NoiseInjectionConfig> configType() {
        return NoiseInjectionConfig.class;
    }

    @Override
    public Map<String, NoiseInjectionConfig> presets() {
        Map<String, NoiseInjectionConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, NoiseInjectionConfig.defaults());
        p.put(TINY_PRESET, NoiseInjectionConfig.tiny());
        return p;
    }

    @Override
    public Summary run(NoiseInjectionConfig c, RunContext context) throws Exception {
        DataSplits data = Datasets.load(c.dataset(), null);
        TestSubset test = TestSubset.first(data.test(), c.testLimit());
        List<InjectedNoise> noises = c.noises().stream().map(InjectedNoise::parse).toList();

        List<EvaluatedModel> models = new ArrayList<>();
        Map<String, Module> bare = new LinkedHashMap<>();
        ObjectiveTraining.Trained base = ObjectiveTraining.train(context.backend(), "Baseline", Objectives.natural(),
                data.train(), data.test(), c.training(), context.generator().nextSeed());
        models.add(new EvaluatedModel("Baseline", base.model(), false, base.seconds()));
        for (InjectedNoise noise : noises) {
            ObjectiveTraining.Trained t = ObjectiveTraining.train(context.backend(), noise.label(),
                    Objectives.noise(noise.layer(), context.generator().fork()), data.train(), data.test(), c.training(),
                    context.generator().nextSeed());
            // Deployed as the paper deploys it: fresh noise at every forward pass, attacked through EOT.
            Module deployed = new Sequential(new NoiseInjection(LayerContext.of(context.backend(),
                    context.generator().fork()), noise.layer()), t.model());
            models.add(new EvaluatedModel(noise.label(), deployed, true, t.seconds()));
            bare.put(noise.label(), t.model());
        }

        List<AttackSpec> attacks = List.of(
                AttackSpec.of("PGD-linf", "pgd-linf", c.epsLinf(), c.evalSteps()),
                AttackSpec.of("PGD-l2", "pgd-l2", c.epsL2(), c.evalSteps()),
                new AttackSpec("CW-l2", "cw-l2", c.epsL2(), c.cwSteps(), c.cwBinarySteps()));
        RobustnessGrid grid = RobustnessGrid.evaluate(models, attacks, test, c.eot(), context.generator().nextSeed());
        grid.write(context.outDir(), "robustness.png", "noise injection (" + data.name() + ")");

        double[] radii = c.radii().stream().mapToDouble(Double::doubleValue).toArray();
        SmoothingParams params = new SmoothingParams(c.n0(), c.n(), c.alpha(), c.batchSize(), context.seed());
        List<GuaranteeRow> guarantees = new ArrayList<>();
        Map<String, CertifiedAccuracyCurve> l2Curves = new LinkedHashMap<>();
        Map<String, CertifiedAccuracyCurve> l1Curves = new LinkedHashMap<>();
        Map<String, Object> certified = new LinkedHashMap<>();
        Map<String, Object> gaps = new LinkedHashMap<>();
        for (InjectedNoise noise : noises) {
            Module model = bare.get(noise.label());
            NoiseInjectionCertifier certifier = new NoiseInjectionCertifier(null, noise.certified(), model,
                    RenyiCertificate.inputNoise(noise.certified()));
            Certification.Run<RenyiRecord> run;
            double[] entropies = new double[test.size()];
            try (Scope s = Scope.open()) {
                Tensor x = test.features(context.backend());
                run = Certification.run(certifier.certifier(params), x, test.labels(), 0);
                for (int i = 0; i < test.size(); i++) {
                    entropies[i] = entropy(model, x.select(0, i), noise, params, i);
                }
            }
            CsvReport.write(context.file("certificates-" + noise.label().replace(' ', '-') + ".csv"), RenyiRecord.class,
                    run.records());
            CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(run.records());
            (noise.gaussian() ? l2Curves : l1Curves).put(noise.label(), curve);
            certified.put(noise.label() + " (" + noise.norm().name().toLowerCase(Locale.ROOT) + ")", curve.asMap(radii));
            double meanEntropy = java.util.Arrays.stream(entropies).average().orElse(Double.NaN);
            double meanRadius = run.records().stream().mapToDouble(r -> r.prediction() == r.label() ? r.radius() : 0)
                    .average().orElse(0);
            Map<String, Object> byRadius = new LinkedHashMap<>();
            for (double a : c.gapRadii()) {
                double eps = noise.epsilonAt(a);
                GuaranteeRow row = new GuaranteeRow(noise.label(), noise.law(), noise.sd(), noise.norm().name(), a, eps,
                        AdversarialRiskGap.bound(eps, entropies), meanEntropy, curve.at(0), meanRadius, run.seconds());
                guarantees.add(row);
                Map<String, Object> at = new LinkedHashMap<>();
                at.put("epsilon", eps);
                at.put("risk_gap_bound", row.riskGapBound());
                byRadius.put(java.math.BigDecimal.valueOf(a).stripTrailingZeros().toPlainString(), at);
            }
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("mean_certified_radius", meanRadius);
            g.put("mean_output_entropy", meanEntropy);
            g.put("at_radius", byRadius);
            gaps.put(noise.label(), g);
        }
        CsvReport.write(context.file("guarantees.csv"), GuaranteeRow.class, guarantees);

        String scale = String.format(Locale.ROOT, "%s (%s) trained %d epoch(s) on %d %s images per model (batch %d, Adam"
                        + " %.0e); the first %d test images; eps_inf %.4g, eps_2 %.4g; PGD-%d, C&W %d x %d steps; EOT %d draws"
                        + " for the noise-injected networks; Renyi certificates with n0 = %d, n = %d, alpha = %s.",
                c.training().architecture(), c.training().architectureOptions(), c.training().epochs(),
                Math.min(c.training().trainLimit() > 0 ? c.training().trainLimit() : data.train().size(), data.train().size()),
                data.name(), c.training().batchSize(), c.training().lr(), test.size(), c.epsLinf(), c.epsL2(), c.evalSteps(),
                c.cwBinarySteps(), c.cwSteps(), c.eot(), c.n0(), c.n(), c.alpha());
        List<List<String>> gapRows = guarantees.stream().map(g -> List.of(g.model(), g.norm().toLowerCase(Locale.ROOT),
                fmt("%.4g", g.alpha()), fmt("%.4g", g.epsilon()), fmt("%.3f", g.meanEntropy()), fmt("%.3f", g.riskGapBound()),
                fmt("%.3f", g.certifiedAtZero()), fmt("%.4f", g.meanRadius()))).toList();
        MarkdownReport md = new MarkdownReport("Noise injection and its Renyi guarantee (" + data.name() + ")")
                .paragraph("Scale of this run: " + scale)
                .section("Accuracy under attack (this run)")
                .table(grid.header(), grid.rows())
                .image("robust accuracy", "robustness.png")
                .section("Guarantees (this run)")
                .paragraph("eps: the Renyi robustness level at radius alpha for input noise, at order 1 (Gaussian alpha^2 /"
                        + " (2 sd^2) in l2; Laplace alpha / b in l1, b = sd / sqrt 2). Gap bound: 1 - e^-eps E[e^-H(M(x))],"
                        + " the paper's bound on adversarial minus natural risk, H estimated from the n draws per image."
                        + " Certified: accuracy of the certified prediction at radius 0 (abstentions count as wrong) and the"
                        + " mean certified radius (0 where wrong or abstained).")
                .table(List.of("model", "norm", "alpha", "eps", "mean H (nats)", "gap bound", "certified at 0",
                        "mean radius"), gapRows);
        if (!l2Curves.isEmpty()) {
            md.section("Certified accuracy, Gaussian noise (l2 radius)").paragraph(CurveTable.markdown(radii, l2Curves));
        }
        if (!l1Curves.isEmpty()) {
            md.section("Certified accuracy, Laplace noise (l1 radius)").paragraph(CurveTable.markdown(radii, l1Curves));
        }
        md.section("Published reference")
                .paragraph("Pinot et al. (NeurIPS 2019), accuracy under attack, CIFAR-10, WRN-28-10, inputs in [-1, 1], EOT 80"
                        + " (research note 3.3):")
                .table(List.of("Noise", "sd", "Natural", "l_1 EAD 60", "l_2 C&W 60", "l_inf PGD 20"), List.of(
                        List.of("none", "-", "0.958", "0.035", "0.034", "0.384"),
                        List.of("Normal", "0.01", "0.954", "0.193", "0.294", "0.408"),
                        List.of("Normal", "0.50", "0.824", "0.448", "0.523", "0.587"),
                        List.of("Laplace", "0.01", "0.955", "0.208", "0.313", "0.389"),
                        List.of("Laplace", "0.50", "0.846", "0.464", "0.494", "0.589")))
                .paragraph("The paper's point: more noise costs natural accuracy and buys accuracy under attack and a"
                        + " smaller guaranteed gap; Laplace and Gaussian noise of the same sd behave alike. The paper"
                        + " publishes no certified radii (the guarantee is on the output distribution) and no Fashion-MNIST"
                        + " numbers: compare the trends, not the values. No EAD (l_1) attack is implemented here.")
                .write(context.file("report.md"));
        return new Summary().put("robust_accuracy", grid.asMap()).put("certified_accuracy", certified)
                .put("guarantees", gaps).put("scale", scale);
    }

    /** Entropy (nats) of the noise-injected network's output at one image, from {@code n} draws. */
    private static double entropy(Module model, Tensor x, InjectedNoise noise, SmoothingParams p, long index) {
        try (Scope s = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            // A stream of its own: not the certificate's draws, so the two estimates are independent.
            long[] counts = NoisyVotes.count(model, x, noise.certified(), p.n(), p.batchSize(),
                    SampleSeeds.forSample(p.seed() ^ 0x5DEECE66DL, index));
            return AdversarialRiskGap.entropy(counts);
        }
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
