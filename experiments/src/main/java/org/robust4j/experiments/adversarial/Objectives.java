package org.robust4j.experiments.adversarial;

import java.util.Locale;
import org.robust4j.attacks.training.TrainingObjective;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.noise.Gaussian;
import org.robust4j.layers.noise.NoiseDistribution;
import org.robust4j.layers.noise.Uniform;

/** The two objectives the attacks module does not define as classes: natural training and noise injection alone. */
public final class Objectives {
    private Objectives() {}

    /** Cross-entropy on the clean batch. */
    public static TrainingObjective natural() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        return (m, x, y) -> ce.compute(m.forward(x), y);
    }

    /** Cross-entropy at {@code x + X}, a fresh draw of {@code noise} per sample (noise injection at the input; Gaussian data augmentation). */
    public static TrainingObjective noise(NoiseDistribution noise, Generator generator) {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        return (m, x, y) -> {
            Tensor draw = noise.sample(x.backend(), generator, x.dtype(), x.shape());
            return ce.compute(m.forward(x.add(draw)), y);
        };
    }

    /** {@code gaussian} (scale: sd) or {@code uniform} (scale: half-width). */
    public static NoiseDistribution noiseNamed(String name, double scale) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian", "normal" -> new Gaussian(scale);
            case "uniform" -> new Uniform(scale);
            default -> throw new IllegalArgumentException("unknown noise '" + name + "': gaussian or uniform");
        };
    }
}
