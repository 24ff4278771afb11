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
 * The affine part {@code D C x + b} of a diagonal-circulant layer {@code rho(D C x + b)}
 * (Araujo et al., ECAI 2020), with {@code C = circ(c)} (first column {@code c}) applied first,
 * then {@code D = diag(d)}. Follow it with the activation (the paper trains with LeakyReLU 0.5).
 *
 * <p>Rectangular {@code in -> out} as the authors' reference code does it: the kernel has
 * {@code size = max(in, out)} entries, an input shorter than that is zero-padded on the left,
 * and the circulant product is truncated to its first {@code out} entries before {@code d}
 * and {@code b} (both of length {@code out}) apply. Parameters: {@code max(in, out) + 2 out}.
 *
 * <p>Initialisation is the paper's: {@code c ~ N(0, alpha^2 / size)} with {@code alpha = sqrt 2}
 * by default (so {@code 2/n} for square layers), {@code d} Rademacher, {@code b = 0}.
 */
public final class DiagonalCirculant extends Module implements LipschitzBounded {
    /** The paper's scale: {@code c ~ N(0, 2/n)}. */
    public static final double DEFAULT_ALPHA = Math.sqrt(2);

    private final int in;
    private final int out;
    private final int size;
    private final Parameter kernel;
    private final Parameter diagonal;
    private final Parameter bias;

    public DiagonalCirculant(LayerContext c, int n) {
        this(c, n, n, DEFAULT_ALPHA);
    }

    public DiagonalCirculant(LayerContext c, int in, int out) {
        this(c, in, out, DEFAULT_ALPHA);
    }

    /** @param alpha the kernel's scale: {@code c ~ N(0, alpha^2 / max(in, out))} */
    public DiagonalCirculant(LayerContext c, int in, int out, double alpha) {
        checkArgument(in > 0 && out > 0, "DiagonalCirculant: sizes must be positive, got %s -> %s", in, out);
        checkArgument(alpha > 0 && Double.isFinite(alpha), "DiagonalCirculant: alpha must be positive and finite, got %s",
                alpha);
        this.in = in;
        this.out = out;
        this.size = Math.max(in, out);
        this.kernel = registerParameter("kernel", Init.normal(c, alpha / Math.sqrt(size), size));
        this.diagonal = registerParameter("diagonal", Circulants.rademacher(c, out));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), out));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == in, "DiagonalCirculant(%s -> %s): input %s should end with %s features",
                in, out, x.shape(), in);
        Tensor h = in < size ? Circulants.padLast(x, size - in, 0) : x;
        Tensor z = Circulants.multiply(kernel.value(), h);
        if (out < size) {
            z = z.narrow(-1, 0, out);
        }
        return z.mul(diagonal.value()).add(bias.value());
    }

    /**
     * {@code max|d| * max|FFT(c)|}. This is {@code ||D||*||C||}, exact when the layer is square
     * and all {@code |d_i|} are equal (then {@code D} is a multiple of an orthogonal matrix); in
     * general {@code D C} is not normal and this is an upper bound (kind {@code UPPER}), as it is
     * for rectangular layers, whose matrix is a block of {@code D C}. {@link #exactSpectralNorm()}
     * gives the exact value by SVD.
     */
    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.size() == in, "DiagonalCirculant(%s -> %s): sample shape %s does not have %s features",
                in, out, input, in);
        double[] d = Circulants.absRange(diagonal.value());
        boolean exact = in == out && d[0] == d[1];
        return new SpectralNorm(d[0] * Circulants.maxEigenvalueModulus(kernel.value()),
                exact ? SpectralNorm.Kind.EXACT : SpectralNorm.Kind.UPPER, 0, kernel.value().dtype(), "dc-fft");
    }

    /** The exact spectral norm, by SVD of the explicit {@code [out, in]} matrix (O(n^3): small layers). */
    public SpectralNorm exactSpectralNorm() {
        return StructuredMatrices.exactNorm(this, in);
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter diagonal() {
        return diagonal;
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
