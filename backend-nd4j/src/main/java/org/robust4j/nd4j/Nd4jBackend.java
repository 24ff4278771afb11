package org.robust4j.nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Min;
import org.nd4j.linalg.api.ops.impl.reduce.same.Prod;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.NotEqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.PowPairwise;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Ceil;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Expm1;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 * The CPU backend on ND4J 1.0.0-M2.1 (libnd4j with oneDNN and OpenBLAS). Every primitive runs
 * as one native op writing into an output taken from the {@link BufferPool}, so hot loops neither
 * allocate off-heap memory nor loop over elements in Java. Views (reshape, permute, slice) share
 * their input's {@link Storage}.
 */
public final class Nd4jBackend implements Backend {
    private final BufferPool pool;
    private final long poolBytes;
    private final AtomicLong liveArrays = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    /** The pool's freed bytes when the C heap was last trimmed. */
    private final AtomicLong trimmedAtFreed = new AtomicLong();
    private static final long TRIM_AFTER_BYTES = 64L << 20;
    private final ThreadLocal<Random> rng = ThreadLocal.withInitial(() -> Nd4j.getRandomFactory().getNewRandomInstance(0));
    private final Nd4jConvolution conv = new Nd4jConvolution(this);
    private final Nd4jFft fft = new Nd4jFft(this);
    private final Nd4jCirculant circulant = new Nd4jCirculant(this);

