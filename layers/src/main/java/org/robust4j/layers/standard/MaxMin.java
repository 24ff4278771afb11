package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * MaxMin activation (Anil et al. 2019), as the SLL and AOL code apply it: the channels (axis 1)
 * are split in two halves {@code a, b} and replaced by {@code [max(a, b), min(a, b)]}. It sorts
 * pairs, so it is 1-Lipschitz and preserves the gradient norm.
 */
public final class MaxMin extends Module {
    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 2 && x.dim(1) % 2 == 0, "MaxMin: needs an even number of channels on axis 1, got %s",
                x.shape());
        int half = x.dim(1) / 2;
        Tensor a = x.narrow(1, 0, half);
        Tensor b = x.narrow(1, half, half);
        return Tensor.cat(List.of(a.maximum(b), a.minimum(b)), 1);
    }
}
