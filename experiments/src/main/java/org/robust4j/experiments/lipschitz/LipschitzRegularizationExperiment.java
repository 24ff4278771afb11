package org.robust4j.experiments.lipschitz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.BatchIterator;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.models.ModelSpec;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.train.EpochStats;
import org.robust4j.layers.train.Trainer;

/**
 * Lipschitz regularisation, the second half of the LipBound and Gram-iteration papers at laptop
 * scale: the same CNN trained without a penalty and with {@code lambda * sum of per-layer
 * spectral-norm bounds} (Gram iteration, LipBound, power iteration; a lambda sweep), each run
 * from the same initial weights and batch order. Per run: clean accuracy, the network's
 * Lipschitz upper bound (product of exact per-layer norms), robust accuracy under PGD-l2 and the
 * training time relative to the unpenalised run.
 *
 * <p>Writes {@code runs.json}, {@code runs.csv}, {@code accuracy_vs_bound.png}, {@code report.md};
 * headline keys {@code baseline_clean_accuracy}, {@code baseline_lipschitz_bound},
 * {@code baseline_robust_accuracy}, and per method the strongest lambda's
 * {@code <method>_clean_accuracy}, {@code <method>_lipschitz_bound}, {@code <method>_robust_accuracy},
 * {@code <method>_overhead}.
 */
public final class LipschitzRegularizationExperiment implements Experiment<LipschitzRegularizationConfig> {
    static final String ARCHITECTURE = "cnn";

    @Override
    public String name() {
        return "lipschitz-regularization";
    }

    @Override
    public String description() {
        return "trains a CNN with spectral-norm penalties (Gram, LipBound, power; lambda sweep): accuracy,"
                + " Lipschitz bound, PGD-l2 robustness, training overhead";
    }

    @Override
    public Class<LipschitzRegularizationConfig> configType() {
        return LipschitzRegularizationConfig.class;
    }

