package org.robust4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model and the items of its test set (a picocli mixin of certify and attack). */
public final class ItemOptions {

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "Model file written by 'robust4j train' (safetensors with its architecture).")
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist, fashion-mnist-small (embedded), mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are (on the driver).")
    Path dataDir;

    @Option(names = "--start", defaultValue = "0", description = "First test item (default: ${DEFAULT-VALUE}).")
    int start;

    @Option(names = "--count", defaultValue = "500", description = "Number of test items (default: ${DEFAULT-VALUE}).")
    int count;

    void check() {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("--model " + model + " does not exist or is not a file");
        }
        if (start < 0 || count <= 0) {
            throw new IllegalArgumentException("--start must be >= 0 and --count > 0, got " + start + " and " + count);
        }
    }
}
