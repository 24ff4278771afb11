package org.robust4j.layers.standard;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/** Flattens every axis after the batch axis (C, H, W order, as PyTorch). */
public final class Flatten extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.rank() <= 2 ? x : x.flatten(1);
    }
}
