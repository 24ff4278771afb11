package org.robust4j.layers.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.ArrayDataset;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.io.SafetensorsFile;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.optim.LrSchedule;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;
import org.robust4j.layers.support.Nd4jTestBackend;

class TrainerTest {
    private final Backend b = Nd4jTestBackend.get();

    /** Four Gaussian clusters in 8 dimensions, one per class. */
    private static ArrayDataset clusters(int n, long seed) {
        Generator g = new Generator(seed);
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = g.nextInt(4);
            for (int d = 0; d < 8; d++) {
                double centre = (d % 4 == y[i]) ? 2.0 : 0.0;
                x[i * 8 + d] = (float) (centre + 0.7 * g.nextGaussian());
            }
        }
        return new ArrayDataset(x, y, Shape.of(8), 4);
    }

    private List<EpochStats> train(long seed, Path checkpoint) {
        LayerContext c = LayerContext.of(b, seed);
        Sequential net = new Sequential(new Linear(c, 8, 32), new ReLU(), new Linear(c, 32, 4));
        DataLoader trainLoader = DataLoader.builder(clusters(512, 1)).batchSize(32).shuffle(true).seed(seed).build();
        DataLoader testLoader = DataLoader.builder(clusters(256, 2)).batchSize(64).build();
        Trainer t = new Trainer(net, new Adam(net.parameters(), 0.01), new CrossEntropyLoss(), b)
                .schedule(LrSchedule.cosine(0.01, 0.001, 3 * 16));
        if (checkpoint != null) {
            t.checkpoint(checkpoint, Map.of("robust4j.arch", "test-mlp"));
        }
        return t.fit(trainLoader, testLoader, 3);
    }

    @Test
    void learnsIsDeterministicAndCheckpoints(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("model.safetensors");
        List<EpochStats> a = train(42, ckpt);
        assertThat(a).hasSize(3);
        assertThat(a.get(2).testAccuracy()).isGreaterThan(0.9);
        assertThat(a.get(2).trainLoss()).isLessThan(a.get(0).trainLoss());
        assertThat(a.get(0).samplesPerSecond()).isPositive();

        List<EpochStats> again = train(42, null);
        for (int i = 0; i < 3; i++) {
            assertThat(again.get(i).trainLoss()).as("same seed, same run").isEqualTo(a.get(i).trainLoss());
        }
        assertThat(Files.exists(ckpt)).isTrue();
        try (SafetensorsFile<Tensor> f = Safetensors.load(ckpt, b)) {
            assertThat(f.tensors().keySet()).containsExactly("0.bias", "0.weight", "2.bias", "2.weight");
            assertThat(f.metadata()).containsEntry("robust4j.arch", "test-mlp").containsEntry("robust4j.epoch", "2");
        }
    }
}
