package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Pixel unshuffle ({@code InvertibleDownSampling} of deel-lip/deel-torchlip, the {@code PixelUnshuffle(2)}
 * of Prach et al.): {@code [N, C, H, W] -> [N, C k^2, H/k, W/k]}, each {@code k x k} block moved into
 * channels (channel {@code c k^2 + i k + j} holds offset {@code (i, j)}). A permutation of the
 * coordinates, so exactly 1-Lipschitz and norm preserving; no information is lost, unlike the
 * norm-preserving average pooling.
 */
public final class InvertibleDownsampling extends Module implements LipschitzBounded {
    private final int factor;

    public InvertibleDownsampling(int factor) {
        checkArgument(factor >= 1, "InvertibleDownsampling: factor must be >= 1, got %s", factor);
        this.factor = factor;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(2) % factor == 0 && x.dim(3) % factor == 0,
                "InvertibleDownsampling(%s): input %s should be [N, C, H, W] with H and W divisible by %s",
                factor, x.shape(), factor);
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2) / factor;
        int w = x.dim(3) / factor;
        return x.reshape(n, c, h, factor, w, factor).permute(0, 1, 3, 5, 2, 4).reshape(n, c * factor * factor, h, w);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        return new SpectralNorm(1.0, SpectralNorm.Kind.EXACT, 0, null, "permutation");
    }

    public int factor() {
        return factor;
    }

    @Override
    protected String describe() {
        return String.valueOf(factor);
    }
}
