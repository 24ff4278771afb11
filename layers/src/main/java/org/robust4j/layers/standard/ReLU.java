package org.robust4j.layers.standard;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/** {@code max(x, 0)}. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
