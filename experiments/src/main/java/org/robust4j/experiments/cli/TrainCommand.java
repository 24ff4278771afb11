package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.Architecture;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.training.TrainOptions;
import org.robust4j.experiments.training.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j train}: trains a model and writes model.safetensors, its log, curves and summary.json. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a dataset; writes model.safetensors (rebuildable by every command),"
                + " history.json/csv, loss.png, accuracy.png and summary.json into --out.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "ARCH", required = true, description = "Architecture: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ArchitectureNames.class)
    String model;

    @Option(names = "--model-option", paramLabel = "KEY=VALUE", description = "Architecture option (repeatable), e.g. hidden=256.")
    List<String> modelOptions;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist, fashion-mnist-small (embedded), mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are.")
    Path dataDir;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, adamw or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum, Nesterov (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule",
            description = "constant, cosine, triangular or onecycle (default: the architecture's; constant, triangular for sll/cpl/aol).")
    String schedule;

    @Option(names = "--loss",
            description = "ce, margin[:M] or offset-ce[:OFFSET[:TEMPERATURE]] (default: the architecture's; ce, offset-ce for "
                    + "sll/aol, margin for cpl). A larger offset or margin trades clean accuracy for certified radius.")
    String loss;

    @Option(names = "--limit", defaultValue = "0", description = "Train on at most this many samples (0: all).")
    int limit;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        DataSplits data;
        TrainOptions options;
        try {
            if (epochs <= 0 || batchSize <= 0 || !(lr > 0) || limit < 0) {
                throw new IllegalArgumentException("--epochs, --batch-size and --lr must be positive, --limit >= 0");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            Architecture arch = Architectures.get(model);
            options = new TrainOptions(model, TrainingRun.parseOptions(modelOptions), dataset, dataDir, epochs, batchSize,
                    lr, optimizer, momentum, weightDecay, schedule != null ? schedule : arch.defaultSchedule(),
                    loss != null ? loss : arch.defaultLoss(), limit, common.seed());
            TrainingRun.loss(options.loss());
            CompositionRoot.checkBackendName(common.backend());
            data = Datasets.load(dataset, dataDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            try {
                TrainingRun.checkModel(backend, options, data);
            } catch (IllegalArgumentException e) { // a model option the architecture does not take
                throw new ParameterException(spec.commandLine(), "--model " + model + ": " + e.getMessage(), e);
            }
            TrainingRun.Result r = TrainingRun.run(backend, options, data, out);
            spec.commandLine().getOut().println(JsonReport.mapper().writeValueAsString(r.summary().asMap()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Picocli completion candidates: the registered architectures. */
    static final class ArchitectureNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Architectures.names().iterator();
        }
    }
}
