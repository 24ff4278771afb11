package org.robust4j.experiments.circulant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.Adam;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
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
 * Accuracy against number of weights for deep diagonal-circulant networks and for dense,
 * low-rank and Toeplitz networks on flattened images (Araujo et al., ECAI 2020, section on
 * expressivity). Every network trains with the same data, epochs, batch size and Adam learning
 * rate; the table also gives each network's l2 Lipschitz bound from its layers' spectral norms.
 *
 * <p>Writes {@code results.json}, {@code results.csv}, {@code accuracy-vs-weights.png} and
 * {@code report.md} (with the paper's MNIST numbers as the published reference); headline keys
 * per family: {@code <family>_best_accuracy} and {@code <family>_weights_at_best}.
 */
public final class CirculantExpressivity implements Experiment<CirculantExpressivityConfig> {
    /** The paper's MNIST comparison (test error, weights): DCNN against HashNet. */
    static final double PAPER_DC_ERROR = 0.0174;
    static final long PAPER_DC_WEIGHTS = 25_620;
    static final double PAPER_HASHNET_ERROR = 0.0279;
    static final long PAPER_HASHNET_WEIGHTS = 46_875;

    @Override
    public String name() {
        return "circulant-expressivity";
    }

    @Override
    public String description() {
        return "accuracy vs number of weights: deep diagonal-circulant networks against dense, low-rank and Toeplitz ones";
    }

    @Override
    public Class<CirculantExpressivityConfig> configType() {
        return CirculantExpressivityConfig.class;
    }

    @Override
    public Map<String, CirculantExpressivityConfig> presets() {
        Map<String, CirculantExpressivityConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, CirculantExpressivityConfig.defaults());
        p.put(TINY_PRESET, CirculantExpressivityConfig.tiny());
        return p;
    }

    private record Candidate(String family, String size, Function<LayerContext, Module> build) {
    }

    @Override
    public Summary run(CirculantExpressivityConfig config, RunContext context) throws IOException {
        List<DataSplits> datasets = new ArrayList<>();
        datasets.add(Datasets.load(config.dataset(), null));
        if (config.mnistDir() != null && !config.mnistDir().isBlank()) {
            datasets.add(Datasets.load("mnist", Path.of(config.mnistDir())));
        }
        List<ModelResult> rows = new ArrayList<>();
        for (DataSplits data : datasets) {
            List<Candidate> grid = grid(config, data.train().itemShape().sizeAsInt(), data.train().numClasses());
            try (Progress progress = context.progress("circulant-expressivity " + data.name(), grid.size())) {
                for (Candidate cand : grid) {
                    rows.add(train(config, context, data, cand));
                    progress.step();
                }
            }
        }
        writeFiles(context, config, datasets, rows);
        return headline(config, rows);
    }

    private static List<Candidate> grid(CirculantExpressivityConfig c, int features, int classes) {
        List<Candidate> g = new ArrayList<>();
        double s = c.leakySlope();
        for (int d : c.dcDepths()) {
            g.add(new Candidate(StructuredNetworks.DC, "depth " + d,
                    ctx -> StructuredNetworks.diagonalCirculant(ctx, features, classes, d, s)));
        }
        for (int d : c.toeplitzDepths()) {
            g.add(new Candidate(StructuredNetworks.TOEPLITZ, "depth " + d,
                    ctx -> StructuredNetworks.toeplitz(ctx, features, classes, d, s)));
        }
        for (int r : c.lowRanks()) {
            g.add(new Candidate(StructuredNetworks.LOW_RANK, "rank " + r,
                    ctx -> StructuredNetworks.lowRank(ctx, features, classes, r, s)));
        }
        for (int w : c.denseWidths()) {
            g.add(new Candidate(StructuredNetworks.DENSE, "width " + w,
                    ctx -> StructuredNetworks.dense(ctx, features, classes, w)));
        }
        return g;
    }

    private static ModelResult train(CirculantExpressivityConfig config, RunContext context, DataSplits data,
                                     Candidate cand) {
        Backend backend = context.backend();
        Dataset train = limit(data.train(), config.trainLimit());
        Dataset test = limit(data.test(), config.testLimit());
        // Every network starts from the run's seed, so families differ only by architecture.
        LayerContext ctx = LayerContext.of(backend, context.seed());
        Module model = cand.build().apply(ctx);
        DataLoader trainLoader = DataLoader.builder(train).batchSize(config.batchSize()).shuffle(true)
                .seed(context.seed()).build();
        DataLoader testLoader = DataLoader.builder(test).batchSize(Math.max(256, config.batchSize())).build();
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), config.learningRate()), new CrossEntropyLoss(),
                backend);
        List<EpochStats> history = trainer.fit(trainLoader, testLoader, config.epochs());
        EpochStats last = history.get(history.size() - 1);
        double seconds = history.stream().mapToDouble(EpochStats::trainSeconds).sum();
        NetworkBound bound = NetworkLipschitz.bound(model, train.itemShape());
        return new ModelResult(data.name(), cand.family(), cand.size(), model.parameterCount(), last.testAccuracy(),
                1 - last.testAccuracy(), seconds, bound.value().orElse(Double.POSITIVE_INFINITY), bound.kind().label());
    }

    private static Dataset limit(Dataset d, int n) {
        return n > 0 && n < d.size() ? d.slice(0, n) : d;
    }

    private static void writeFiles(RunContext context, CirculantExpressivityConfig config, List<DataSplits> datasets,
                                   List<ModelResult> rows) throws IOException {
        JsonReport.write(context.file("results.json"), rows);
        CsvReport.write(context.file("results.csv"), ModelResult.class, rows);
        MarkdownReport md = new MarkdownReport("circulant-expressivity: accuracy against number of weights");
        md.paragraph(String.format(Locale.ROOT,
                "Each network: %d epoch(s) of Adam (learning rate %s, batch %d) on the first %s training images, tested on"
                        + " the first %s test images; flattened inputs. Diagonal-circulant and Toeplitz hidden layers are"
                        + " square and followed by LeakyReLU(%s), with a rectangular head of the same kind, as in the paper."
                        + " The Lipschitz column is the product of the layers' spectral norms (kind in brackets).",
                config.epochs(), config.learningRate(), config.batchSize(),
                config.trainLimit() == 0 ? "all" : config.trainLimit(),
                config.testLimit() == 0 ? "all" : config.testLimit(), config.leakySlope()));
        md.section("Published reference (Araujo et al., ECAI 2020, MNIST)");
        md.paragraph(String.format(Locale.ROOT,
                "DCNN: %.2f%% test error with %,d weights; HashNet: %.2f%% with %,d weights (LeNet: 0.61%% with 4,257,674)."
                        + " The paper trains for many more epochs than this run, so compare shapes of curves, not values.",
                100 * PAPER_DC_ERROR, PAPER_DC_WEIGHTS, 100 * PAPER_HASHNET_ERROR, PAPER_HASHNET_WEIGHTS));
        for (DataSplits data : datasets) {
            List<ModelResult> mine = rows.stream().filter(r -> r.dataset().equals(data.name())).toList();
            Plot plot = Plot.scatter("Test accuracy against weights (" + data.name() + ")", "number of weights",
                    "test accuracy").withLogX();
            for (String family : List.of(StructuredNetworks.DC, StructuredNetworks.TOEPLITZ, StructuredNetworks.LOW_RANK,
                    StructuredNetworks.DENSE)) {
                List<ModelResult> f = mine.stream().filter(r -> r.family().equals(family)).toList();
                if (!f.isEmpty()) {
                    plot = plot.withSeries(family, f.stream().mapToDouble(ModelResult::parameters).toArray(),
                            f.stream().mapToDouble(ModelResult::testAccuracy).toArray());
                }
            }
            String png = datasets.size() == 1 ? "accuracy-vs-weights.png" : "accuracy-vs-weights-" + data.name() + ".png";
            PlotReport.writePng(context.file(png), plot);
            md.section(data.name() + " (" + data.source() + ")");
            md.table(List.of("family", "size", "weights", "test accuracy", "test error", "train s", "Lipschitz bound"),
                    mine.stream().map(r -> List.of(r.family(), r.size(), String.format(Locale.ROOT, "%,d", r.parameters()),
                            String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
                            String.format(Locale.ROOT, "%.2f%%", 100 * r.testError()),
                            String.format(Locale.ROOT, "%.1f", r.trainSeconds()),
                            String.format(Locale.ROOT, "%.4g (%s)", r.lipschitzBound(), r.lipschitzKind()))).toList());
            md.image("accuracy against weights, " + data.name(), png);
        }
        md.write(context.file("report.md"));
    }

    private static Summary headline(CirculantExpressivityConfig config, List<ModelResult> rows) {
        Summary s = new Summary().put("dataset", config.dataset()).put("models", rows.size());
        for (String family : List.of(StructuredNetworks.DC, StructuredNetworks.TOEPLITZ, StructuredNetworks.LOW_RANK,
                StructuredNetworks.DENSE)) {
            rows.stream().filter(r -> r.dataset().equals(rows.get(0).dataset()) && r.family().equals(family))
                    .max(java.util.Comparator.comparingDouble(ModelResult::testAccuracy)).ifPresent(best -> {
                        String key = family.replace('-', '_');
                        s.put(key + "_best_accuracy", best.testAccuracy());
                        s.put(key + "_weights_at_best", best.parameters());
                    });
        }
        s.put("paper_mnist_dc_error", PAPER_DC_ERROR).put("paper_mnist_dc_weights", PAPER_DC_WEIGHTS)
                .put("paper_mnist_hashnet_error", PAPER_HASHNET_ERROR).put("paper_mnist_hashnet_weights", PAPER_HASHNET_WEIGHTS);
        return s;
    }
}
