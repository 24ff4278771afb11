package org.robust4j.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.models.ModelFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Loads the --model file of the evaluation commands (attack, certify) for a dataset: a file that
 * cannot be read as a model of that dataset's inputs is bad input (exit 2), with the reason.
 */
final class LoadedModels {
    private LoadedModels() {}

    static ModelFile.Loaded load(CommandSpec spec, Path file, Backend backend, String arch, DataSplits data) {
        ModelFile.Loaded loaded;
        try {
            // A foreign file (--arch) has no recorded input shape: take the dataset's.
            loaded = arch == null ? ModelFile.load(file, backend)
                    : ModelFile.load(file, backend, arch, data.test().itemShape(), data.test().numClasses());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--model " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--model " + file + " could not be read: " + e, e);
        }
        if (!loaded.spec().inputShape().equals(data.test().itemShape()) || loaded.spec().classes() != data.test().numClasses()) {
            throw new ParameterException(spec.commandLine(), "--model " + file + " takes inputs " + loaded.spec().inputShape()
                    + " with " + loaded.spec().classes() + " classes, but " + data.name() + " has "
                    + data.test().itemShape() + " with " + data.test().numClasses());
        }
        return loaded;
    }
}
