package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import picocli.CommandLine.Option;

/** Options of the commands that evaluate a saved model on a test set ({@code attack}, {@code certify}): a picocli mixin. */
final class SavedModelOptions {
    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "model.safetensors written by 'robust4j train' (or a foreign file with --arch).")
    Path modelFile;

    @Option(names = "--arch", paramLabel = "NAME", description = "Architecture, for files without robust4j metadata.")
    String arch;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist, fashion-mnist-small (embedded), mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are.")
    Path dataDir;

    /** {@link IllegalArgumentException} when {@code --model} names no regular file. */
    void checkModelFile() {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("--model " + modelFile + " is not a file");
        }
    }

    DataSplits loadData() {
        return Datasets.load(dataset, dataDir);
    }
}
