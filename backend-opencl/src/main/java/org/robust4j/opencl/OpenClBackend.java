package org.robust4j.opencl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendDefaults;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.MemoryStats;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * The GPU backend: every primitive is an OpenCL C kernel (resources under
 * {@code org/robust4j/opencl/kernels/}) enqueued on one in-order queue without waiting; only
 * the copies back to the host block. Arrays are strided windows of pooled device buffers, so
 * reshape, permute and slice are views and kernels read views in place.
 *
 * <p>This class allocates and checks; the kernel families ({@link ElementwiseKernels},
 * {@link ReductionKernels}, {@link GemmKernels}, {@link ConvolutionKernels},
 * {@link PoolingKernels}, {@link IndexingKernels}, {@link RandomKernels}, {@link FftKernels},
 * {@link CopyKernels}) launch.
 */
public final class OpenClBackend implements Backend {
    private final OpenClOptions options;
    private final ClContext cl;
    private final DeviceMemory memory;
    private final ProgramCache programs;
    private final Map<DType, String> typeOptions = new ConcurrentHashMap<>();
    private final List<DeviceInfo> allDevices;
    private volatile boolean closed;

    final CopyKernels copies = new CopyKernels(this);
    final ElementwiseKernels elementwise = new ElementwiseKernels(this);
    final ReductionKernels reductions = new ReductionKernels(this);
    final GemmKernels gemm;
    final ConvolutionKernels convolutions = new ConvolutionKernels(this);
    final PoolingKernels pooling = new PoolingKernels(this);
    final IndexingKernels indexing = new IndexingKernels(this);
    final RandomKernels random = new RandomKernels(this);
    final FftKernels fft = new FftKernels(this);
    private final Uploads uploads;
    private final HostTransfers transfers;

    /** The backend on the device the default configuration selects (the first GPU, else the first device). */
    public OpenClBackend() {
        this(OpenClOptions.defaults());
    }

