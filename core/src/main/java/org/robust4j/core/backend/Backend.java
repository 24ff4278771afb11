package org.robust4j.core.backend;

import java.util.List;
import java.util.Map;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * The backend SPI: a small set of primitives on opaque {@link NDArray} handles. Everything users
 * touch is the frontend {@link org.robust4j.core.tensor.Tensor}, which is the same on every
 * backend and records autograd; a backend only computes.
 *
 * <p>Conventions, checked by the frontend before a primitive is called (so backends need not
 * repeat them): arrays passed together belong to this backend and share a dtype unless stated;
 * axes are already normalised to {@code 0..rank-1}; every primitive returns a new handle (which
 * may share storage with its input, as a view) and never modifies its inputs, except the few
 * named {@code *InPlace}/{@code assign}/{@code setSlice}.
 *
 * <p>Methods with a default body compose from the others, so a new backend starts small and
 * overrides them only to go faster. The conformance kit in {@code core}'s test-jar checks every
 * primitive of a backend against naive references.
 */
public interface Backend extends AutoCloseable {

    /** Short name under which the backend is registered ({@code nd4j}, {@code opencl}). */
    String name();

    /** Version, threads, devices and whatever else helps a user see what runs. */
    Map<String, String> info();

    /** Arrays handed out and not yet released, and pooled buffers. */
    MemoryStats memory();

    /** Waits for queued work to finish (a no-op on synchronous backends); used by benchmarks. */
    default void synchronize() {
    }

    /**
     * Frees the buffers kept for reuse (what {@code torch.cuda.empty_cache()} does for PyTorch),
     * so a long process hands memory back between workloads of different shapes, such as the
     * experiments of {@code run all}. Arrays still alive are untouched. A backend that keeps no
     * buffers has nothing to do.
     */
    default void releasePooled() {
    }

    /** Frees pooled buffers and native resources. Arrays still alive become invalid. */
    @Override
    default void close() {
    }

    // ---------------------------------------------------------------- allocation and host copies

    /** A new array filled with {@code value}. */
    NDArray full(Shape shape, DType dtype, double value);

    default NDArray zeros(Shape shape, DType dtype) {
        return full(shape, dtype, 0.0);
    }

    NDArray fromFloats(float[] data, Shape shape);

    NDArray fromDoubles(double[] data, Shape shape);

    NDArray fromInts(int[] data, Shape shape);

    NDArray fromLongs(long[] data, Shape shape);

    /** Row-major host copy, converted to float from any dtype. */
    float[] toFloats(NDArray a);

    /** Row-major host copy, converted to double from any dtype. */
    double[] toDoubles(NDArray a);

    /** Row-major host copy, converted to long from any dtype (floats are truncated). */
    long[] toLongs(NDArray a);

