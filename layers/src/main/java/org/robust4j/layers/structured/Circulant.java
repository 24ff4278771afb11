package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * {@code y = C x + b} with {@code C = circ(c)} in the first-column convention
 * ({@code C[j,k] = c[(j-k) mod n]}), computed as {@code IFFT(FFT(c) * FFT(x))}: n weights
 * (+ n for the bias) and O(n log n) work instead of n^2. The kernel starts as N(0, 2/n) (He).
 */
public final class Circulant extends Module implements LipschitzBounded {
    private final int n;
    private final Parameter kernel;
    private final Parameter bias;

    public Circulant(LayerContext c, int n) {
        this(c, n, true);
    }

    public Circulant(LayerContext c, int n, boolean bias) {
        checkArgument(n > 0, "Circulant: size must be positive, got %s", n);
        this.n = n;
        this.kernel = registerParameter("kernel", Init.normal(c, Math.sqrt(2.0 / n), n));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), n)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == n, "Circulant(%s): input %s should end with %s features",
                n, x.shape(), n);
        Tensor y = Circulants.multiply(kernel.value(), x);
        return bias == null ? y : y.add(bias.value());
    }

    /**
     * Exact: a circulant matrix is normal, so its singular values are the moduli of its
     * eigenvalues {@code FFT(c)}; the bias does not change the Lipschitz constant.
     */
    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.size() == n, "Circulant(%s): sample shape %s does not have %s features", n, input, n);
        return new SpectralNorm(Circulants.maxEigenvalueModulus(kernel.value()), SpectralNorm.Kind.EXACT, 0,
                kernel.value().dtype(), "circulant-fft");
    }

    /** The first column {@code c} of the circulant matrix. */
    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    public int size() {
        return n;
    }

    @Override
    protected String describe() {
        return n + " -> " + n + (bias == null ? ", no bias" : "");
    }
}
