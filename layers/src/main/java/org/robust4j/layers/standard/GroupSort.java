package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * GroupSort with groups of two adjacent channels ({@code GroupSort2} in deel-lip): channels
 * {@code (2i, 2i+1)} become {@code (max, min)} of the pair. 1-Lipschitz, gradient-norm preserving.
 */
public final class GroupSort extends Module {
    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 2 && x.dim(1) % 2 == 0, "GroupSort: needs an even number of channels on axis 1, got %s",
                x.shape());
        int[] dims = x.shape().toArray();
        int[] paired = new int[dims.length + 1];
        paired[0] = dims[0];
        paired[1] = dims[1] / 2;
        paired[2] = 2;
        System.arraycopy(dims, 2, paired, 3, dims.length - 2);
        Tensor p = x.reshape(paired);
        Tensor a = p.narrow(2, 0, 1);
        Tensor b = p.narrow(2, 1, 1);
        return Tensor.cat(List.of(a.maximum(b), a.minimum(b)), 2).reshape(dims);
    }
}