    public OpenClBackend(OpenClOptions options) {
        this.options = options;
        this.allDevices = Devices.all();
        DeviceInfo device = Devices.select(allDevices, options.platform(), options.device());
        this.cl = new ClContext(device, options.maxWorkGroupCap(), (long) options.localMemKibCap() << 10);
        this.memory = new DeviceMemory(cl, options.poolMib() << 20);
        this.programs = new ProgramCache(cl);
        this.uploads = new Uploads(cl);
        this.transfers = new HostTransfers(this, uploads);
        try {
            this.gemm = new GemmKernels(this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public Map<String, String> info() {
        Map<String, String> m = new LinkedHashMap<>(cl.device.properties());
        m.put("work_group_size_used", String.valueOf(cl.maxWorkGroupSize));
        m.put("local_memory_used_kib", String.valueOf(cl.localMemBytes >> 10));
        m.put("gemm_tiles", gemm.describeTiles());
        m.put("pool_limit_mib", String.valueOf(memory.limitBytes() >> 20));
        m.put("programs_built", String.valueOf(programs.programCount()));
        m.put("library", "JOCL " + OpenClProvider.JOCL_VERSION + ", OpenCL C kernels");
        StringBuilder all = new StringBuilder();
        for (DeviceInfo d : allDevices) {
            all.append("\n    ").append(d.index() == cl.device.index() ? "* " : "  ").append(d.summary());
        }
        m.put("devices", all.toString());
        return m;
    }

    @Override
    public MemoryStats memory() {
        return new MemoryStats(memory.liveArrays(), memory.liveBytes(), memory.pooledBytes());
    }

    @Override
    public void synchronize() {
        cl.finish();
    }

    @Override
    public void releasePooled() {
        synchronize();   // no queued kernel still reads a buffer about to go
        memory.clear();
    }

    /** Releases kernels, programs, pooled buffers, the queue and the context. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            uploads.close();
            cl.finish();
        } finally {
            memory.close();
            programs.close();
            cl.close();
        }
    }

    // ---------------------------------------------------------------- plumbing for the kernel families

    ClContext cl() {
        return cl;
    }

    OpenClOptions options() {
        return options;
    }

    DeviceInfo device() {
        return cl.device;
    }

    int computeUnits() {
        return cl.device.computeUnits();
    }

    /** A launch of the calling thread's kernel object {@code name} of {@code file} built with {@code buildOptions}. */
    Launch launch(String file, String buildOptions, String name) {
        if (closed) {
            throw new IllegalStateException("opencl: the backend was closed");
        }
        return new Launch(cl, programs.kernel(file, buildOptions, name));
    }

    /** Build options selecting element type {@code t} (see {@link Types#options}). */
    String typeOptions(DType t) {
        if (t == DType.FLOAT64) {
            requireFp64("FLOAT64");
        }
        return typeOptions.computeIfAbsent(t, d -> Types.options(d, cl.device.fp64()));
    }

    void requireFp64(String what) {
        if (!cl.device.fp64()) {
            throw new UnsupportedOperationException("opencl: " + what + " needs double precision, which "
                    + cl.device.name() + " does not support (no cl_khr_fp64); use FLOAT32 or another device");
        }
    }

    /** Device memory for a kernel's scratch data, handed back with {@link #release(ClBuffer)}. */
    ClBuffer workspace(long bytes) {
        return memory.take(Math.max(bytes, 1));
    }

    /**
     * Returns scratch memory to the pool. Safe right after enqueueing the kernels that use it: the
     * queue is in order, so whoever takes the buffer next runs after them.
     */
    void release(ClBuffer b) {
        memory.giveBack(b);
    }

    /** A fresh dense array with arbitrary contents. */
    ClArray alloc(Shape shape, DType dtype) {
        long bytes = (long) Strides.checkedSize(shape, "alloc") * dtype.bytes();
        Storage s = new Storage(memory, bytes == 0 ? null : memory.take(bytes));
        return new ClArray(this, shape, dtype, s, 0, Strides.rowMajor(shape));
    }

    /** Sets every element of a dense array to {@code value}. */
    void fill(ClArray out, double value) {
        transfers.fill(out, value);
    }

    /** A new handle on a window of {@code base}'s storage. */
    ClArray view(ClArray base, Shape shape, int offset, int[] strides) {
        base.checkOpen("view");
        return new ClArray(this, shape, base.dtype(), base.storage(), offset, strides);
    }

    /** The number of device buffers that exist (live, pooled or in use as scratch); for tests. */
    long deviceBuffers() {
        return memory.deviceBuffers();
    }

    static ClArray cl(NDArray a) {
        if (a instanceof ClArray c) {
            return c;
        }
        throw new IllegalArgumentException("opencl: array " + a + " belongs to another backend ("
                + (a == null ? "null" : a.backend().name()) + ")");
    }

    /** {@code src} itself, or a copy when it shares storage with {@code dst} (a kernel must not read what it overwrites). */
    private ClArray unaliased(ClArray src, ClArray dst) {
        if (src.storage() != dst.storage()) {
            return src;
        }
        return (ClArray) copy(src);
    }

    // ---------------------------------------------------------------- allocation and host copies

    @Override
    public NDArray full(Shape shape, DType dtype, double value) {
        ClArray out = alloc(shape, dtype);
        transfers.fill(out, value);
        return out;
    }

    @Override
    public NDArray fromFloats(float[] data, Shape shape) {
        ClArray out = alloc(checkLength(data.length, shape), DType.FLOAT32);
        transfers.write(out, data);
        return out;
    }

    @Override
    public NDArray fromDoubles(double[] data, Shape shape) {
        ClArray out = alloc(checkLength(data.length, shape), DType.FLOAT64);
        transfers.write(out, data);
        return out;
    }

    @Override
    public NDArray fromInts(int[] data, Shape shape) {
        ClArray out = alloc(checkLength(data.length, shape), DType.INT32);
        transfers.write(out, data);
        return out;
    }

    @Override
    public NDArray fromLongs(long[] data, Shape shape) {
        ClArray out = alloc(checkLength(data.length, shape), DType.INT64);
        transfers.write(out, data);
        return out;
    }

    private static Shape checkLength(int length, Shape shape) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("opencl: " + length + " values for shape " + shape);
        }
        return shape;
    }

    @Override
    public float[] toFloats(NDArray a) {
        return transfers.readFloats(cl(a));
    }

    @Override
    public double[] toDoubles(NDArray a) {
        return transfers.readDoubles(cl(a));
    }

    @Override
    public long[] toLongs(NDArray a) {
        return transfers.readLongs(cl(a));
    }

    @Override
    public int[] toInts(NDArray a) {
        return transfers.readInts(cl(a));
    }

    @Override
    public NDArray cast(NDArray a, DType dtype) {
        ClArray out = alloc(a.shape(), dtype);
        copies.copy(cl(a), out);
        return out;
    }

    @Override
    public NDArray copy(NDArray a) {
        return cast(a, a.dtype());
    }

    @Override
    public void assign(NDArray dst, NDArray src) {
        ClArray d = cl(dst);
        ClArray s = unaliased(cl(src), d);
        try {
            copies.copy(s, d);
        } finally {
            if (s != src) {
                s.close();
            }
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public NDArray unary(UnaryOp op, NDArray x) {
        ClArray out = alloc(x.shape(), x.dtype());
        elementwise.unary(op, cl(x), out);
        return out;
    }

    @Override
    public NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        ClArray out = alloc(Shape.broadcast(op.name().toLowerCase(java.util.Locale.ROOT), a.shape(), b.shape()),
                a.dtype());
        elementwise.binary(op, cl(a), cl(b), out);
        return out;
    }

    @Override
    public NDArray binaryScalar(BinaryOp op, NDArray a, double s, boolean scalarFirst) {
        ClArray out = alloc(a.shape(), a.dtype());
        elementwise.scalar(op, cl(a), s, scalarFirst, out);
        return out;
    }

    @Override
    public void binaryInPlace(BinaryOp op, NDArray dst, NDArray src) {
        ClArray d = cl(dst);
        ClArray s = cl(src);
        // The same handle (x += x) is safe elementwise; another view of the same storage may overlap.
        ClArray operand = s == d ? s : s.dtype() != d.dtype() ? (ClArray) cast(s, d.dtype()) : unaliased(s, d);
        try {
            elementwise.binary(op, d, operand, d);
        } finally {
            if (operand != s) {
                operand.close();
            }
        }
    }

    @Override
    public NDArray compare(CompareOp op, NDArray a, NDArray b) {
        ClArray out = alloc(Shape.broadcast(op.name().toLowerCase(java.util.Locale.ROOT), a.shape(), b.shape()),
                a.dtype());
        elementwise.compare(op, cl(a), cl(b), out);
        return out;
    }

    @Override
    public NDArray where(NDArray cond, NDArray a, NDArray b) {
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        ClArray out = alloc(s, a.dtype());
        elementwise.where(cl(cond), cl(a), cl(b), out);
        return out;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public NDArray reduce(ReduceOp op, NDArray x, int[] axes, boolean keepDims) {
        Shape kept = x.shape();
        for (int a : axes) {
            kept = kept.with(a, 1);
        }
        // The result is dense in the kept axes' order, so with or without the size-1 axes it is the same buffer.
        ClArray out = alloc(keepDims ? kept : BackendDefaults.dropAxes(x.shape(), axes), x.dtype());
        reductions.reduce(op, cl(x), axes, out);
        return out;
    }

    @Override
    public NDArray argMax(NDArray x, int axis, boolean keepDims) {
        Shape s = x.shape();
        ClArray out = alloc(keepDims ? s.with(axis, 1) : BackendDefaults.dropAxes(s, new int[] {axis}), DType.INT64);
        reductions.argMax(cl(x), axis, out);
        return out;
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB) {
        return gemm.matmul(cl(a), cl(b), transA, transB);
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    public NDArray conv2d(NDArray x, NDArray w, Conv2dSpec spec) {
        return convolutions.forward(cl(x), cl(w), spec);
    }

    @Override
    public NDArray conv2dInputGrad(NDArray gradOut, NDArray w, Shape inputShape, Conv2dSpec spec) {
        return convolutions.inputGrad(cl(gradOut), cl(w), inputShape, spec);
    }

    @Override
    public NDArray conv2dWeightGrad(NDArray x, NDArray gradOut, Shape weightShape, Conv2dSpec spec) {
        return convolutions.weightGrad(cl(x), cl(gradOut), weightShape, spec);
    }

    @Override
    public NDArray maxPool2d(NDArray x, Pool2dSpec spec) {
        return pooling.maxPool(cl(x), spec);
    }

    @Override
    public NDArray maxPool2dGrad(NDArray x, NDArray gradOut, Pool2dSpec spec) {
        return pooling.maxPoolGrad(cl(x), cl(gradOut), spec);
    }

    @Override
    public NDArray avgPool2d(NDArray x, Pool2dSpec spec) {
        return pooling.avgPool(cl(x), spec);
    }

    @Override
    public NDArray avgPool2dGrad(Shape inputShape, NDArray gradOut, Pool2dSpec spec) {
        return pooling.avgPoolGrad(inputShape, cl(gradOut), spec);
    }

    // ---------------------------------------------------------------- movement

    @Override
    public NDArray reshape(NDArray x, Shape shape) {
        ClArray in = cl(x);
        if (shape.size() == 0) {
            return alloc(shape, x.dtype());
        }
        if (in.isContiguous()) {
            return view(in, shape, in.offset, Strides.rowMajor(shape));
        }
        try (ClArray dense = (ClArray) copy(x)) {
            return view(dense, shape, 0, Strides.rowMajor(shape));
        }
    }

    @Override
    public NDArray permute(NDArray x, int... axes) {
        ClArray in = cl(x);
        int[] d = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            d[i] = x.shape().dim(axes[i]);
        }
        return view(in, Shape.of(d), in.offset, Strides.permute(in.strides, axes));
    }

    @Override
    public NDArray slice(NDArray x, int[] starts, int[] ends, int[] steps) {
        ClArray in = cl(x);
        int r = starts.length;
        int[] dims = new int[r];
        int[] strides = new int[r];
        int offset = in.offset;
        for (int i = 0; i < r; i++) {
            dims[i] = ends[i] <= starts[i] ? 0 : (ends[i] - starts[i] + steps[i] - 1) / steps[i];
            strides[i] = in.strides[i] * steps[i];
            offset += starts[i] * in.strides[i];
        }
        Shape s = Shape.of(dims);
        if (s.size() == 0) {
            return alloc(s, x.dtype());
        }
        return view(in, s, offset, strides);
    }

    @Override
    public void setSlice(NDArray dst, NDArray src, int[] starts, int[] steps) {
        if (src.shape().size() == 0) {
            return;
        }
        ClArray d = cl(dst);
        ClArray s = unaliased(cl(src), d);
        try {
            int r = starts.length;
            int offset = d.offset;
            int[] strides = new int[r];
            for (int i = 0; i < r; i++) {
                offset += starts[i] * d.strides[i];
                strides[i] = d.strides[i] * steps[i];
            }
            try (ClArray window = view(d, src.shape(), offset, strides)) {
                copies.copy(s, window);
            }
        } finally {
            if (s != src) {
                s.close();
            }
        }
    }

    @Override
    public NDArray concat(List<NDArray> xs, int axis) {
        int total = 0;
        for (NDArray x : xs) {
            total += x.shape().dim(axis);
        }
        ClArray out = alloc(xs.get(0).shape().with(axis, total), xs.get(0).dtype());
        int at = 0;
        for (NDArray x : xs) {
            int len = x.shape().dim(axis);
            if (x.shape().size() > 0) {
                try (ClArray window = view(out, x.shape(), out.offset + at * out.strides[axis], out.strides)) {
                    copies.copy(cl(x), window);
                }
            }
            at += len;
        }
        return out;
    }

    @Override
    public NDArray pad(NDArray x, int[] before, int[] after, PadMode mode) {
        return indexing.pad(cl(x), before, after, mode);
    }

    @Override
    public NDArray broadcastTo(NDArray x, Shape shape) {
        ClArray out = alloc(shape, x.dtype());
        copies.copy(cl(x), out);
        return out;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public NDArray gather(NDArray x, int axis, NDArray indices) {
        return indexing.gather(cl(x), axis, cl(indices));
    }

    @Override
    public NDArray scatterAdd(NDArray src, int axis, NDArray indices, int size) {
        return indexing.scatterAdd(cl(src), axis, cl(indices), size);
    }

    @Override
    public NDArray oneHot(NDArray indices, int classes, DType dtype) {
        return indexing.oneHot(cl(indices), classes, dtype);
    }

    // ---------------------------------------------------------------- random

    @Override
    public NDArray randomUniform(Shape shape, DType dtype, double lo, double hi, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomUniform(shape, dtype, lo, hi, seed);   // integer draws: the host default, then a cast
        }
        return random.uniform(shape, dtype, lo, hi, seed);
    }

    @Override
    public NDArray randomNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomNormal(shape, dtype, mean, std, seed);   // integer draws: the host default, then a cast
        }
        return random.normal(shape, dtype, mean, std, seed);
    }

    @Override
    public NDArray randomLaplace(Shape shape, DType dtype, double loc, double scale, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomLaplace(shape, dtype, loc, scale, seed);   // integer draws: the host default, then a cast
        }
        return random.laplace(shape, dtype, loc, scale, seed);
    }

    @Override
    public NDArray randomBernoulli(Shape shape, DType dtype, double p, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomBernoulli(shape, dtype, p, seed);   // integer draws: the host default, then a cast
        }
        return random.bernoulli(shape, dtype, p, seed);
    }

    // ---------------------------------------------------------------- FFT

    @Override
    public NDArray[] fft(NDArray re, NDArray im, int dims, boolean inverse) {
        return fft.transform(cl(re), im == null ? null : cl(im), dims, inverse);
    }

    @Override
    public String toString() {
        return "OpenClBackend[" + cl.device.name() + "]";
    }
}
