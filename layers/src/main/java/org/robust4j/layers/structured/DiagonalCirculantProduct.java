package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
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
 * A product of {@code k} diagonal-circulant factors and one bias, ACDC-style (Moczulski et al.
 * 2016, with the DCT replaced by the circulant's FFT): {@code y = D_k C_k ... D_1 C_1 x + b}, all
 * {@code n x n}. Parameters: {@code n (2k + 1)}. No activation inside, so with {@code 2n - 1}
 * factors it can approximate any matrix (Huhtanen and Peramaki 2015).
 *
 * <p>Initialisation: {@code d_i} Rademacher; the kernels of factors 1..k-1 are N(0, 1/n) (norm
 * preserving in expectation) and the last one N(0, alpha^2 / n), so the product has the single
 * DC layer's output covariance {@code (alpha^2/n) ||x||^2 I}; {@code b = 0}.
 */
public final class DiagonalCirculantProduct extends Module implements LipschitzBounded {
    private final int n;
    private final List<Parameter> kernels = new ArrayList<>();
    private final List<Parameter> diagonals = new ArrayList<>();
    private final Parameter bias;

    public DiagonalCirculantProduct(LayerContext c, int n, int factors) {
        this(c, n, factors, DiagonalCirculant.DEFAULT_ALPHA);
    }

    public DiagonalCirculantProduct(LayerContext c, int n, int factors, double alpha) {
        checkArgument(n > 0, "DiagonalCirculantProduct: size must be positive, got %s", n);
        checkArgument(factors > 0, "DiagonalCirculantProduct: needs at least one factor, got %s", factors);
        checkArgument(alpha > 0 && Double.isFinite(alpha),
                "DiagonalCirculantProduct: alpha must be positive and finite, got %s", alpha);
        this.n = n;
        for (int i = 0; i < factors; i++) {
            double std = (i == factors - 1 ? alpha : 1.0) / Math.sqrt(n);
            kernels.add(registerParameter("kernel" + i, Init.normal(c, std, n)));
            diagonals.add(registerParameter("diagonal" + i, Circulants.rademacher(c, n)));
        }
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), n));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == n, "DiagonalCirculantProduct(%s): input %s should end with %s features",
                n, x.shape(), n);
        Tensor h = x;
        for (int i = 0; i < kernels.size(); i++) {
            h = Circulants.multiply(kernels.get(i).value(), h).mul(diagonals.get(i).value());
        }
        return h.add(bias.value());
    }

    /**
     * The product of the factors' norms {@code max|d_i| max|FFT(c_i)|}: an upper bound (exact for
     * one factor whose {@code |d_i|} are all equal; see {@link DiagonalCirculant#lipschitzBound}).
     */
    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.size() == n, "DiagonalCirculantProduct(%s): sample shape %s does not have %s features",
                n, input, n);
        double v = 1;
        boolean exact = kernels.size() == 1;
        for (int i = 0; i < kernels.size(); i++) {
            double[] d = Circulants.absRange(diagonals.get(i).value());
            exact &= d[0] == d[1];
            v *= d[0] * Circulants.maxEigenvalueModulus(kernels.get(i).value());
        }
        return new SpectralNorm(v, exact ? SpectralNorm.Kind.EXACT : SpectralNorm.Kind.UPPER, 0, bias.value().dtype(),
                "dc-fft");
    }

    /** The exact spectral norm, by SVD of the explicit matrix (O(n^3): small layers). */
    public SpectralNorm exactSpectralNorm() {
        return StructuredMatrices.exactNorm(this, n);
    }

    public int factors() {
        return kernels.size();
    }

    public Parameter kernel(int i) {
        return kernels.get(i);
    }

    public Parameter diagonal(int i) {
        return diagonals.get(i);
    }

    public Parameter bias() {
        return bias;
    }

    public int size() {
        return n;
    }

    @Override
    protected String describe() {
        return n + " -> " + n + ", " + kernels.size() + " factors";
    }
}
