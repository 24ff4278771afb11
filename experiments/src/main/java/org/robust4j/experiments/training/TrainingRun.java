package org.robust4j.experiments.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.optim.LrSchedule;
import org.robust4j.core.optim.Optimizer;
import org.robust4j.core.optim.Sgd;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.models.ModelSpec;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.loss.Loss;
import org.robust4j.layers.loss.MultiMarginLoss;
import org.robust4j.layers.loss.OffsetCrossEntropyLoss;
import org.robust4j.layers.train.EpochStats;
import org.robust4j.layers.train.Trainer;
import org.robust4j.layers.train.TrainingListener;

/**
 * Trains a model by name on a dataset by name and writes everything a user needs: the model
 * file (rebuildable by every other command), the per-epoch log as JSON and CSV, a PNG of the
 * curves, and {@code summary.json}. Shared by the {@code train} command and the experiments.
 */
public final class TrainingRun {
    /** What a run produced. */
    public record Result(Module model, ModelSpec spec, DataSplits data, List<EpochStats> history, double seconds,
                         Summary summary) {
    }

    private TrainingRun() {}

    public static Result run(Backend backend, TrainOptions o, Path out) throws IOException {
        DataSplits data = Datasets.load(o.dataset(), o.dataDir());
        return run(backend, o, data, out);
    }

    /** The network {@code o} asks for, shaped for {@code data}. */
    public static ModelSpec spec(TrainOptions o, DataSplits data) {
        return new ModelSpec(o.model(), o.modelOptions(), data.train().itemShape(), data.train().numClasses());
    }

    /**
     * Builds the network once and drops it, so that a bad model option fails before training
     * with the builder's message (an {@link IllegalArgumentException}).
     */
    public static void checkModel(Backend backend, TrainOptions o, DataSplits data) {
        try (Scope scope = Scope.open()) {
            Architectures.build(LayerContext.of(backend, new Generator(o.seed())), spec(o, data));
        }
    }

