package org.robust4j.layers.lipschitz;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * The convolution of a kernel {@code [c_out, c_in, kh, kw]} in a {@link ConvGeometry}, acting on
 * one image {@code [1, c_in, H, W]}, as {@code Conv2d} computes it; the adjoint is the transposed
 * convolution (the exact adjoint: kernel flipped, stride and crop handled).
 *
 * <p>Circular padding is applied as products with 0/1 matrices {@code P_h [H + 2p, H]} and
 * {@code P_w} (row i of {@code P} picks source pixel {@code (i - p) mod n}), so its adjoint, folding
 * the wrapped border back onto the image, is the product with {@code P^T}: two small matrix
 * products each way instead of gathers and scatters.
 */
public final class ConvMap implements LinearMap {
    private final Tensor kernel;
    private final ConvGeometry geometry;
    private Tensor padRows;
    private Tensor padCols;

    public ConvMap(Tensor kernel, ConvGeometry geometry) {
        geometry.check("ConvMap", kernel.shape());
        this.kernel = kernel;
        this.geometry = geometry;
    }

    public Tensor kernel() {
        return kernel;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    private boolean circular() {
        return geometry.padding() == PadMode.CIRCULAR;
    }

    private Conv2dSpec spec() {
        int s = geometry.stride();
        return circular() ? new Conv2dSpec(s, s, 0, 0, 1, 1, 1)
                : new Conv2dSpec(s, s, geometry.padH(), geometry.padW(), 1, 1, 1);
    }

    @Override
    public Backend backend() {
        return kernel.backend();
    }

    @Override
    public DType dtype() {
        return kernel.dtype();
    }

    @Override
    public Shape inputShape() {
        return Shape.of(1, kernel.dim(1), geometry.inputH(), geometry.inputW());
    }

    /** Shape of the output. */
    public Shape outputShape() {
        return Shape.of(1, kernel.dim(0), geometry.outH(kernel.dim(2)), geometry.outW(kernel.dim(3)));
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor h = x;
        if (circular()) {
            preparePadding();
            h = padRows.matmul(x).matmul(padCols, false, true);
        }
        return h.conv2d(kernel, spec());
    }

    @Override
    public Tensor adjoint(Tensor y) {
        if (!circular()) {
            return y.conv2dInputGrad(kernel, inputShape(), spec());
        }
        preparePadding();
        Shape padded = Shape.of(1, kernel.dim(1), padRows.dim(0), padCols.dim(0));
        Tensor z = y.conv2dInputGrad(kernel, padded, spec());
        return padRows.matmul(z, true, false).matmul(padCols);
    }

    private void preparePadding() {
        if (padRows == null) {
            // Constants shared by every call: they live outside scopes (freed with this map by the GC).
            padRows = Scope.untracked(() -> wrapMatrix(geometry.inputH(), geometry.padH()));
            padCols = Scope.untracked(() -> wrapMatrix(geometry.inputW(), geometry.padW()));
        }
    }

    /** {@code [n + 2p, n]} with a 1 at {@code (i, (i - p) mod n)}. */
    private Tensor wrapMatrix(int n, int p) {
        int rows = n + 2 * p;
        double[] m = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            m[i * n + Math.floorMod(i - p, n)] = 1;
        }
        Tensor t = Tensor.of(kernel.backend(), m, rows, n);
        if (kernel.dtype() == DType.FLOAT64) {
            return t;
        }
        try (t) {
            return t.cast(kernel.dtype());
        }
    }
}
