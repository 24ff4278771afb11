package org.robust4j.attacks.training;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/** {@code z -> model(z + shift)}: a randomized model with its noise draw frozen (for RAT's inner attack). */
final class ShiftedInput extends Module {
    private final Module model;
    private final Tensor shift;

    ShiftedInput(Module model, Tensor shift) {
        this.model = registerModule("model", model);
        this.shift = shift;
    }

    @Override
    public Tensor forward(Tensor z) {
        return model.forward(z.add(shift));
    }
}
