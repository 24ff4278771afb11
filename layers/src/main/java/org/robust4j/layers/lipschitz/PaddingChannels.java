package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.PadMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Lifts {@code [n, c, h, w]} to {@code [n, width, h, w]} by appending zero channels: an isometry,
 * the first layer of the SLL and CPL networks (their {@code PaddingChannels(mode="zero")}).
 */
public final class PaddingChannels extends Module implements LipschitzBounded {
    private final int in;
    private final int out;

    public PaddingChannels(int in, int out) {
        checkArgument(in > 0 && out >= in, "PaddingChannels: need 0 < in <= out, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == in, "PaddingChannels(%s -> %s): input %s should be [n, %s, h, w]",
                in, out, x.shape(), in);
        return out == in ? x : x.pad(new int[] {0, 0, 0, 0}, new int[] {0, out - in, 0, 0}, PadMode.ZERO);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        return new SpectralNorm(1.0, SpectralNorm.Kind.EXACT, 0, null, "isometry");
    }

    @Override
    protected String describe() {
        return in + " -> " + out;
    }
}