    public Nd4jBackend(long poolBytes) {
        this.pool = new BufferPool(poolBytes, this::afterPoolFree);
        this.poolBytes = poolBytes;
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public Map<String, String> info() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("library", "ND4J " + Nd4jProvider.ND4J_VERSION);
        m.put("executioner", Nd4j.getExecutioner().getClass().getSimpleName());
        m.put("threads", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
        m.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        m.put("onednn", String.valueOf(Nd4j.getEnvironment().helpersAllowed()));
        m.put("pool_limit_mib", String.valueOf(poolBytes >> 20));
        m.put("device", "cpu");
        return m;
    }

    @Override
    public MemoryStats memory() {
        return new MemoryStats(liveArrays.get(), liveBytes.get(), pool.pooledBytes());
    }

    @Override
    public void releasePooled() {
        long trimmedBefore = trimmedAtFreed.get();
        pool.clear();
        if (trimmedAtFreed.get() == trimmedBefore) {   // the pool's callback did not just trim
            trimmedAtFreed.set(pool.freedBytes());
            CHeap.trim();
        }
    }

    @Override
    public void close() {
        pool.clear();
    }

    /**
     * After the pool freed buffers (evicted past its limit, or cleared): once 64 MiB or more have
     * been freed since the last time, the C heap is trimmed, so memory freed by one workload's
     * shapes does not stay resident (glibc keeps freed chunks of up to 32 MB in the heap).
     */
    private void afterPoolFree() {
        long freed = pool.freedBytes();
        long last = trimmedAtFreed.get();
        if (freed - last >= TRIM_AFTER_BYTES && trimmedAtFreed.compareAndSet(last, freed)) {
            CHeap.trim();
        }
    }

    /** Fresh native buffers the pool has allocated so far: a loop that reuses its buffers stops adding to it. */
    public long poolAllocations() {
        return pool.allocations();
    }

    // ---------------------------------------------------------------- memory plumbing

    /** A new storage: its bytes become live. */
    void onAllocate(long bytes) {
        liveBytes.addAndGet(bytes);
    }

    /** A handle (owner or view) was created or released: live arrays count handles. */
    void onHandle(int delta) {
        liveArrays.addAndGet(delta);
    }

    /** The bytes a storage holds: its pooled buffer's capacity, or the array's size. */
    long heldBytes(INDArray root) {
        return root.isEmpty() ? 0 : pool.heldBytes(root);
    }

    /** The last handle on a storage was released. */
    void onRelease(INDArray root, long bytes) {
        liveBytes.addAndGet(-bytes);
        if (root.isEmpty()) {
            root.close();
        } else {
            pool.giveBack(root);
        }
    }

    /** A c-order array with arbitrary contents, over a pooled or fresh buffer. */
    INDArray allocRaw(Shape shape, DataType type) {
        long[] s = shape.toLongArray();
        if (shape.size() == 0) {
            return Nd4j.create(type, s);
        }
        return pool.take(type, s);
    }

    /** A scratch array for use inside one primitive; hand it back with {@link #giveBack}. */
    INDArray tempRaw(Shape shape, DataType type) {
        return allocRaw(shape, type);
    }

    /** Returns a scratch array from {@link #tempRaw} to the pool. */
    void giveBack(INDArray scratch) {
        if (scratch.isEmpty()) {
            scratch.close();
        } else {
            pool.giveBack(scratch);
        }
    }

    /** Wraps a root array that nobody else owns as a new handle. */
    Nd4jArray own(INDArray root) {
        return new Nd4jArray(this, root, new Storage(this, root));
    }

    /** A new handle on a view of {@code base}'s storage. */
    Nd4jArray view(Nd4jArray base, INDArray view) {
        return new Nd4jArray(this, view, base.storage());
    }

    Nd4jArray alloc(Shape shape, DType dtype) {
        return own(allocRaw(shape, Nd4jArray.dataType(dtype)));
    }

    static INDArray nd(NDArray a) {
        if (!(a instanceof Nd4jArray n)) {
            throw new IllegalArgumentException("nd4j: array " + a + " belongs to another backend ("
                    + (a == null ? "null" : a.backend().name()) + ")");
        }
        return n.array();
    }

    static void exec(Op op) {
        Nd4j.getExecutioner().exec(op);
    }

    static void exec(CustomOp op) {
        Nd4j.getExecutioner().exec(op);
    }

    /** True when {@code a}'s elements lie densely in row-major order (so a reshape can be a view). */
    static boolean isDenseRowMajor(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expect) {
                return false;
            }
            expect *= shape[i];
        }
        return true;
    }

    // ---------------------------------------------------------------- allocation and host copies

    @Override
    public NDArray full(Shape shape, DType dtype, double value) {
        Nd4jArray out = alloc(shape, dtype);
        if (shape.size() > 0) {
            out.array().assign(value);
        }
        return out;
    }

    @Override
    public NDArray fromFloats(float[] data, Shape shape) {
        Nd4jArray out = alloc(shape, DType.FLOAT32);
        if (data.length > 0) {
            out.array().data().setData(data);
        }
        return out;
    }

    @Override
    public NDArray fromDoubles(double[] data, Shape shape) {
        Nd4jArray out = alloc(shape, DType.FLOAT64);
        if (data.length > 0) {
            out.array().data().setData(data);
        }
        return out;
    }

    @Override
    public NDArray fromInts(int[] data, Shape shape) {
        Nd4jArray out = alloc(shape, DType.INT32);
        if (data.length > 0) {
            out.array().data().setData(data);
        }
        return out;
    }

    @Override
    public NDArray fromLongs(long[] data, Shape shape) {
        Nd4jArray out = alloc(shape, DType.INT64);
        if (data.length > 0) {
            out.array().data().setData(data);
        }
        return out;
    }

    /** A dense row-major INDArray with {@code a}'s values: {@code a} itself when it already is one. */
    /**
     * Whether {@code a} is its whole buffer in row-major order from the start: what code reading
     * the native memory directly (BLAS calls, the circulant rows) needs.
     */
    static boolean isWholeBuffer(INDArray a) {
        return isDenseRowMajor(a) && a.offset() == 0 && a.data().length() == a.length();
    }

    private static INDArray dense(INDArray a) {
        if (isWholeBuffer(a)) {
            return a;
        }
        return a.dup('c');
    }

    @Override
    public float[] toFloats(NDArray a) {
        INDArray x = nd(a);
        if (x.isEmpty()) {
            return new float[0];
        }
        INDArray d = dense(x);
        try {
            return d.data().asFloat();
        } finally {
            if (d != x) {
                d.close();
            }
        }
    }

    @Override
    public double[] toDoubles(NDArray a) {
        INDArray x = nd(a);
        if (x.isEmpty()) {
            return new double[0];
        }
        INDArray d = dense(x);
        try {
            return d.data().asDouble();
        } finally {
            if (d != x) {
                d.close();
            }
        }
    }

    @Override
    public long[] toLongs(NDArray a) {
        INDArray x = nd(a);
        if (x.isEmpty()) {
            return new long[0];
        }
        INDArray d = dense(x);
        try {
            if (d.dataType().isFPType()) {
                double[] v = d.data().asDouble();
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    l[i] = (long) v[i];
                }
                return l;
            }
            return d.data().asLong();
        } finally {
            if (d != x) {
                d.close();
            }
        }
    }

    @Override
    public NDArray cast(NDArray a, DType dtype) {
        Nd4jArray out = alloc(a.shape(), dtype);
        if (a.shape().size() > 0) {
            out.array().assign(nd(a));
        }
        return out;
    }

    @Override
    public NDArray copy(NDArray a) {
        return cast(a, a.dtype());
    }

    @Override
    public void assign(NDArray dst, NDArray src) {
        if (dst.shape().size() == 0) {
            return;
        }
        INDArray d = nd(dst);
        INDArray s = nd(src);
        if (src.shape().equals(dst.shape()) || src.shape().size() == 1) {
            if (src.shape().size() == 1 && !src.shape().equals(dst.shape())) {
                d.assign(s.getDouble(0));
            } else {
                d.assign(s);
            }
            return;
        }
        if (s.dataType() != d.dataType()) {
            s = s.castTo(d.dataType());
        }
        exec(new Assign(new INDArray[] {d, s}, new INDArray[] {d}));
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public NDArray unary(UnaryOp op, NDArray x) {
        Nd4jArray out = alloc(x.shape(), x.dtype());
        if (x.shape().size() == 0) {
            return out;
        }
        INDArray in = nd(x);
        INDArray z = out.array();
        switch (op) {
            case NEG -> exec(new Negative(in, z));
            case ABS -> exec(new Abs(in, z));
            case SIGN -> exec(new Sign(in, z));
            case EXP -> exec(new Exp(in, z));
            case LOG -> exec(new Log(in, z));
            case LOG1P -> exec(new Log1p(in, z));
            case EXPM1 -> exec(new Expm1(in, z));
            case SQRT -> exec(new Sqrt(in, z));
            case RSQRT -> exec(new RSqrt(in, z));
            case SQUARE -> exec(new Square(in, z));
            case RECIPROCAL -> exec(new Reciprocal(in, z));
            case TANH -> exec(new Tanh(in, z));
            case SIGMOID -> exec(new Sigmoid(in, z));
            case RELU -> exec(new ScalarMax(in, null, z, 0.0));
            case SIN -> exec(new Sin(in, z));
            case COS -> exec(new Cos(in, z));
            case FLOOR -> exec(new Floor(in, z));
            case CEIL -> exec(new Ceil(in, z));
            case ERF -> exec(new Erf(in, z));
        }
        return out;
    }

    @Override
    public NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        Shape s = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        Nd4jArray out = alloc(s, a.dtype());
        if (s.size() == 0) {
            return out;
        }
        binaryInto(op, atRank(nd(a), s.rank()), atRank(nd(b), s.rank()), out.array(), s);
        return out;
    }

    /**
     * {@code x} viewed with leading axes of size 1 up to {@code rank}: libnd4j's broadcasting
     * mistakes an operand whose dimensions are all 1 ({@code [1, 1]}) for a scalar and, paired
     * with a lower-rank operand ({@code [2]}), expects an output of the lower rank ({@code [2]}
     * instead of {@code [1, 2]}). With equal ranks it broadcasts correctly.
     */
    private static INDArray atRank(INDArray x, int rank) {
        if (x.rank() >= rank) {
            return x;
        }
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        long[] own = x.shape();
        System.arraycopy(own, 0, shape, rank - own.length, own.length);
        return x.reshape(shape);
    }

    private void binaryInto(BinaryOp op, INDArray x, INDArray y, INDArray z, Shape s) {
        switch (op) {
            case ADD -> exec(new AddOp(x, y, z));
            case SUB -> exec(new SubOp(x, y, z));
            case MUL -> exec(new MulOp(x, y, z));
            case DIV -> exec(new DivOp(x, y, z));
            case MAX -> exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Max(x, y, z));
            case MIN -> exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Min(x, y, z));
            case POW -> {
                // The pairwise power does not broadcast: materialise both operands first.
                INDArray xb = broadcastRaw(x, s);
                INDArray yb = broadcastRaw(y, s);
                exec(new PowPairwise(xb, yb, z));
                if (xb != x) {
                    xb.close();
                }
                if (yb != y) {
                    yb.close();
                }
            }
        }
    }

    private INDArray broadcastRaw(INDArray x, Shape s) {
        if (Shape.of(x.shape()).equals(s)) {
            return x;
        }
        INDArray z = Nd4j.createUninitialized(x.dataType(), s.toLongArray());
        exec(new Assign(new INDArray[] {z, x}, new INDArray[] {z}));
        return z;
    }

    @Override
    public NDArray binaryScalar(BinaryOp op, NDArray a, double s, boolean scalarFirst) {
        if (op == BinaryOp.POW) {
            return Backend.super.binaryScalar(op, a, s, scalarFirst);
        }
        Nd4jArray out = alloc(a.shape(), a.dtype());
        if (a.shape().size() == 0) {
            return out;
        }
        INDArray x = nd(a);
        INDArray z = out.array();
        switch (op) {
            case ADD -> exec(new ScalarAdd(x, null, z, s));
            case SUB -> exec(scalarFirst ? new ScalarReverseSubtraction(x, null, z, s) : new ScalarSubtraction(x, null, z, s));
            case MUL -> exec(new ScalarMultiplication(x, null, z, s));
            case DIV -> exec(scalarFirst ? new ScalarReverseDivision(x, null, z, s) : new ScalarDivision(x, null, z, s));
            case MAX -> exec(new ScalarMax(x, null, z, s));
            case MIN -> exec(new ScalarMin(x, null, z, s));
            default -> throw new IllegalStateException("unreachable");
        }
        return out;
    }

    @Override
    public void binaryInPlace(BinaryOp op, NDArray dst, NDArray src) {
        if (op == BinaryOp.POW || src.dtype() != dst.dtype()) {
            Backend.super.binaryInPlace(op, dst, src);
            return;
        }
        if (dst.shape().size() == 0) {
            return;
        }
        INDArray d = nd(dst);
        binaryInto(op, d, nd(src), d, dst.shape());
    }

    @Override
    public NDArray compare(CompareOp op, NDArray a, NDArray b) {
        Shape s = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        Nd4jArray out = alloc(s, a.dtype());
        if (s.size() == 0) {
            return out;
        }
        INDArray x = atRank(nd(a), s.rank());
        INDArray y = atRank(nd(b), s.rank());
        INDArray mask = tempRaw(s, DataType.BOOL);
        try {
            switch (op) {
                case EQ -> exec(new EqualTo(x, y, mask));
                case NE -> exec(new NotEqualTo(x, y, mask));
                case LT -> exec(new LessThan(x, y, mask));
                case LE -> exec(new LessThanOrEqual(x, y, mask));
                case GT -> exec(new GreaterThan(x, y, mask));
                case GE -> exec(new GreaterThanOrEqual(x, y, mask));
            }
            out.array().assign(mask);
        } finally {
            giveBack(mask);
        }
        return out;
    }

    @Override
    public NDArray where(NDArray cond, NDArray a, NDArray b) {
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        Nd4jArray out = alloc(s, a.dtype());
        if (s.size() == 0) {
            return out;
        }
        List<INDArray> temps = new ArrayList<>();
        try {
            ElementSelect.into(denseTracked(temps, broadcastTracked(temps, nd(cond), s)),
                    denseTracked(temps, broadcastTracked(temps, nd(a), s)),
                    denseTracked(temps, broadcastTracked(temps, nd(b), s)), out.array());
        } finally {
            temps.forEach(INDArray::close);
        }
        return out;
    }

    private static INDArray denseTracked(List<INDArray> temps, INDArray x) {
        INDArray d = dense(x);
        if (d != x) {
            temps.add(d);
        }
        return d;
    }

    private INDArray broadcastTracked(List<INDArray> temps, INDArray x, Shape s) {
        INDArray r = broadcastRaw(x, s);
        if (r != x) {
            temps.add(r);
        }
        return r;
    }

    private static INDArray track(List<INDArray> temps, INDArray a) {
        temps.add(a);
        return a;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public NDArray reduce(ReduceOp op, NDArray x, int[] axes, boolean keepDims) {
        Shape kept = x.shape();
        for (int a : axes) {
            kept = kept.with(a, 1);
        }
        Shape outShape = keepDims ? kept : BackendDefaults.dropAxes(x.shape(), axes);
        Nd4jArray out = alloc(outShape, x.dtype());
        if (outShape.size() == 0) {
            return out;
        }
        if (x.shape().size() == 0) {
            out.array().assign(switch (op) {
                case SUM -> 0.0;
                case PROD -> 1.0;
                default -> Double.NaN;
            });
            return out;
        }
        INDArray in = nd(x);
        INDArray z = out.array();
        if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && sumOfRowsByGemv(in, axes, z, op == ReduceOp.MEAN)) {
            return out;
        }
        // ND4J reduces into a keepDims-shaped or a dropped-shaped output as asked.
        switch (op) {
            case SUM -> exec(new Sum(in, z, keepDims, axes));
            case MEAN -> exec(new Mean(in, z, keepDims, axes));
            case MAX -> exec(new Max(in, z, keepDims, axes));
            case MIN -> exec(new Min(in, z, keepDims, axes));
            case PROD -> exec(new Prod(in, z, keepDims, axes));
        }
        return out;
    }

    /**
     * Sums (or means) over the leading axes of a dense float array as {@code X^T ones} by BLAS: a
     * bias gradient's reduction over the batch, which libnd4j's strided reduction does ~10x
     * slower. Returns false, doing nothing, when the case does not fit.
     */
    private boolean sumOfRowsByGemv(INDArray in, int[] axes, INDArray z, boolean mean) {
        if (!in.dataType().isFPType() || axes.length == 0 || axes.length >= in.rank()) {
            return false;
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        long rows = 1;
        for (int i = 0; i < axes.length; i++) {
            rows *= in.size(i);
        }
        long cols = in.length() / rows;
        if (rows < 2 || cols < 2 || rows > Integer.MAX_VALUE || !isWholeBuffer(in) || !isWholeBuffer(z)) {
            return false;
        }
        INDArray ones = tempRaw(Shape.of((int) rows, 1), in.dataType());
        try {
            ones.assign(1.0);
            // X^T ones (a transposed gemv) runs ~2x faster in BLAS than ones^T X
            Nd4j.gemm(in.reshape('c', rows, cols), ones, z.reshape('c', cols, 1), true, false,
                    mean ? 1.0 / rows : 1.0, 0.0);
        } finally {
            giveBack(ones);
        }
        return true;
    }

    @Override
    public NDArray argMax(NDArray x, int axis, boolean keepDims) {
        // libnd4j's argmax reads permuted views wrongly (checked by the conformance kit): densify first.
        INDArray in = nd(x);
        INDArray dense = isDenseRowMajor(in) ? in : in.dup('c');
        INDArray[] r = Nd4j.getExecutioner().exec(new ArgMax(dense, keepDims, new int[] {axis}));
        if (dense != in) {
            dense.close();
        }
        INDArray res = r[0];
        Shape expect = keepDims ? x.shape().with(axis, 1) : BackendDefaults.dropAxes(x.shape(), new int[] {axis});
        if (res.dataType() != DataType.LONG) {
            INDArray l = res.castTo(DataType.LONG);
            res.close();
            res = l;
        }
        if (!Shape.of(res.shape()).equals(expect)) {
            INDArray reshaped = res.reshape('c', expect.toLongArray()).dup('c');
            res.close();
            res = reshaped;
        }
        return own(res);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        int m = transA ? sa.dim(-1) : sa.dim(-2);
        int k = transA ? sa.dim(-2) : sa.dim(-1);
        int n = transB ? sb.dim(-2) : sb.dim(-1);
        Shape batch = Shape.broadcast("matmul", sa.sub(0, sa.rank() - 2), sb.sub(0, sb.rank() - 2));
        Shape outShape = batch.append(m, n);
        if (outShape.size() == 0) {
            return alloc(outShape, a.dtype());
        }
        if (k == 0) {
            return full(outShape, a.dtype(), 0.0);
        }
        Nd4jArray out = alloc(outShape, a.dtype());
        if (batch.rank() == 0) {
            Nd4j.gemm(nd(a), nd(b), out.array(), transA, transB, 1.0, 0.0);
            return out;
        }
        // Batched: bring both operands to the full batch shape, flatten it, one BLAS gemm per item.
        int nb = (int) batch.size();
        List<INDArray> temps = new ArrayList<>();
        try {
            INDArray a3 = batched(temps, nd(a), batch, nb);
            INDArray b3 = batched(temps, nd(b), batch, nb);
            INDArray z3 = out.array();
            if (BatchedGemm.applies(a3, b3, z3)) {
                BatchedGemm.run(a3, b3, z3, nb, m, n, k, transA, transB);
            } else {
                exec(new org.nd4j.linalg.api.ops.impl.reduce.Mmul(a3, b3, z3.reshape('c', nb, m, n),
                        org.nd4j.linalg.api.blas.params.MMulTranspose.builder().transposeA(transA).transposeB(transB)
                                .build()));
            }
        } finally {
            temps.forEach(INDArray::close);
        }
        return out;
    }

    private INDArray batched(List<INDArray> temps, INDArray x, Shape batch, int nb) {
        Shape s = Shape.of(x.shape());
        Shape full = batch.append(s.dim(-2), s.dim(-1));
        INDArray y = x;
        if (!s.equals(full)) {
            y = track(temps, broadcastRaw(x, full));
        }
        if (!isWholeBuffer(y)) {
            y = track(temps, y.dup('c'));
        }
        return y.reshape('c', nb, s.dim(-2), s.dim(-1));
    }

    // ---------------------------------------------------------------- convolution and pooling

    // Convolutions with dilation go through an explicitly dilated kernel (zeros between the taps):
    // libnd4j's dilated conv2d fails on several geometries the conformance kit checks.

    @Override
    public NDArray conv2d(NDArray x, NDArray w, Conv2dSpec spec) {
        if (dilated(spec)) {
            try (NDArray wd = dilateKernel(w, spec)) {
                return conv2d(x, wd, undilated(spec));
            }
        }
        return spec.groups() == 1 ? conv.forward(x, w, spec) : BackendDefaults.conv2dByGroups(this, x, w, spec);
    }

    @Override
    public NDArray conv2dInputGrad(NDArray gradOut, NDArray w, Shape inputShape, Conv2dSpec spec) {
        if (dilated(spec)) {
            try (NDArray wd = dilateKernel(w, spec)) {
                return conv2dInputGrad(gradOut, wd, inputShape, undilated(spec));
            }
        }
        return spec.groups() == 1 ? conv.inputGrad(gradOut, w, inputShape, spec)
                : BackendDefaults.conv2dInputGradByGroups(this, gradOut, w, inputShape, spec);
    }

    @Override
    public NDArray conv2dWeightGrad(NDArray x, NDArray gradOut, Shape weightShape, Conv2dSpec spec) {
        if (dilated(spec)) {
            try (NDArray gd = conv2dWeightGrad(x, gradOut, dilatedShape(weightShape, spec), undilated(spec))) {
                return slice(gd, new int[4], gd.shape().toArray(), new int[] {1, 1, spec.dilationH(), spec.dilationW()});
            }
        }
        return spec.groups() == 1 ? conv.backward(x, null, gradOut, weightShape, spec, false, true)[1]
                : BackendDefaults.conv2dWeightGradByGroups(this, x, gradOut, weightShape, spec);
    }

    @Override
    public NDArray[] conv2dBackward(NDArray x, NDArray w, NDArray gradOut, Conv2dSpec spec,
                                    boolean needInput, boolean needWeight) {
        if (dilated(spec) || spec.groups() != 1 || (needInput && !needWeight)) {
            return Backend.super.conv2dBackward(x, w, gradOut, spec, needInput, needWeight);
        }
        return conv.backward(x, w, gradOut, w.shape(), spec, needInput, needWeight);
    }

    private static boolean dilated(Conv2dSpec s) {
        return s.dilationH() > 1 || s.dilationW() > 1;
    }

    private static Conv2dSpec undilated(Conv2dSpec s) {
        return new Conv2dSpec(s.strideH(), s.strideW(), s.padH(), s.padW(), 1, 1, s.groups());
    }

    private static Shape dilatedShape(Shape w, Conv2dSpec s) {
        return Shape.of(w.dim(0), w.dim(1), (w.dim(2) - 1) * s.dilationH() + 1, (w.dim(3) - 1) * s.dilationW() + 1);
    }

    private NDArray dilateKernel(NDArray w, Conv2dSpec s) {
        NDArray out = zeros(dilatedShape(w.shape(), s), w.dtype());
        setSlice(out, w, new int[4], new int[] {1, 1, s.dilationH(), s.dilationW()});
        return out;
    }

    @Override
    public NDArray maxPool2d(NDArray x, Pool2dSpec spec) {
        return conv.pool(x, spec, true);
    }

    @Override
    public NDArray maxPool2dGrad(NDArray x, NDArray gradOut, Pool2dSpec spec) {
        return conv.poolGrad(nd(x), x.shape(), gradOut, spec, true);
    }

    @Override
    public NDArray avgPool2d(NDArray x, Pool2dSpec spec) {
        return conv.pool(x, spec, false);
    }

    @Override
    public NDArray avgPool2dGrad(Shape inputShape, NDArray gradOut, Pool2dSpec spec) {
        return conv.poolGrad(null, inputShape, gradOut, spec, false);
    }

    // ---------------------------------------------------------------- movement

    @Override
    public NDArray reshape(NDArray x, Shape shape) {
        Nd4jArray in = (Nd4jArray) x;
        INDArray a = nd(x);
        if (shape.size() == 0) {
            return alloc(shape, x.dtype());
        }
        if (isDenseRowMajor(a)) {
            INDArray v = Nd4j.create(a.data(), shape.toLongArray(), shape.strides(), a.offset(),
                    'c', a.dataType());
            return view(in, v);
        }
        Nd4jArray dense = (Nd4jArray) copy(x);
        try (dense) {
            INDArray d = dense.array();
            return view(dense, Nd4j.create(d.data(), shape.toLongArray(), shape.strides(), d.offset(), 'c', d.dataType()));
        }
    }

    @Override
    public NDArray permute(NDArray x, int... axes) {
        INDArray a = nd(x);
        if (x.shape().size() == 0) {
            int[] d = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                d[i] = x.shape().dim(axes[i]);
            }
            return alloc(Shape.of(d), x.dtype());
        }
        return view((Nd4jArray) x, a.permute(axes));
    }

    /**
     * Circular padding by copies instead of the default's gathers (one per axis): the image goes
     * to the centre, then each padded axis copies its two wrapped bands from the opposite side
     * of the output (whose earlier axes are already padded, so corners come out right). Pads
     * wider than the axis wrap more than once and take the default path.
     */
    @Override
    public NDArray pad(NDArray x, int[] before, int[] after, PadMode mode) {
        Shape s = x.shape();
        int r = s.rank();
        boolean once = mode == PadMode.CIRCULAR && s.size() > 0;
        for (int i = 0; i < r && once; i++) {
            once = before[i] <= s.dim(i) && after[i] <= s.dim(i);
        }
        if (!once) {
            return Backend.super.pad(x, before, after, mode);
        }
        int[] dims = s.toArray();
        for (int i = 0; i < r; i++) {
            dims[i] += before[i] + after[i];
        }
        Nd4jArray out = alloc(Shape.of(dims), x.dtype());
        INDArray o = out.array();
        INDArrayIndex[] centre = new INDArrayIndex[r];
        for (int i = 0; i < r; i++) {
            centre[i] = NDArrayIndex.interval(before[i], before[i] + s.dim(i));
        }
        o.get(centre).assign(nd(x));
        for (int axis = 0; axis < r; axis++) {
            int n = s.dim(axis);
            int b = before[axis];
            int a = after[axis];
            INDArrayIndex[] dst = new INDArrayIndex[r];
            INDArrayIndex[] src = new INDArrayIndex[r];
            for (int i = 0; i < r; i++) {
                // Axes done so far are padded in full; later ones only hold the centre yet.
                dst[i] = i < axis ? NDArrayIndex.all() : centre[i];
                src[i] = dst[i];
            }
            if (b > 0) {
                dst[axis] = NDArrayIndex.interval(0, b);
                src[axis] = NDArrayIndex.interval(n, n + b);
                o.get(dst).assign(o.get(src));
            }
            if (a > 0) {
                dst[axis] = NDArrayIndex.interval(b + n, b + n + a);
                src[axis] = NDArrayIndex.interval(b, b + a);
                o.get(dst).assign(o.get(src));
            }
        }
        return out;
    }

    @Override
    public NDArray slice(NDArray x, int[] starts, int[] ends, int[] steps) {
        int r = starts.length;
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] = ends[i] <= starts[i] ? 0 : (ends[i] - starts[i] + steps[i] - 1) / steps[i];
        }
        Shape outShape = Shape.of(dims);
        if (outShape.size() == 0) {
            return alloc(outShape, x.dtype());
        }
        return view((Nd4jArray) x, stridedView(nd(x), starts, steps, outShape));
    }

    /**
     * The strided region of {@code a} starting at {@code starts} with {@code steps}, as a view on the
     * same buffer (computed directly: ND4J's indexing drops size-1 dimensions in some cases).
     */
    private static INDArray stridedView(INDArray a, int[] starts, int[] steps, Shape outShape) {
        long[] stride = a.stride();
        long offset = a.offset();
        long[] newStride = new long[stride.length];
        for (int i = 0; i < stride.length; i++) {
            offset += starts[i] * stride[i];
            newStride[i] = stride[i] * steps[i];
        }
        return Nd4j.create(a.data(), outShape.toLongArray(), newStride, offset, 'c', a.dataType());
    }

    @Override
    public void setSlice(NDArray dst, NDArray src, int[] starts, int[] steps) {
        if (src.shape().size() == 0) {
            return;
        }
        stridedView(nd(dst), starts, steps, src.shape()).assign(nd(src));
    }

    @Override
    public NDArray concat(List<NDArray> xs, int axis) {
        int total = 0;
        List<INDArray> parts = new ArrayList<>();
        for (NDArray x : xs) {
            total += x.shape().dim(axis);
            if (x.shape().size() > 0) {
                parts.add(nd(x));
            }
        }
        Shape outShape = xs.get(0).shape().with(axis, total);
        Nd4jArray out = alloc(outShape, xs.get(0).dtype());
        if (outShape.size() == 0) {
            return out;
        }
        if (parts.size() == 1) {
            out.array().assign(parts.get(0));
            return out;
        }
        exec(DynamicCustomOp.builder("concat").addInputs(parts.toArray(new INDArray[0]))
                .addOutputs(out.array()).addIntegerArguments(axis).build());
        return out;
    }

    @Override
    public NDArray broadcastTo(NDArray x, Shape shape) {
        Nd4jArray out = alloc(shape, x.dtype());
        if (shape.size() > 0) {
            assign(out, x);
        }
        return out;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public NDArray gather(NDArray x, int axis, NDArray indices) {
        Shape outShape = x.shape().with(axis, indices.shape().dim(0));
        if (outShape.size() == 0) {
            return alloc(outShape, x.dtype());
        }
        INDArray[] r = Nd4j.getExecutioner().exec(new Gather(nd(x), nd(indices), axis));
        return own(r[0]);
    }

    @Override
    public NDArray scatterAdd(NDArray src, int axis, NDArray indices, int size) {
        Shape s = src.shape();
        Shape outShape = s.with(axis, size);
        Nd4jArray out = (Nd4jArray) zeros(outShape, src.dtype());
        if (s.size() == 0 || outShape.size() == 0) {
            return out;
        }
        int r = s.rank();
        int[] perm = BackendDefaults.moveToFront(axis, r);
        // scatter_add updates along the first axis of a dense target: permute both to put `axis` first.
        INDArray srcFront = nd(src).permute(perm).dup('c');
        INDArray outFront = out.array().permute(perm).dup('c');
        try {
            // lock = true: without it, repeated indices (circular padding has them) race between threads.
            exec(DynamicCustomOp.builder("scatter_add").addInputs(outFront, nd(indices), srcFront).addOutputs(outFront)
                    .addBooleanArguments(true, false).build());
            out.array().assign(outFront.permute(BackendDefaults.inverse(perm)));
        } finally {
            srcFront.close();
            outFront.close();
        }
        return out;
    }

    // ---------------------------------------------------------------- random

    @Override
    public NDArray randomUniform(Shape shape, DType dtype, double lo, double hi, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomUniform(shape, dtype, lo, hi, seed);
        }
        Nd4jArray out = alloc(shape, dtype);
        if (shape.size() > 0) {
            Random r = rng.get();
            r.setSeed(seed);
            Nd4j.getExecutioner().exec(new UniformDistribution(out.array(), lo, hi), r);
        }
        return out;
    }

    @Override
    public NDArray randomNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        if (!dtype.isFloating()) {
            return Backend.super.randomNormal(shape, dtype, mean, std, seed);
        }
        Nd4jArray out = alloc(shape, dtype);
        if (shape.size() > 0) {
            Random r = rng.get();
            r.setSeed(seed);
            Nd4j.getExecutioner().exec(new GaussianDistribution(out.array(), mean, std), r);
        }
        return out;
    }

    // ---------------------------------------------------------------- FFT

    @Override
    public NDArray[] fft(NDArray re, NDArray im, int dims, boolean inverse) {
        return fft.transform(re, im, dims, inverse);
    }

    // ---------------------------------------------------------------- circulant products

    @Override
    public NDArray circulantMatmul(NDArray c, NDArray x, boolean transpose) {
        return Nd4jCirculant.handles(x) ? circulant.matmul(c, x, transpose) : Backend.super.circulantMatmul(c, x, transpose);
    }

    @Override
    public NDArray[] circulantMatmulBackward(NDArray c, NDArray x, NDArray g, boolean needKernel, boolean needInput) {
        return Nd4jCirculant.handles(x) ? circulant.backward(c, x, g, needKernel, needInput)
                : Backend.super.circulantMatmulBackward(c, x, g, needKernel, needInput);
    }
}
