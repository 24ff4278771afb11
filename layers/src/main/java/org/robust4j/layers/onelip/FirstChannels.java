package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * The "first channels" head ({@code PoolingLinear(agg="trunc")} of SLL/CPL, {@code FirstChannels}
 * of Prach et al.): keeps the first {@code count} entries of axis 1, e.g. the class scores of a
 * residual network's last features. A coordinate projection, so exactly 1-Lipschitz, and the
 * whole network stays globally 1-Lipschitz (certify with {@code margin / sqrt 2}).
 */
public final class FirstChannels extends Module implements LipschitzBounded {
    private final int count;

    public FirstChannels(int count) {
        checkArgument(count > 0, "FirstChannels: count must be positive, got %s", count);
        this.count = count;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 2 && x.dim(1) >= count, "FirstChannels(%s): input %s has fewer entries on axis 1",
                count, x.shape());
        return x.narrow(1, 0, count);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() >= 1 && input.dim(0) >= count, "FirstChannels(%s): sample shape %s is too small",
                count, input);
        return new SpectralNorm(1.0, SpectralNorm.Kind.EXACT, 0, null, "projection");
    }

    public int count() {
        return count;
    }

    @Override
    protected String describe() {
        return String.valueOf(count);
    }
}