    default int[] toInts(NDArray a) {
        long[] l = toLongs(a);
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = (int) l[i];
        }
        return r;
    }

    /** A copy converted to {@code dtype} (a plain copy when it already has that dtype). */
    NDArray cast(NDArray a, DType dtype);

    /** A contiguous copy that shares nothing with {@code a}. */
    NDArray copy(NDArray a);

    /** Copies {@code src} (broadcast to {@code dst}'s shape, converted to its dtype) into {@code dst}. */
    void assign(NDArray dst, NDArray src);

    // ---------------------------------------------------------------- elementwise

    NDArray unary(UnaryOp op, NDArray x);

    /** {@code a op b} with NumPy broadcasting. */
    NDArray binary(BinaryOp op, NDArray a, NDArray b);

    /** {@code a op s}, or {@code s op a} when {@code scalarFirst}. */
    default NDArray binaryScalar(BinaryOp op, NDArray a, double s, boolean scalarFirst) {
        try (NDArray c = full(Shape.scalar(), a.dtype(), s)) {
            return scalarFirst ? binary(op, c, a) : binary(op, a, c);
        }
    }

    /** {@code dst = dst op src}, with {@code src} broadcast to {@code dst}'s shape. */
    default void binaryInPlace(BinaryOp op, NDArray dst, NDArray src) {
        try (NDArray r = binary(op, dst, src)) {
            assign(dst, r);
        }
    }

    /** 1 where {@code a op b} holds and 0 elsewhere, broadcast, in the inputs' dtype. */
    NDArray compare(CompareOp op, NDArray a, NDArray b);

    /** {@code cond != 0 ? a : b}, elementwise with broadcasting of all three; {@code a, b} share a dtype. */
    default NDArray where(NDArray cond, NDArray a, NDArray b) {
        return BackendDefaults.whereBySelection(this, cond, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /** Reduces over {@code axes} (non-empty, distinct, ascending). */
    NDArray reduce(ReduceOp op, NDArray x, int[] axes, boolean keepDims);

    /** {@code log(sum(exp(x)))} over {@code axes}, computed stably (the max is subtracted first). */
    default NDArray logSumExp(NDArray x, int[] axes, boolean keepDims) {
        try (NDArray m = reduce(ReduceOp.MAX, x, axes, true);
             NDArray finite = BackendDefaults.finiteOrZero(this, m);
             NDArray shifted = binary(BinaryOp.SUB, x, finite);
             NDArray e = unary(UnaryOp.EXP, shifted);
             NDArray s = reduce(ReduceOp.SUM, e, axes, true);
             NDArray l = unary(UnaryOp.LOG, s);
             NDArray r = binary(BinaryOp.ADD, l, finite)) {
            return keepDims ? copy(r) : reshape(r, BackendDefaults.dropAxes(r.shape(), axes));
        }
    }

    /** Index of the largest element along {@code axis} (first one on ties), as INT64. */
    NDArray argMax(NDArray x, int axis, boolean keepDims);

    // ---------------------------------------------------------------- linear algebra

    /**
     * Batched matrix product of {@code a [..., m, k]} and {@code b [..., k, n]} (after the optional
     * transposes of the last two axes); leading batch dimensions broadcast. Both ranks are at least 2.
     */
    NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB);

    // ---------------------------------------------------------------- convolution and pooling

    /** Cross-correlation of {@code x [n, c_in, h, w]} with {@code w [c_out, c_in/groups, kh, kw]}. */
    NDArray conv2d(NDArray x, NDArray w, Conv2dSpec spec);

    /** Gradient of {@link #conv2d} with respect to its input: the transposed convolution. */
    NDArray conv2dInputGrad(NDArray gradOut, NDArray w, Shape inputShape, Conv2dSpec spec);

    /** Gradient of {@link #conv2d} with respect to its kernel. */
    NDArray conv2dWeightGrad(NDArray x, NDArray gradOut, Shape weightShape, Conv2dSpec spec);

    /**
     * Both gradients of {@link #conv2d} in one call, as {@code {gradInput, gradWeight}} with null
     * for the one not asked for. A backend whose library computes both together overrides this.
     */
    default NDArray[] conv2dBackward(NDArray x, NDArray w, NDArray gradOut, Conv2dSpec spec,
                                     boolean needInput, boolean needWeight) {
        return new NDArray[] {
            needInput ? conv2dInputGrad(gradOut, w, x.shape(), spec) : null,
            needWeight ? conv2dWeightGrad(x, gradOut, w.shape(), spec) : null};
    }

    NDArray maxPool2d(NDArray x, Pool2dSpec spec);

    /** Routes each output gradient to the (first) maximum of its window. */
    NDArray maxPool2dGrad(NDArray x, NDArray gradOut, Pool2dSpec spec);

    NDArray avgPool2d(NDArray x, Pool2dSpec spec);

    NDArray avgPool2dGrad(Shape inputShape, NDArray gradOut, Pool2dSpec spec);

    // ---------------------------------------------------------------- movement

    /** Same elements in row-major order under a new shape of equal size (may be a view). */
    NDArray reshape(NDArray x, Shape shape);

    /** Axes reordered: output axis {@code i} is input axis {@code axes[i]}. */
    NDArray permute(NDArray x, int... axes);

    /** Elements {@code starts[i], starts[i]+steps[i], ... < ends[i]} along every axis; steps are positive. */
    NDArray slice(NDArray x, int[] starts, int[] ends, int[] steps);

    /** Writes {@code src} into the strided region of {@code dst} that {@link #slice} would read. */
    void setSlice(NDArray dst, NDArray src, int[] starts, int[] steps);

    /** Joins arrays (equal shapes except along {@code axis}) along {@code axis}. */
    NDArray concat(List<NDArray> xs, int axis);

    /** Pads every axis by {@code before[i]} and {@code after[i]} with zeros or by wrapping around. */
    default NDArray pad(NDArray x, int[] before, int[] after, PadMode mode) {
        return mode == PadMode.ZERO ? BackendDefaults.zeroPad(this, x, before, after)
                : BackendDefaults.circularPad(this, x, before, after);
    }

    /** A materialised copy of {@code x} broadcast to {@code shape}. */
    default NDArray broadcastTo(NDArray x, Shape shape) {
        NDArray out = zeros(shape, x.dtype());
        assign(out, x);
        return out;
    }

    // ---------------------------------------------------------------- indexing

    /** {@code x} indexed along {@code axis} by a 1-D INT32/INT64 array (like {@code index_select}). */
    NDArray gather(NDArray x, int axis, NDArray indices);

    /**
     * The adjoint of {@link #gather}: an array of size {@code size} along {@code axis}, zero except
     * that {@code src}'s slice {@code i} is added at position {@code indices[i]} (like {@code index_add}).
     */
    default NDArray scatterAdd(NDArray src, int axis, NDArray indices, int size) {
        return BackendDefaults.scatterAddByMatmul(this, src, axis, indices, size);
    }

    /** {@code indices}' shape plus a last axis of {@code classes}, with a 1 at each index. */
    default NDArray oneHot(NDArray indices, int classes, DType dtype) {
        return BackendDefaults.oneHot(this, indices, classes, dtype);
    }

    // ---------------------------------------------------------------- random

    /** Uniform on {@code [lo, hi)}; the same seed gives the same numbers on the same backend. */
    default NDArray randomUniform(Shape shape, DType dtype, double lo, double hi, long seed) {
        return BackendDefaults.hostUniform(this, shape, dtype, lo, hi, seed);
    }

    /** Normal with the given mean and standard deviation. */
    default NDArray randomNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        return BackendDefaults.hostNormal(this, shape, dtype, mean, std, seed);
    }

    /** Laplace with location {@code loc} and scale {@code b} (density {@code exp(-|x-loc|/b)/(2b)}). */
    default NDArray randomLaplace(Shape shape, DType dtype, double loc, double scale, long seed) {
        return BackendDefaults.laplaceFromUniform(this, shape, dtype, loc, scale, seed);
    }

    /** 1 with probability {@code p}, else 0. */
    default NDArray randomBernoulli(Shape shape, DType dtype, double p, long seed) {
        try (NDArray u = randomUniform(shape, dtype, 0, 1, seed);
             NDArray t = full(Shape.scalar(), dtype, p)) {
            return compare(CompareOp.LT, u, t);
        }
    }

    // ---------------------------------------------------------------- FFT

    /**
     * Discrete Fourier transform over the last axis ({@code dims = 1}) or the last two axes
     * ({@code dims = 2}) of a complex array given as its real part and imaginary part
     * ({@code im} may be null for a real input). Any length. The forward transform is unnormalised
     * ({@code X_k = sum_j x_j e^{-2 pi i jk/n}}); the inverse divides by {@code n}.
     *
     * @return {@code {re, im}} of the result
     */
    default NDArray[] fft(NDArray re, NDArray im, int dims, boolean inverse) {
        return BackendDefaults.dft(this, re, im, dims, inverse);
    }

    // ---------------------------------------------------------------- circulant products

    /**
     * A circulant matrix times every row of {@code x}: with {@code C = circ(c)} (first column
     * {@code c}, {@code C[j,k] = c[(j-k) mod n]}), {@code y[..., j] = sum_k c[(j-k) mod n] x[..., k]},
     * or with {@code transpose} {@code y = C^T x}: {@code y[..., k] = sum_j c[(j-k) mod n] x[..., j]}.
     * {@code c} is {@code [n]}, {@code x} is {@code [..., n]}, same floating dtype. The structured
     * layers' hot path: the default composes it from {@link #fft}; a backend with a real-input
     * transform does it in one pass per row.
     */
    default NDArray circulantMatmul(NDArray c, NDArray x, boolean transpose) {
        return CirculantDefaults.matmul(this, c, x, transpose);
    }

    /**
     * The gradients of {@code y = circulantMatmul(c, x, false)} given {@code g = dL/dy} (shaped as
     * {@code x}): {@code {dc, dx}} with {@code dc[m] = sum over rows r of sum_j g[r, j] x[r, (j-m) mod n]}
     * ({@code [n]}) and {@code dx = circ(c)^T g}; an entry not asked for is null.
     */
    default NDArray[] circulantMatmulBackward(NDArray c, NDArray x, NDArray g, boolean needKernel, boolean needInput) {
        return CirculantDefaults.backward(this, c, x, g, needKernel, needInput);
    }
}