    public static Result run(Backend backend, TrainOptions o, DataSplits data, Path out) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        Dataset train = data.train();
        if (o.limit() > 0 && o.limit() < train.size()) {
            train = train.subset(firstN(o.limit()));
        }
        ModelSpec spec = spec(o, data);
        Generator g = new Generator(o.seed());
        Module model = Architectures.build(LayerContext.of(backend, g.fork()), spec);
        DataLoader trainLoader = DataLoader.builder(train).batchSize(o.batchSize()).shuffle(true).seed(g.nextSeed())
                .dropLast(false).build();
        DataLoader testLoader = DataLoader.builder(data.test()).batchSize(Math.max(o.batchSize(), 256)).build();
        Optimizer opt = optimizer(model, o);
        long steps = (long) trainLoader.numBatches() * o.epochs();
        Trainer trainer = new Trainer(model, opt, loss(o.loss()), backend).schedule(schedule(o, steps))
                .checkpoint(out.resolve("model.safetensors"), Map.of("robust4j.dataset", data.name()));
        List<EpochStats> history;
        try (Progress p = Progress.start("train " + o.model(), steps)) {
            trainer.listener(new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, double loss, double accuracy) {
                    p.step();
                }
            });
            history = trainer.fit(trainLoader, testLoader, o.epochs());
        }
        ModelFile.save(out.resolve("model.safetensors"), model, spec, Map.of("robust4j.dataset", data.name(),
                "robust4j.epochs", String.valueOf(o.epochs())));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Summary s = writeReports(o, data, history, seconds, out);
        return new Result(model, spec, data, history, seconds, s);
    }

    private static int[] firstN(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static Optimizer optimizer(Module model, TrainOptions o) {
        return switch (o.optimizer()) {
            case "adam" -> new Adam(model.parameters(), o.lr()).weightDecay(o.weightDecay());
            case "adamw" -> new Adam(model.parameters(), o.lr()).weightDecay(o.weightDecay()).decoupled();
            case "sgd" -> new Sgd(model.parameters(), o.lr()).momentum(o.momentum()).nesterov(o.momentum() > 0)
                    .weightDecay(o.weightDecay());
            default -> throw new IllegalArgumentException("unknown optimizer '" + o.optimizer() + "': adam, adamw or sgd");
        };
    }

    static LrSchedule schedule(TrainOptions o, long steps) {
        return switch (o.schedule()) {
            case "constant" -> LrSchedule.constant(o.lr());
            case "cosine" -> LrSchedule.cosine(o.lr(), 0, steps);
            case "triangular" -> LrSchedule.triangular(o.lr(), steps);
            case "onecycle" -> LrSchedule.oneCycle(o.lr(), Math.max(2, steps));
            default -> throw new IllegalArgumentException("unknown schedule '" + o.schedule()
                    + "': constant, cosine, triangular or onecycle");
        };
    }

    /**
     * {@code ce}, {@code margin[:M]} (multi-margin, CPL's 0.7 by default) or
     * {@code offset-ce[:OFFSET[:TEMPERATURE]]} (offset cross-entropy, SLL's 2.1213 and 0.25 by
     * default): the offset is the logit margin asked of every training image, so it trades clean
     * accuracy for certified radius (radius = margin / sqrt 2 for a 1-Lipschitz network).
     */
    public static Loss loss(String spec) {
        String[] p = spec.split(":", -1);
        String name = p[0];
        int max = switch (name) {
            case "ce" -> 0;
            case "margin" -> 1;
            case "offset-ce" -> 2;
            default -> throw new IllegalArgumentException("unknown loss '" + spec
                    + "': ce, margin[:M] or offset-ce[:OFFSET[:TEMPERATURE]]");
        };
        if (p.length - 1 > max) {
            throw new IllegalArgumentException("loss '" + spec + "': " + name + " takes at most " + max + " parameter(s)");
        }
        double[] v = new double[p.length - 1];
        for (int i = 1; i < p.length; i++) {
            try {
                v[i - 1] = Double.parseDouble(p[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("loss '" + spec + "': parameter '" + p[i] + "' is not a number");
            }
            if (!(v[i - 1] > 0) || Double.isInfinite(v[i - 1])) {
                throw new IllegalArgumentException("loss '" + spec + "': parameter " + p[i] + " must be positive and finite");
            }
        }
        OffsetCrossEntropyLoss sll = OffsetCrossEntropyLoss.sll();
        return switch (name) {
            case "ce" -> new CrossEntropyLoss();
            case "margin" -> new MultiMarginLoss(v.length > 0 ? v[0] : 0.7);
            default -> new OffsetCrossEntropyLoss(v.length > 0 ? v[0] : sll.offset(),
                    v.length > 1 ? v[1] : sll.temperature());
        };
    }

    private static Summary writeReports(TrainOptions o, DataSplits data, List<EpochStats> history, double seconds, Path out)
            throws IOException {
        JsonReport.write(out.resolve("history.json"), history);
        CsvReport.write(out.resolve("history.csv"), EpochStats.class, history);
        double[] x = new double[history.size()];
        double[] trainLoss = new double[x.length];
        double[] trainAcc = new double[x.length];
        double[] testAcc = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            EpochStats e = history.get(i);
            x[i] = e.epoch() + 1;
            trainLoss[i] = e.trainLoss();
            trainAcc[i] = e.trainAccuracy();
            testAcc[i] = e.testAccuracy();
        }
        PlotReport.writePng(out.resolve("loss.png"), Plot.line("Training loss", "epoch", "loss").withSeries("train", x, trainLoss));
        PlotReport.writePng(out.resolve("accuracy.png"), Plot.line("Accuracy", "epoch", "accuracy")
                .withSeries("train", x, trainAcc).withSeries("test", x, testAcc));
        EpochStats last = history.get(history.size() - 1);
        double trainSeconds = history.stream().mapToDouble(EpochStats::trainSeconds).sum();
        long samples = 0;
        for (EpochStats e : history) {
            samples += Math.round(e.samplesPerSecond() * e.trainSeconds());
        }
        Summary s = new Summary().put("model", o.model()).put("dataset", data.name())
                .put("test_accuracy", last.testAccuracy()).put("train_accuracy", last.trainAccuracy())
                .put("train_loss", last.trainLoss()).put("epochs", o.epochs()).put("loss", o.loss()).put("schedule", o.schedule())
                .put("samples_per_second", samples / trainSeconds).put("seconds", seconds);
        s.writeTo(out);
        return s;
    }

    /** Keys of {@link ModelSpec#options()} given as {@code key=value} strings. */
    public static Map<String, String> parseOptions(List<String> kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : kv == null ? new ArrayList<String>() : kv) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("model option '" + s + "' should look like key=value");
            }
            m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return m;
    }
}
