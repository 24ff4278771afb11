package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * LipBound (Araujo, Negrevergne, Chevaleyre, Atif, AAAI 2021, arXiv 2006.08391; research note
 * 1.4), in the tighter "v2" form the official code added in 2021 and lip4conv uses:
 *
 * <pre>  sigma <= sqrt( max_w ||K^(w)||_F^2 ) ,   w on an N x N grid of [0, 2 pi)^2,</pre>
 *
 * corrected for the grid. {@code g(w) = ||K^(w)||_F^2} is a trigonometric polynomial of degree
 * {@code D1 = kh-1}, {@code D2 = kw-1}; at its maximum its gradient vanishes, and Bernstein's
 * inequality bounds its second derivative along any line by {@code (|d1| D1 + |d2| D2)^2 max g},
 * so the nearest grid point (at most {@code pi/N} away per axis) has
 * {@code g >= max g (1 - (pi (D1+D2)/N)^2 / 2)}. Dividing by that factor makes the bound
 * guaranteed; the official code's factor {@code 1/(1 - 2d/N)} has no proof we could check. The
 * bound holds for the symbol norm, so for every input size, both paddings and (on the
 * polyphase kernel) every stride; unlike the official code it accepts even and non-square
 * kernels. The {@code iterations} of the result are the grid size {@code N}.
 */
public final class LipBound extends ConvOnlyBound {
    /** The official default number of samples per axis. */
    public static final int DEFAULT_GRID = 50;
    /** Matrix entries per block of frequencies (16M: 128 MiB of float32 real and imaginary parts). */
    static final long BLOCK_VALUES = 16L << 20;

    private final int grid;

    public LipBound() {
        this(DEFAULT_GRID);
    }

    public LipBound(int grid) {
        super("LipBound");
        checkArgument(grid >= 1, "LipBound: grid size must be positive, got %s", grid);
        this.grid = grid;
    }

    @Override
    public String method() {
        return "lipbound";
    }

    @Override
    int reportedIterations() {
        return grid;
    }

    /** {@code 1 / (1 - (pi (D1 + D2) / N)^2 / 2)}, the grid correction of {@code max g}. */
    static double gridCorrection(int kh, int kw, int n) {
        double a = Math.PI * (kh - 1 + kw - 1) / n;
        checkArgument(a < 1, "LipBound: a grid of %s points per axis is too coarse for a %sx%s kernel; use more than %s",
                n, kh, kw, (int) Math.ceil(Math.PI * (kh + kw - 2)));
        return 1 / (1 - a * a / 2);
    }

    @Override
    Tensor bound(Tensor kernel, ConvGeometry geometry) {
        CirculantEmbedding plan = CirculantEmbedding.plan(kernel.shape(), geometry);
        Tensor k = plan.kernel(kernel);
        double correction = gridCorrection(k.dim(2), k.dim(3), grid);
        // Frequencies a block at a time: the whole [grid^2 / 2, c_out, c_in] batch is gigabytes at 512 channels.
        Tensor maxSquared = KernelSpectrum.maxFrobeniusSquared(k, grid, grid, BLOCK_VALUES);
        return maxSquared.mul(correction).sqrt().mul(plan.rowSelectionNorm());
    }
}
