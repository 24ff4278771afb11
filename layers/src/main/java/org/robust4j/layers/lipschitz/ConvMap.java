package org.robust4j.layers.lipschitz;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendDefaults;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * The convolution of a kernel {@code [c_out, c_in, kh, kw]} in a {@link ConvGeometry}, acting on
 * one image {@code [1, c_in, H, W]}, as {@code Conv2d} computes it: circular padding (a gather)
 * then the convolution. The adjoint is the transposed convolution (the exact adjoint: kernel
 * flipped, stride and crop handled) followed, for circular padding, by folding the wrapped
 * border back onto the image (the adjoint of the gather). When the circular layer is a
 * convolution on the torus (stride 1, as many outputs as inputs), its adjoint is itself a
 * circular convolution, with the kernel flipped and its channels swapped, padded by
 * {@code k - 1 - p}: one gather and one convolution.
 */
public final class ConvMap implements LinearMap {
    private final Tensor kernel;
    private final ConvGeometry geometry;
    /** For the torus case: the adjoint's kernel, detached (the adjoint is not differentiated). */
    private final Tensor adjointKernel;

    /**
     * The map of {@code kernel} in {@code geometry}. The adjoint's kernel (torus case) is built
     * here, in the current scope, from the kernel's current values: make a new map after the
     * kernel changes.
     */
    public ConvMap(Tensor kernel, ConvGeometry geometry) {
        geometry.check("ConvMap", kernel.shape());
        this.kernel = kernel;
        this.geometry = geometry;
        this.adjointKernel = circular() && torusConvolution() ? flippedTranspose(kernel) : null;
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

    /** Stride 1 with as many outputs as inputs on both axes: a circular convolution on the torus. */
    private boolean torusConvolution() {
        return geometry.stride() == 1 && geometry.outH(kernel.dim(2)) == geometry.inputH()
                && geometry.outW(kernel.dim(3)) == geometry.inputW();
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
        Tensor h = circular() ? x.pad2d(geometry.padH(), geometry.padW(), PadMode.CIRCULAR) : x;
        return h.conv2d(kernel, spec());
    }

    @Override
    public Tensor adjoint(Tensor y) {
        if (!circular()) {
            return y.conv2dInputGrad(kernel, inputShape(), spec());
        }
        int ph = geometry.padH();
        int pw = geometry.padW();
        if (adjointKernel != null) {
            return y.pad2d(kernel.dim(2) - 1 - ph, kernel.dim(3) - 1 - pw, PadMode.CIRCULAR)
                    .conv2d(adjointKernel, new Conv2dSpec(1, 1, 0, 0, 1, 1, 1));
        }
        int h = geometry.inputH();
        int w = geometry.inputW();
        Shape padded = Shape.of(1, kernel.dim(1), h + 2 * ph, w + 2 * pw);
        Tensor z = y.conv2dInputGrad(kernel, padded, spec());
        Tensor rows = Tensor.ofLongs(kernel.backend(), BackendDefaults.circularIndices(h, ph, ph));
        Tensor cols = Tensor.ofLongs(kernel.backend(), BackendDefaults.circularIndices(w, pw, pw));
        return z.scatterAdd(2, rows, h).scatterAdd(3, cols, w);
    }

    /** {@code K'[c, o, u, v] = K[o, c, kh-1-u, kw-1-v]}. */
    private static Tensor flippedTranspose(Tensor k) {
        Tensor t = k.detach().transpose(0, 1);
        return t.gather(2, reversed(k.backend(), k.dim(2))).gather(3, reversed(k.backend(), k.dim(3)));
    }

    private static Tensor reversed(Backend b, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = n - 1 - i;
        }
        return Tensor.ofLongs(b, r);
    }
}
