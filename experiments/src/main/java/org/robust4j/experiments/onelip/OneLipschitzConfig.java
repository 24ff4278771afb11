package org.robust4j.experiments.onelip;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;

/**
 * Configuration shared by the 1-Lipschitz experiments: the data, the training budget, and the
 * networks (architecture name and options, one entry per model).
 *
 * @param dataset  {@code fashion-mnist}, {@code fashion-mnist-small} (embedded) or {@code cifar10}
 * @param dataDir  directory of the dataset's files, or null for the default places
 * @param models   label, architecture and options of each network
 */
public record OneLipschitzConfig(String dataset, String dataDir, int trainLimit, int testLimit, int epochs,
                                 int batchSize, double lr, int pgdSteps, List<Model> models) {

    /**
     * One network: {@code depth} is what the depth sweep plots against (0 when not swept);
     * {@code loss} a {@code TrainingRun.loss} spec, or null for the architecture's default.
     */
    public record Model(String label, String arch, Map<String, String> options, int depth, String loss) {
        public Model(String label, String arch, Map<String, String> options, int depth) {
            this(label, arch, options, depth, null);
        }
    }

    public OneLipschitzConfig {
        models = List.copyOf(models);
    }

    DataSplits load() {
        return Datasets.load(dataset, dataDir == null ? null : Path.of(dataDir));
    }

    CertifiedTraining.Settings settings() {
        return new CertifiedTraining.Settings(trainLimit, testLimit, epochs, batchSize, lr, pgdSteps);
    }

    String scale() {
        return dataset + ", " + (trainLimit == 0 ? "all" : String.valueOf(trainLimit)) + " training images, " + epochs
                + " epoch(s), " + testLimit + " test images certified (the papers: full data, 200-1000 epochs on a GPU)";
    }
}
