package org.robust4j.experiments.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.attacks.Attacks;
import org.robust4j.attacks.eval.RobustAccuracyRow;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.lipschitz.LipschitzMarginCertificate;
import org.robust4j.certify.lipschitz.LipschitzRecord;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.GaussianNoise;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.training.TrainOptions;
import org.robust4j.experiments.training.TrainingRun;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;

/**
 * {@code robust4j demo}: trains a standard CNN and a 1-Lipschitz network on the embedded
 * Fashion-MNIST subset and shows, for both, what the library is for: clean accuracy, accuracy
 * under PGD-l2 and PGD-linf, certified accuracy from the Lipschitz margin and from randomized
 * smoothing, and the spectral-norm bounds of every layer. The standard CNN is accurate but its
 * Lipschitz bound is astronomically loose, so it certifies nothing; the 1-Lipschitz network
 * certifies most of what it classifies correctly at small radii.
 */
public final class Demo {
    /** What a demo run produced. */
    public record Result(List<ModelReport> models, double seconds, Path report) {}

    private final Backend backend;
    private final DemoConfig config;
    private final long seed;
    private final PrintStream console;

    public Demo(Backend backend, DemoConfig config, long seed, PrintStream console) {
        this.backend = backend;
        this.config = config;
        this.seed = seed;
        this.console = console;
    }

    public Result run(Path out) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        DataSplits data = Datasets.load(config.dataset(), null);
        console.printf(Locale.ROOT, "robust4j demo: %s (%d train / %d test images), backend %s, seed %d%n",
                data.name(), data.train().size(), data.test().size(), backend.name(), seed);
        Generator generator = new Generator(seed);
        List<ModelReport> reports = new ArrayList<>();
        for (DemoConfig.DemoModel m : config.models()) {
            reports.add(measure(m, data, out.resolve(m.arch()), generator.fork()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path report = DemoReport.write(out, config, reports, backend.name(), seed, seconds);
        return new Result(reports, seconds, report);
    }

    private ModelReport measure(DemoConfig.DemoModel m, DataSplits data, Path dir, Generator g) throws IOException {
        console.printf(Locale.ROOT, "%n== %s: training %s for %d epoch(s)%n", m.label(), m.arch(), m.epochs());
        TrainOptions o = new TrainOptions(m.arch(), m.options(), data.name(), null, m.epochs(), m.batchSize(), m.lr(),
                m.optimizer(), 0.9, 0.0, m.schedule(), m.loss(), config.trainLimit(), g.nextSeed());
        TrainingRun.Result trained = TrainingRun.run(backend, o, data, dir);
        Module model = trained.model();
        model.eval();
        double samplesPerSecond = ((Number) trained.summary().get("samples_per_second")).doubleValue();

        int nTest = Math.min(config.testLimit(), data.test().size());
        Batch test = firstImages(data.test(), nTest);
        try (Scope scope = Scope.open()) {
            Tensor x = test.x(backend);
            Tensor y = test.y(backend);

            console.printf(Locale.ROOT, "== %s: PGD-l2 and PGD-linf (%d steps) on %d test images%n", m.label(),
                    config.pgdSteps(), nTest);
            List<RobustEvaluation.Entry> entries = new ArrayList<>();
            for (double eps : config.l2Eps()) {
                entries.add(RobustEvaluation.at(Attacks.named("pgd-l2", eps, config.pgdSteps(), 1), eps));
            }
            for (double eps : config.linfEps()) {
                entries.add(RobustEvaluation.at(Attacks.named("pgd-linf", eps, config.pgdSteps(), 1), eps));
            }
            List<RobustAccuracyRow> rows = RobustEvaluation.of(entries).withBatchSize(100)
                    .evaluate(model, x, y, g.fork()).rows();
            double clean = rows.get(0).cleanAccuracy();
            List<Double> l2 = new ArrayList<>();
            List<Double> linf = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (i < config.l2Eps().size() ? l2 : linf).add(rows.get(i).robustAccuracy());
            }
            console.printf(Locale.ROOT, "   clean %.3f, PGD-l2(%.3f) %.3f, PGD-linf(%.4f) %.3f%n", clean, config.l2(),
                    l2.get(0), config.linf(), linf.get(0));

            console.printf(Locale.ROOT, "== %s: Lipschitz bound and margin certificates%n", m.label());
            NetworkBound bound = NetworkLipschitz.bound(model, data.test().itemShape());
            List<ModelReport.LayerNorm> layers = layerNorms(bound);
            double lip = bound.value().orElse(Double.NaN);
            Map<Double, Double> lipCertified = new LinkedHashMap<>();
            double meanRadius = 0;
            if (bound.complete()) {
                List<LipschitzRecord> records = new LipschitzMarginCertificate(lip).certify(model, x, labels(test), 250, 0);
                CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(records);
                for (double r : config.certifyRadii()) {
                    lipCertified.put(r, curve.at(r));
                }
                meanRadius = curve.meanCertifiedRadius();
                console.printf(Locale.ROOT, "   Lipschitz bound %.4g, certified accuracy at %.3f: %.3f%n", lip,
                        config.certifyRadii().get(0), lipCertified.get(config.certifyRadii().get(0)));
            } else {
                console.printf("   no certified bound: %s%n", bound.unbounded());
            }

            Map<Double, Double> smoothing = new LinkedHashMap<>();
            double abstain = Double.NaN;
            if (config.smoothingLimit() > 0) {
                int k = Math.min(config.smoothingLimit(), nTest);
                console.printf(Locale.ROOT, "== %s: randomized smoothing (sigma %.2f, n %d) on %d images%n", m.label(),
                        config.sigma(), config.n(), k);
                SmoothingParams p = SmoothingParams.cohen(g.nextSeed()).withN0(config.n0()).withN(config.n())
                        .withAlpha(config.alpha()).withBatchSize(Math.min(config.n(), 250));
                List<CertifyRecord> certified = new SmoothedClassifier(model, new GaussianNoise(config.sigma()))
                        .certifyAll(x.narrow(0, 0, k), java.util.Arrays.copyOf(labels(test), k), 0, p);
                CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(certified);
                for (double r : config.certifyRadii()) {
                    smoothing.put(r, curve.at(r));
                }
                abstain = curve.abstainRate();
                console.printf(Locale.ROOT, "   smoothed certified accuracy at %.3f: %.3f (abstained %.3f)%n",
                        config.certifyRadii().get(0), smoothing.get(config.certifyRadii().get(0)), abstain);
            }
            return new ModelReport(m.label(), m.arch(), model.parameterCount(), trained.seconds(), samplesPerSecond, clean,
                    l2, linf, lip, bound.unbounded().stream().map(b -> b.path() + " " + b.layer()).toList(),
                    lipCertified, meanRadius, smoothing, abstain, layers);
        }
    }

    private static List<ModelReport.LayerNorm> layerNorms(NetworkBound bound) {
        List<ModelReport.LayerNorm> out = new ArrayList<>();
        for (NetworkBound.LayerBound b : bound.layers()) {
            out.add(b.bounded()
                    ? new ModelReport.LayerNorm(b.path(), b.layer(), b.bound().value(), b.bound().kind().label(),
                            b.bound().method())
                    : new ModelReport.LayerNorm(b.path(), b.layer(), Double.NaN, "none", b.reason()));
        }
        return out;
    }

    private static Batch firstImages(Dataset test, int n) {
        DataLoader loader = DataLoader.builder(test.slice(0, n)).batchSize(n).prefetch(false).build();
        return loader.iterator().next();
    }

    private static int[] labels(Batch b) {
        return b.labels();
    }
}
