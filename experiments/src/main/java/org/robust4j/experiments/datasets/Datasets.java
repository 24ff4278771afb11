package org.robust4j.experiments.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.data.ArrayDataset;
import org.robust4j.core.data.Cifar10Reader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.data.IdxReader;
import org.robust4j.core.random.Generator;

/**
 * Where real datasets live. {@code fashion-mnist} and {@code mnist} are read from {@code --data-dir}
 * (IDX files, gzipped or not), then from the directory Debian's {@code dataset-fashion-mnist}
 * package installs; {@code cifar10} from the directory the user names; and
 * {@code fashion-mnist-small} is the Fashion-MNIST test split embedded in robust4j (10 000 images,
 * MIT licence), split 8 000 / 2 000 with a fixed seed, so the demo and the tests need nothing installed.
 */
public final class Datasets {
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String EMBEDDED = "/org/robust4j/experiments/datasets/fashion-mnist/";
    private static final List<String> NAMES = List.of("fashion-mnist", "fashion-mnist-small", "mnist", "cifar10");

    private Datasets() {}

    public static List<String> names() {
        return NAMES;
    }

    /** Loads {@code name}; {@code dataDir} may be null. */
    public static DataSplits load(String name, Path dataDir) {
        try {
            return switch (name) {
                case "fashion-mnist" -> idx("fashion-mnist", dataDir, List.of(DEBIAN_FASHION_MNIST),
                        "Install it with 'apt-get install dataset-fashion-mnist', or download the four IDX files from"
                                + " https://github.com/zalandoresearch/fashion-mnist into a directory given with --data-dir;"
                                + " or use --dataset fashion-mnist-small (embedded, 10 000 images).");
                case "mnist" -> idx("mnist", dataDir, List.of(),
                        "Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
                                + " t10k-labels-idx1-ubyte.gz (http://yann.lecun.com/exdb/mnist/) into a directory given with --data-dir.");
                case "cifar10" -> cifar10(dataDir);
                case "fashion-mnist-small" -> embeddedFashionMnist();
                default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: "
                        + String.join(", ", NAMES));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not read dataset " + name + ": " + e.getMessage(), e);
        }
    }

    private static DataSplits idx(String name, Path dataDir, List<Path> fallbacks, String howToGet) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (dataDir != null) {
            candidates.add(dataDir);
            candidates.add(dataDir.resolve(name));
        }
        candidates.addAll(fallbacks);
        for (Path dir : candidates) {
            Path trainImages = find(dir, "train-images-idx3-ubyte");
            Path trainLabels = find(dir, "train-labels-idx1-ubyte");
            Path testImages = find(dir, "t10k-images-idx3-ubyte");
            Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
            if (trainImages != null && trainLabels != null && testImages != null && testLabels != null) {
                return new DataSplits(name, IdxReader.read(trainImages, trainLabels), IdxReader.read(testImages, testLabels),
                        name + " from " + dir);
            }
        }
        throw new DatasetNotFoundException(name, candidates, howToGet);
    }

    private static Path find(Path dir, String base) {
        for (String suffix : new String[] {".gz", ""}) {
            Path p = dir.resolve(base + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static DataSplits cifar10(Path dataDir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (dataDir != null) {
            candidates.add(dataDir);
            candidates.add(dataDir.resolve("cifar-10-batches-bin"));
        }
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve("data_batch_1.bin")) && Files.isRegularFile(dir.resolve("test_batch.bin"))) {
                List<Path> train = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    train.add(dir.resolve("data_batch_" + i + ".bin"));
                }
                return new DataSplits("cifar10", Cifar10Reader.read(train), Cifar10Reader.read(List.of(dir.resolve("test_batch.bin"))),
                        "CIFAR-10 from " + dir);
            }
        }
        throw new DatasetNotFoundException("cifar10", candidates,
                "Download the binary version (https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz), unpack it and give"
                        + " its directory with --data-dir.");
    }

    /** The embedded 10 000-image Fashion-MNIST test split, 8 000 for training and 2 000 for testing. */
    public static DataSplits embeddedFashionMnist() throws IOException {
        Path dir = Files.createTempDirectory("robust4j-fmnist");
        try {
            Path images = copy(EMBEDDED + "t10k-images-idx3-ubyte.gz", dir);
            Path labels = copy(EMBEDDED + "t10k-labels-idx1-ubyte.gz", dir);
            ArrayDataset all = IdxReader.read(images, labels);
            int[] order = new Generator(20240601L).permutation(all.size());
            int nTrain = 8000;
            int[] trainIdx = java.util.Arrays.copyOfRange(order, 0, nTrain);
            int[] testIdx = java.util.Arrays.copyOfRange(order, nTrain, all.size());
            java.util.Arrays.sort(trainIdx);
            java.util.Arrays.sort(testIdx);
            Dataset train = ArrayDataset.copyOf(all.subset(trainIdx));
            Dataset test = ArrayDataset.copyOf(all.subset(testIdx));
            return new DataSplits("fashion-mnist-small", train, test,
                    "embedded Fashion-MNIST test split (10 000 images, MIT licence), 8 000 train / 2 000 test");
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("embedded resource " + resource + " is missing from the robust4j jar");
            }
            Path p = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        }
    }
}
