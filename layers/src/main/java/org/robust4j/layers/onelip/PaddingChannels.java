package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.PadMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Channel lifting by zero padding ({@code PaddingChannels(mode="zero")} of the SLL/CPL code):
 * axis 1 grows from {@code in} to {@code out} channels, the new ones zero. It is an isometry, so
 * its Lipschitz constant is exactly 1, and it lets residual 1-Lipschitz layers (which keep their
 * width) start from a 1- or 3-channel image.
 */
public final class PaddingChannels extends Module implements LipschitzBounded {
    private final int in;
    private final int out;

    public PaddingChannels(int in, int out) {
        checkArgument(in > 0 && out >= in, "PaddingChannels: need 0 < in <= out, got in=%s out=%s", in, out);
        this.in = in;
        this.out = out;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 2 && x.dim(1) == in, "PaddingChannels(%s -> %s): input %s should have %s channels on axis 1",
                in, out, x.shape(), in);
        int[] before = new int[x.rank()];
        int[] after = new int[x.rank()];
        after[1] = out - in;
        return x.pad(before, after, PadMode.ZERO);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        return new SpectralNorm(1.0, SpectralNorm.Kind.EXACT, 0, null, "isometry");
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out;
    }
}
