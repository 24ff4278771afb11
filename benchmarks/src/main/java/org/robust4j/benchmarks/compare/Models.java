package org.robust4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.onelip.CplDense;
import org.robust4j.layers.onelip.LinearNormalized;
import org.robust4j.layers.onelip.SllNetworks;
import org.robust4j.layers.onelip.SpectralNormaliser;
import org.robust4j.layers.onelip.SpectralNormalizedLinear;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;

/** The networks of the comparison, each the same as its PyTorch twin in {@code benchmarks/peer/models.py}. */
final class Models {
    private Models() {}

    /** conv3x3(1->32, pad 1) ReLU conv3x3(32->64, stride 2, pad 1) ReLU flatten linear(12544 -> 10). */
    static Sequential smallCnn(LayerContext c) {
        return new Sequential(new Conv2d(c, 1, 32, 3, 1, 1), new ReLU(), new Conv2d(c, 32, 64, 3, 2, 1), new ReLU(),
                new Flatten(), new Linear(c, 64 * 14 * 14, 10));
    }

    /** The small CNN's parameter names in the PyTorch model ({@code conv1}, {@code conv2}, {@code fc}), prefixed {@code cnn.}. */
    static String cnnName(String robust4jName) {
        String[] p = robust4jName.split("\\.", 2);
        String layer = switch (p[0]) {
            case "0" -> "conv1";
            case "2" -> "conv2";
            case "5" -> "fc";
            default -> throw new IllegalArgumentException("not a parameter of the small CNN: " + robust4jName);
        };
        return "cnn." + layer + "." + p[1];
    }

    /** 784-512-512-10 ReLU perceptron. */
    static Module mlp(LayerContext c) {
        return new Sequential(new Flatten(), new Linear(c, 784, 512), new ReLU(), new Linear(c, 512, 512), new ReLU(),
                new Linear(c, 512, 10));
    }

    /**
     * Spectral-normalised linear lift 784->512, 4 dense CPL layers of width 512, LLN head: one
     * persistent power-iteration step per normalised layer and training forward.
     */
    static Module cpl(LayerContext c) {
        SpectralNormaliser.Method power = SpectralNormaliser.Method.POWER_ITERATION;
        List<Module> layers = new ArrayList<>(List.of(new Flatten(), new SpectralNormalizedLinear(c, 784, 512, power)));
        for (int i = 0; i < 4; i++) {
            layers.add(new CplDense(c, 512, 512, power));
        }
        layers.add(new LinearNormalized(c, 512, 10));
        return new Sequential(layers);
    }

    /** SLL network, small CPU size (4 SLL conv layers of 16 channels, 2 dense SLL layers, LLN head). */
    static Module sll(LayerContext c) {
        return SllNetworks.small(c, 1, 28, 10);
    }
}
