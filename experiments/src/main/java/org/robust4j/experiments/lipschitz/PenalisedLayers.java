package org.robust4j.experiments.lipschitz;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.ConvGeometry;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Linear;

/**
 * The linear layers of a network whose spectral norms a Lipschitz penalty sums: every
 * {@link Conv2d} (undilated, one group) with the geometry of the input it sees, and every
 * {@link Linear}. Input sizes are found by one forward pass of a zero sample through the
 * (nested) {@link Sequential}s.
 */
final class PenalisedLayers {
    /** A convolution and where it acts, or a dense layer (then {@code geometry} is null). */
    record Site(String name, Module layer, ConvGeometry geometry) {
        boolean isConv() {
            return geometry != null;
        }

        /** The weight parameter's current tensor (in the training graph). */
        Tensor weight() {
            return layer instanceof Conv2d c ? c.weight().value() : ((Linear) layer).weight().value();
        }
    }

    private PenalisedLayers() {}

    /** The sites of {@code net} for one sample of shape {@code input} (no batch axis). */
    static List<Site> of(Module net, Shape input, Backend backend) {
        List<Site> out = new ArrayList<>();
        try (GradMode.Restore ng = Autograd.noGrad(); Scope s = Scope.open()) {
            Tensor x = Tensor.zeros(backend, DType.FLOAT32, prepend(input));
            walk("", net, x, out);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Lipschitz penalty: the network has no Conv2d or Linear layer");
        }
        return out;
    }

    private static Tensor walk(String path, Module m, Tensor x, List<Site> out) {
        if (m instanceof Sequential seq) {
            for (int i = 0; i < seq.size(); i++) {
                x = walk(path.isEmpty() ? Integer.toString(i) : path + "." + i, seq.get(i), x, out);
            }
            return x;
        }
        if (m instanceof Conv2d c) {
            Conv2d.Options o = c.options();
            if (o.groups() != 1 || o.dilation() != 1) {
                throw new IllegalArgumentException("Lipschitz penalty: layer " + path
                        + " is a grouped or dilated convolution, which the penalty does not support");
            }
            out.add(new Site(path, c, new ConvGeometry(x.dim(2), x.dim(3), o.stride(), o.padding(), o.padding(),
                    o.paddingMode())));
        } else if (m instanceof Linear) {
            out.add(new Site(path, m, null));
        }
        return m.forward(x);
    }

    private static int[] prepend(Shape input) {
        int[] dims = new int[input.rank() + 1];
        dims[0] = 1;
        for (int i = 0; i < input.rank(); i++) {
            dims[i + 1] = input.dim(i);
        }
        return dims;
    }
}