    @Override
    public Map<String, LipschitzRegularizationConfig> presets() {
        Map<String, LipschitzRegularizationConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, LipschitzRegularizationConfig.defaults());
        p.put(TINY_PRESET, LipschitzRegularizationConfig.tiny());
        return p;
    }

    @Override
    public Summary run(LipschitzRegularizationConfig c, RunContext context) throws IOException {
        Backend backend = context.backend();
        DataSplits data = Datasets.load(c.dataset(), null);
        Dataset train = limit(data.train(), c.trainLimit());
        Dataset test = limit(data.test(), c.testLimit());
        ModelSpec spec = new ModelSpec(ARCHITECTURE, Map.of(), data.train().itemShape(), data.train().numClasses());

        List<RegularizationRun> runs = new ArrayList<>();
        int total = 1 + c.methods().size() * c.lambdas().size();
        try (Progress progress = context.progress("lipschitz-regularization", total)) {
            warmUp(c, context, backend, spec, train, test);
            RegularizationRun baseline = train(c, context, backend, spec, train, test, "none", 0, Double.NaN);
            runs.add(baseline);
            progress.step();
            for (String method : c.methods()) {
                for (double lambda : c.lambdas()) {
                    runs.add(train(c, context, backend, spec, train, test, method, lambda, baseline.trainSeconds()));
                    progress.step();
                }
            }
        }
        writeFiles(context, c, runs);
        return headline(c, runs);
    }

    private static Dataset limit(Dataset d, int n) {
        if (n <= 0 || n >= d.size()) {
            return d;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return d.subset(idx);
    }

    /** A trained model, its per-epoch log and the penalty's value after training (0 without one). */
    private record Fit(Module model, List<EpochStats> history, double finalPenalty) {
    }

    /** One run, from the seed's initial weights and batch order (identical across runs). */
    private static RegularizationRun train(LipschitzRegularizationConfig c, RunContext context, Backend backend,
                                           ModelSpec spec, Dataset train, Dataset test, String method, double lambda,
                                           double baselineSeconds) {
        Generator g = new Generator(context.seed());
        Fit fit = fit(c, g, backend, spec, train, test, method, lambda, c.epochs());
        Module model = fit.model();
        model.eval();
        double seconds = fit.history().stream().mapToDouble(EpochStats::trainSeconds).sum();
        double clean = fit.history().get(fit.history().size() - 1).testAccuracy();
        NetworkBound bound = NetworkLipschitz.bound(model, spec.inputShape(), NetworkLipschitz.Options.exact());
        double lipschitz = bound.value().orElseThrow(() -> new IllegalStateException(
                "lipschitz-regularization: no Lipschitz bound for the CNN: " + bound));
        double robust = robustAccuracy(c, backend, model, test, g);
        return new RegularizationRun(method, lambda, clean, lipschitz, robust, c.pgdEps(), seconds,
                Double.isNaN(baselineSeconds) ? 1.0 : seconds / baselineSeconds, fit.finalPenalty());
    }

    /**
     * Trains every configuration for a few batches on a throw-away model, so that the timed runs
     * (and the overhead ratios) do not include the JIT's and the backend's first-call costs.
     */
    private static void warmUp(LipschitzRegularizationConfig c, RunContext context, Backend backend, ModelSpec spec,
                               Dataset train, Dataset test) {
        Dataset few = limit(train, Math.min(train.size(), 3 * c.batchSize()));
        fit(c, new Generator(context.seed()), backend, spec, few, limit(test, 1), "none", 0, 1);
        for (String method : c.methods()) {
            fit(c, new Generator(context.seed()), backend, spec, few, limit(test, 1), method, c.lambdas().get(0), 1);
        }
    }

    private static Fit fit(LipschitzRegularizationConfig c, Generator g, Backend backend, ModelSpec spec,
                           Dataset train, Dataset test, String method, double lambda, int epochs) {
        Module model = Architectures.build(LayerContext.of(backend, g.fork()), spec);
        DataLoader trainLoader = DataLoader.builder(train).batchSize(c.batchSize()).shuffle(true).seed(g.nextSeed())
                .build();
        DataLoader testLoader = DataLoader.builder(test).batchSize(256).build();
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), c.lr()), loss, backend);
        if (method.equals("none")) {
            return new Fit(model, trainer.fit(trainLoader, testLoader, epochs), 0);
        }
        int iterations = switch (method) {
            case "gram" -> c.gramIterations();
            case "spatial-gram" -> c.spatialGramIterations();
            case "lipbound" -> c.lipboundGrid();
            default -> c.powerSteps();
        };
        List<PenalisedLayers.Site> sites = PenalisedLayers.of(model, spec.inputShape(), backend);
        try (SpectralPenalty penalty = new SpectralPenalty(sites, loss, method, lambda, iterations,
                c.gramIterations())) {
            List<EpochStats> history = trainer.batchLoss(penalty).fit(trainLoader, testLoader, epochs);
            try (GradMode.Restore ng = Autograd.noGrad(); Scope s = Scope.open()) {
                return new Fit(model, history, penalty.penalty().cast(DType.FLOAT64).item());
            }
        }
    }

    private static double robustAccuracy(LipschitzRegularizationConfig c, Backend backend, Module model, Dataset test,
                                         Generator g) {
        Pgd pgd = Pgd.l2(c.pgdEps(), 2.5 * c.pgdEps() / c.pgdSteps(), c.pgdSteps());
        int n = Math.min(c.attackSamples(), test.size());
        try (BatchIterator it = DataLoader.builder(test).batchSize(n).build().epoch(0); Scope s = Scope.open()) {
            Batch b = it.next();
            return RobustEvaluation.of(pgd).evaluate(model, b.x(backend), b.y(backend), g.fork()).rows().get(0)
                    .robustAccuracy();
        }
    }

    private static void writeFiles(RunContext context, LipschitzRegularizationConfig c, List<RegularizationRun> runs)
            throws IOException {
        JsonReport.write(context.file("runs.json"), runs);
        CsvReport.write(context.file("runs.csv"), RegularizationRun.class, runs);

        Plot plot = Plot.scatter("accuracy vs Lipschitz bound (" + c.dataset() + ")",
                "Lipschitz upper bound (product of exact layer norms)", "accuracy").withLogX();
        List<String> methods = new ArrayList<>(List.of("none"));
        methods.addAll(c.methods());
        for (String m : methods) {
            List<RegularizationRun> rs = runs.stream().filter(r -> r.method().equals(m)).toList();
            double[] x = rs.stream().mapToDouble(RegularizationRun::lipschitzBound).toArray();
            plot = plot.withSeries(m + " clean", x, rs.stream().mapToDouble(RegularizationRun::cleanAccuracy).toArray())
                    .withSeries(m + " PGD-l2", x, rs.stream().mapToDouble(RegularizationRun::robustAccuracy).toArray());
        }
        PlotReport.writePng(context.file("accuracy_vs_bound.png"), plot);

        List<List<String>> rows = runs.stream().map(r -> List.of(r.method(), fmt("%g", r.lambda()),
                fmt("%.4f", r.cleanAccuracy()), fmt("%.4g", r.lipschitzBound()), fmt("%.4f", r.robustAccuracy()),
                fmt("%.2f", r.trainSeconds()), fmt("%.2f", r.overhead()))).toList();
        new MarkdownReport("lipschitz-regularization: " + ARCHITECTURE + " on " + c.dataset())
                .paragraph("Loss: cross-entropy + lambda * sum over the conv and dense layers of the method's spectral-norm"
                        + " bound (LipBound and spatial Gram bound convolutions only; their dense layer gets Gram"
                        + " iteration; power: " + c.powerSteps() + " persistent step(s) per batch). "
                        + (c.trainLimit() > 0 ? c.trainLimit() + " training images, " : "") + c.epochs()
                        + " epoch(s), batch " + c.batchSize() + ", Adam lr " + c.lr() + ", seed " + context.seed()
                        + ", same initial weights and batch order for every run. Lipschitz bound: product of the"
                        + " exact per-layer norms. Robust accuracy: PGD-l2, eps " + c.pgdEps() + ", " + c.pgdSteps()
                        + " steps, on " + c.attackSamples() + " test images. Overhead: training time over the"
                        + " unpenalised run's.")
                .table(List.of("penalty", "lambda", "clean acc", "Lipschitz bound", "PGD-l2 acc", "train s", "overhead"),
                        rows)
                .image("accuracy vs Lipschitz bound", "accuracy_vs_bound.png")
                .write(context.file("report.md"));
    }

    private static Summary headline(LipschitzRegularizationConfig c, List<RegularizationRun> runs) {
        Summary s = new Summary();
        RegularizationRun base = runs.get(0);
        s.put("baseline_clean_accuracy", base.cleanAccuracy());
        s.put("baseline_lipschitz_bound", base.lipschitzBound());
        s.put("baseline_robust_accuracy", base.robustAccuracy());
        s.put("baseline_train_seconds", base.trainSeconds());
        double strongest = c.lambdas().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        for (RegularizationRun r : runs) {
            if (!r.method().equals("none") && r.lambda() == strongest) {
                String k = r.method().replace('-', '_');
                s.put(k + "_lambda", r.lambda());
                s.put(k + "_clean_accuracy", r.cleanAccuracy());
                s.put(k + "_lipschitz_bound", r.lipschitzBound());
                s.put(k + "_robust_accuracy", r.robustAccuracy());
                s.put(k + "_overhead", r.overhead());
            }
        }
        s.put("runs", runs.size());
        return s;
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
