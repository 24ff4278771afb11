package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * {@code y = T x + b} with a Toeplitz {@code T [out, in]}, {@code T[i,j] = t[i - j + in - 1]}:
 * {@code in + out - 1} weights ({@code 2n - 1} when square) plus {@code out} for the bias.
 *
 * <p>The product runs through a circulant embedding: {@code T} is the top-left block of the
 * circulant of size {@code N = in + out - 1} whose first column is {@code t} rotated left by
 * {@code in - 1}, so {@code T x} is the first {@code out} entries of that circulant times
 * {@code x} zero-padded on the right to {@code N}. Kernel init N(0, 2/in) (He).
 */
public final class Toeplitz extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final Parameter diagonals;
    private final Parameter bias;

    public Toeplitz(LayerContext c, int n) {
        this(c, n, n);
    }

    public Toeplitz(LayerContext c, int in, int out) {
        checkArgument(in > 0 && out > 0, "Toeplitz: sizes must be positive, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
        this.diagonals = registerParameter("diagonals", Init.normal(c, Math.sqrt(2.0 / in), in + out - 1));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), out));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == in, "Toeplitz(%s -> %s): input %s should end with %s features",
                in, out, x.shape(), in);
        Tensor z = Circulants.multiply(embedding(), Circulants.padLast(x, 0, out - 1));
        return z.narrow(-1, 0, out).add(bias.value());
    }

    /** The first column of the embedding circulant: {@code t[in-1:] ++ t[:in-1]}. */
    private Tensor embedding() {
        Tensor t = diagonals.value();
        if (in == 1) {
            return t;
        }
        int total = in + out - 1;
        return Tensor.cat(List.of(t.slice(0, in - 1, total), t.slice(0, 0, in - 1)), 0);
    }

    /** {@code max|FFT(embedding)|}: an upper bound, as {@code T} is a block of the embedding circulant. */
    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.size() == in, "Toeplitz(%s -> %s): sample shape %s does not have %s features",
                in, out, input, in);
        double v;
        try (org.robust4j.core.tensor.Scope scope = org.robust4j.core.tensor.Scope.open()) {
            v = Circulants.maxEigenvalueModulus(embedding().detach());
        }
        return new SpectralNorm(v, SpectralNorm.Kind.UPPER, 0, bias.value().dtype(), "toeplitz-embedding");
    }

    /** The exact spectral norm, by SVD of the explicit matrix (O(n^3): small layers). */
    public SpectralNorm exactSpectralNorm() {
        return StructuredMatrices.exactNorm(this, in);
    }

    /** {@code t}: entry {@code in - 1 + k} is the k-th diagonal ({@code T[i, i-k]}, negative k above). */
    public Parameter diagonals() {
        return diagonals;
    }

    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out;
    }
}
