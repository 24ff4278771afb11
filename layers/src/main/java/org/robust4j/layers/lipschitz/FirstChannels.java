package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * The "first channels" head of 1-Lipschitz networks: keeps the first {@code k} features of
 * {@code [n, d]} (the SLL/CPL code's {@code PoolingLinear(agg="trunc")}). A coordinate projection,
 * so 1-Lipschitz, and the whole network stays 1-Lipschitz as a vector map.
 */
public final class FirstChannels extends Module implements LipschitzBounded {
    private final int k;

    public FirstChannels(int k) {
        checkArgument(k > 0, "FirstChannels: k must be positive, got %s", k);
        this.k = k;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) >= k, "FirstChannels(%s): input %s should be [n, d] with d >= %s",
                k, x.shape(), k);
        return x.narrow(1, 0, k);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        return new SpectralNorm(1.0, SpectralNorm.Kind.EXACT, 0, null, "projection");
    }

    @Override
    protected String describe() {
        return String.valueOf(k);
    }
}
