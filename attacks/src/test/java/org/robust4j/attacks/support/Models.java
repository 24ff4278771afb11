package org.robust4j.attacks.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;

/** Small random networks for the property tests. */
public final class Models {
    private Models() {}

    /** {@code d -> hidden -> classes} with ReLU, on inputs {@code [N, d]} or any shape that flattens to d. */
    public static Module mlp(Backend b, long seed, int d, int hidden, int classes) {
        LayerContext c = LayerContext.of(b, seed);
        return new Sequential(new Flatten(), new Linear(c, d, hidden), new ReLU(), new Linear(c, hidden, classes));
    }

    /** conv3x3(channels -> 4, pad 1) ReLU flatten linear, on inputs {@code [N, channels, h, w]}. */
    public static Module cnn(Backend b, long seed, int channels, int h, int w, int classes) {
        LayerContext c = LayerContext.of(b, seed);
        return new Sequential(new Conv2d(c, channels, 4, 3, 1, 1), new ReLU(), new Flatten(),
                new Linear(c, 4 * h * w, classes));
    }
}
