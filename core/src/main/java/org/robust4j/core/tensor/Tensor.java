package org.robust4j.core.tensor;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.BackwardFn;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.autograd.Node;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendDefaults;
import org.robust4j.core.backend.BaseNDArray;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.random.Generator;

/**
 * The frontend tensor: an immutable shape and dtype over a backend array, with fluent ops that
 * record the autograd graph while grad mode is on and an input requires grad.
 *
 * <pre>{@code
 * Tensor h = x.matmul(w1).add(b1).relu();
 * Tensor loss = h.matmul(w2).sub(y).square().mean();
 * loss.backward();               // fills w1.grad(), b1.grad(), w2.grad()
 * }</pre>
 *
 * Each op below is written as micrograd writes it: compute the value on the backend, then give
 * the local gradient rule in terms of other tensor ops. Shape and dtype errors are thrown here,
 * before the backend is called, naming the op and both shapes.
 */
public final class Tensor implements AutoCloseable {
    private final NDArray data;
    private final Node gradFn;
    private boolean requiresGrad;
    private Tensor grad;

    private Tensor(NDArray data, Node gradFn, boolean requiresGrad) {
        this.data = data;
        this.gradFn = gradFn;
        this.requiresGrad = requiresGrad;
    }

    // =================================================================== creation

    /** Wraps a backend array as a leaf tensor (no copy). */
    public static Tensor wrap(NDArray data) {
        return new Tensor(data, null, false);
    }

    public static Tensor of(Backend b, float[] values, int... shape) {
        Shape s = shapeFor("of", values.length, shape);
        return wrap(b.fromFloats(values, s));
    }

    public static Tensor of(Backend b, double[] values, int... shape) {
        Shape s = shapeFor("of", values.length, shape);
        return wrap(b.fromDoubles(values, s));
    }

    public static Tensor ofInts(Backend b, int[] values, int... shape) {
        Shape s = shapeFor("ofInts", values.length, shape);
        return wrap(b.fromInts(values, s));
    }

    public static Tensor ofLongs(Backend b, long[] values, int... shape) {
        Shape s = shapeFor("ofLongs", values.length, shape);
        return wrap(b.fromLongs(values, s));
    }

    private static Shape shapeFor(String op, int length, int[] shape) {
        Shape s = shape.length == 0 ? Shape.of(length) : Shape.of(shape);
        checkArgument(s.size() == length, "%s: %s values do not fill shape %s", op, length, s);
        return s;
    }

    public static Tensor scalar(Backend b, double value, DType dtype) {
        return wrap(b.full(Shape.scalar(), dtype, value));
    }

    public static Tensor full(Backend b, DType dtype, double value, int... shape) {
        return wrap(b.full(Shape.of(shape), dtype, value));
    }

    public static Tensor zeros(Backend b, DType dtype, int... shape) {
        return wrap(b.zeros(Shape.of(shape), dtype));
    }

    public static Tensor ones(Backend b, DType dtype, int... shape) {
        return full(b, dtype, 1.0, shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return wrap(t.backend().zeros(t.shape(), t.dtype()));
    }

    public static Tensor onesLike(Tensor t) {
        return wrap(t.backend().full(t.shape(), t.dtype(), 1.0));
    }

    /** {@code 0, 1, ..., n-1} as INT64. */
    public static Tensor arange(Backend b, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return wrap(b.fromLongs(v, Shape.of(n)));
    }

    /** The {@code n x n} identity. */
    public static Tensor eye(Backend b, DType dtype, int n) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        NDArray d = b.fromDoubles(v, Shape.of(n, n));
        if (dtype == DType.FLOAT64) {
            return wrap(d);
        }
        try (d) {
            return wrap(b.cast(d, dtype));
        }
    }

    /** Uniform on [0, 1). */
    public static Tensor rand(Backend b, Generator g, DType dtype, int... shape) {
        return uniform(b, g, dtype, 0, 1, shape);
    }

    public static Tensor uniform(Backend b, Generator g, DType dtype, double lo, double hi, int... shape) {
        return wrap(b.randomUniform(Shape.of(shape), dtype, lo, hi, g.nextSeed()));
    }

    /** Standard normal. */
    public static Tensor randn(Backend b, Generator g, DType dtype, int... shape) {
        return wrap(b.randomNormal(Shape.of(shape), dtype, 0, 1, g.nextSeed()));
    }

    public static Tensor laplace(Backend b, Generator g, DType dtype, double loc, double scale, int... shape) {
        return wrap(b.randomLaplace(Shape.of(shape), dtype, loc, scale, g.nextSeed()));
    }

    public static Tensor bernoulli(Backend b, Generator g, DType dtype, double p, int... shape) {
        return wrap(b.randomBernoulli(Shape.of(shape), dtype, p, g.nextSeed()));
    }

    /** Records an op's result: a graph node only when grad mode is on and an input requires grad. */
    public static Tensor result(String op, NDArray value, BackwardFn fn, Tensor... inputs) {
        if (fn != null && GradMode.isEnabled()) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    return new Tensor(value, new Node(op, inputs, fn), true);
                }
            }
        }
        return new Tensor(value, null, false);
    }

    // =================================================================== properties

    public NDArray data() {
        if (data instanceof BaseNDArray b) {
            b.checkOpen("tensor");
        }
        return data;
    }

    public Backend backend() {
        return data.backend();
    }

    public Shape shape() {
        return data.shape();
    }

    public DType dtype() {
        return data.dtype();
    }

    public int rank() {
        return data.shape().rank();
    }

    /** Size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return data.shape().dim(axis);
    }

    public long size() {
        return data.shape().size();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a variable whose gradient {@link #backward()} accumulates. Returns this. */
    public Tensor requiresGrad(boolean flag) {
        checkArgument(gradFn == null, "requiresGrad: only leaf tensors can change it; use detach() first");
        checkArgument(!flag || dtype().isFloating(), "requiresGrad: %s tensors have no gradient", dtype());
        this.requiresGrad = flag;
        return this;
    }

    /** The op that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Accumulated gradient of a leaf after {@link #backward()}, or null. */
    public Tensor grad() {
        return grad;
    }

    /** Releases and clears the accumulated gradient. */
    public void zeroGrad() {
        if (grad != null) {
            grad.close();
            grad = null;
        }
    }

    /** Adds {@code g} into this leaf's gradient; the gradient lives outside any scope. */
    public void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = Scope.untracked(() -> wrap(backend().copy(g.data())));
        } else {
            backend().binaryInPlace(BinaryOp.ADD, grad.data, g.data());
        }
    }

    /** Sets the gradient (for optimizers and tests); the tensor given is kept as it is. */
    public void setGrad(Tensor g) {
        checkArgument(g == null || g.shape().equals(shape()), "setGrad: gradient shape %s does not match %s",
                g == null ? null : g.shape(), shape());
        this.grad = g;
    }

    /** Same values, no graph: gradients stop here. Shares the array. */
    public Tensor detach() {
        return new Tensor(data, null, false);
    }

    /** Backpropagates from this one-element tensor into the leaves' {@link #grad()}. */
    public void backward() {
        Autograd.backward(this, null);
    }

    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput);
    }

    /** The value of a one-element tensor. */
    public double item() {
        checkArgument(size() == 1, "item: tensor of shape %s has %s elements, not one", shape(), size());
        return backend().toDoubles(data())[0];
    }

    public float[] toFloatArray() {
        return backend().toFloats(data());
    }

    public double[] toDoubleArray() {
        return backend().toDoubles(data());
    }

    public long[] toLongArray() {
        return backend().toLongs(data());
    }

    public int[] toIntArray() {
        return backend().toInts(data());
    }

    /** Releases the array now (other tensors sharing it, such as views, keep their share). */
    @Override
    public void close() {
        data.close();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape()).append(' ').append(dtype());
        if (data.isClosed()) {
            return sb.append(" (released)").toString();
        }
        if (size() <= 16) {
            sb.append(' ').append(dtype().isFloating() ? Arrays.toString(toDoubleArray()) : Arrays.toString(toLongArray()));
        }
        if (gradFn != null) {
            sb.append(" grad_fn=").append(gradFn);
        } else if (requiresGrad) {
            sb.append(" requires_grad");
        }
        return sb.toString();
    }

    // =================================================================== checks

    private Backend b() {
        return data.backend();
    }

    private void checkSame(String op, Tensor o) {
        if (o.backend() != backend()) {
            throw new IllegalArgumentException(op + ": tensors live on different backends ("
                    + backend().name() + " and " + o.backend().name() + ")");
        }
        if (o.dtype() != dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + shape() + " " + dtype()
                    + " and " + o.shape() + " " + o.dtype() + " (cast one of them)");
        }
    }

    private void checkFloating(String op) {
        checkArgument(dtype().isFloating(), "%s: needs a floating-point tensor, got %s %s", op, shape(), dtype());
    }

    private int axis(int a, String op) {
        return org.robust4j.core.util.Checks.checkAxis(a, rank(), op);
    }

    private int[] axes(int[] axes, String op) {
        if (axes.length == 0) {
            int[] all = new int[rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] n = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            n[i] = axis(axes[i], op);
        }
        Arrays.sort(n);
        for (int i = 1; i < n.length; i++) {
            checkArgument(n[i] != n[i - 1], "%s: axis %s given twice", op, n[i]);
        }
        return n;
    }

    // =================================================================== elementwise binary

    private Tensor binary(BinaryOp op, Tensor o, String name, BackwardFn fn) {
        checkSame(name, o);
        Shape.broadcast(name, shape(), o.shape());
        return result(name, b().binary(op, data(), o.data()), fn, this, o);
    }

    public Tensor add(Tensor o) {
        return binary(BinaryOp.ADD, o, "add", (g, need) -> new Tensor[] {
            need[0] ? g.sumTo(shape()) : null,
            need[1] ? g.sumTo(o.shape()) : null});
    }

    public Tensor sub(Tensor o) {
        return binary(BinaryOp.SUB, o, "sub", (g, need) -> new Tensor[] {
            need[0] ? g.sumTo(shape()) : null,
            need[1] ? g.neg().sumTo(o.shape()) : null});
    }

    public Tensor mul(Tensor o) {
        return binary(BinaryOp.MUL, o, "mul", (g, need) -> new Tensor[] {
            need[0] ? g.mul(o).sumTo(shape()) : null,
            need[1] ? g.mul(this).sumTo(o.shape()) : null});
    }

    public Tensor div(Tensor o) {
        return binary(BinaryOp.DIV, o, "div", (g, need) -> new Tensor[] {
            need[0] ? g.div(o).sumTo(shape()) : null,
            need[1] ? g.mul(this).div(o.square()).neg().sumTo(o.shape()) : null});
    }

    /** {@code this ^ o} elementwise; the gradient with respect to the exponent needs a positive base. */
    public Tensor pow(Tensor o) {
        return binary(BinaryOp.POW, o, "pow", (g, need) -> new Tensor[] {
            need[0] ? g.mul(o).mul(this.pow(o.sub(1.0))).sumTo(shape()) : null,
            need[1] ? g.mul(this.pow(o)).mul(this.log()).sumTo(o.shape()) : null});
    }

    /** Elementwise maximum; on ties the gradient is split evenly. */
    public Tensor maximum(Tensor o) {
        return binary(BinaryOp.MAX, o, "maximum", (g, need) -> {
            Tensor w = this.gt(o).add(this.eq(o).mul(0.5));
            return new Tensor[] {
                need[0] ? g.mul(w).sumTo(shape()) : null,
                need[1] ? g.mul(w.rsub(1.0)).sumTo(o.shape()) : null};
        });
    }

    /** Elementwise minimum; on ties the gradient is split evenly. */
    public Tensor minimum(Tensor o) {
        return binary(BinaryOp.MIN, o, "minimum", (g, need) -> {
            Tensor w = this.lt(o).add(this.eq(o).mul(0.5));
            return new Tensor[] {
                need[0] ? g.mul(w).sumTo(shape()) : null,
                need[1] ? g.mul(w.rsub(1.0)).sumTo(o.shape()) : null};
        });
    }

    // ---- with a scalar

    private Tensor scalarOp(BinaryOp op, double s, boolean scalarFirst, String name, BackwardFn fn) {
        return result(name, b().binaryScalar(op, data(), s, scalarFirst), fn, this);
    }

    public Tensor add(double s) {
        return scalarOp(BinaryOp.ADD, s, false, "add", (g, need) -> new Tensor[] {g});
    }

    public Tensor sub(double s) {
        return scalarOp(BinaryOp.SUB, s, false, "sub", (g, need) -> new Tensor[] {g});
    }

    /** {@code s - this}. */
    public Tensor rsub(double s) {
        return scalarOp(BinaryOp.SUB, s, true, "rsub", (g, need) -> new Tensor[] {g.neg()});
    }

    public Tensor mul(double s) {
        return scalarOp(BinaryOp.MUL, s, false, "mul", (g, need) -> new Tensor[] {g.mul(s)});
    }

    public Tensor div(double s) {
        return scalarOp(BinaryOp.DIV, s, false, "div", (g, need) -> new Tensor[] {g.div(s)});
    }

    /** {@code s / this}. */
    public Tensor rdiv(double s) {
        return scalarOp(BinaryOp.DIV, s, true, "rdiv", (g, need) -> new Tensor[] {g.mul(s).neg().div(this.square())});
    }

    public Tensor pow(double p) {
        if (p == 2.0) {
            return square();
        }
        return scalarOp(BinaryOp.POW, p, false, "pow", (g, need) -> new Tensor[] {g.mul(this.pow(p - 1)).mul(p)});
    }

    public Tensor maximum(double s) {
        return scalarOp(BinaryOp.MAX, s, false, "maximum", (g, need) ->
                new Tensor[] {g.mul(this.gt(s).add(this.eq(s).mul(0.5)))});
    }

    public Tensor minimum(double s) {
        return scalarOp(BinaryOp.MIN, s, false, "minimum", (g, need) ->
                new Tensor[] {g.mul(this.lt(s).add(this.eq(s).mul(0.5)))});
    }

    /** Clips every element into {@code [lo, hi]}; the gradient passes where the value was inside. */
    public Tensor clamp(double lo, double hi) {
        checkArgument(lo <= hi, "clamp: lower bound %s is above upper bound %s", lo, hi);
        NDArray v;
        try (NDArray low = b().binaryScalar(BinaryOp.MAX, data(), lo, false)) {
            v = b().binaryScalar(BinaryOp.MIN, low, hi, false);
        }
        return result("clamp", v, (g, need) -> new Tensor[] {g.mul(this.ge(lo).mul(this.le(hi)))}, this);
    }

    /** Clips elementwise into {@code [lo, hi]} given as tensors (broadcast). */
    public Tensor clamp(Tensor lo, Tensor hi) {
        return maximum(lo).minimum(hi);
    }

    // =================================================================== elementwise unary

    private Tensor unary(UnaryOp op, String name, BackwardFn fn) {
        return result(name, b().unary(op, data()), fn, this);
    }

    public Tensor neg() {
        return unary(UnaryOp.NEG, "neg", (g, need) -> new Tensor[] {g.neg()});
    }

    public Tensor abs() {
        return unary(UnaryOp.ABS, "abs", (g, need) -> new Tensor[] {g.mul(this.sign())});
    }

    /** -1, 0 or 1; zero gradient. */
    public Tensor sign() {
        return unary(UnaryOp.SIGN, "sign", null);
    }

    public Tensor exp() {
        Tensor[] self = new Tensor[1];
        self[0] = unary(UnaryOp.EXP, "exp", (g, need) -> new Tensor[] {g.mul(self[0])});
        return self[0];
    }

    public Tensor log() {
        return unary(UnaryOp.LOG, "log", (g, need) -> new Tensor[] {g.div(this)});
    }

    public Tensor log1p() {
        return unary(UnaryOp.LOG1P, "log1p", (g, need) -> new Tensor[] {g.div(this.add(1.0))});
    }

    public Tensor expm1() {
        return unary(UnaryOp.EXPM1, "expm1", (g, need) -> new Tensor[] {g.mul(this.exp())});
    }

    public Tensor sqrt() {
        Tensor[] self = new Tensor[1];
        self[0] = unary(UnaryOp.SQRT, "sqrt", (g, need) -> new Tensor[] {g.div(self[0].mul(2.0))});
        return self[0];
    }

    public Tensor rsqrt() {
        return unary(UnaryOp.RSQRT, "rsqrt", (g, need) -> new Tensor[] {g.mul(this.pow(-1.5)).mul(-0.5)});
    }

    public Tensor square() {
        return unary(UnaryOp.SQUARE, "square", (g, need) -> new Tensor[] {g.mul(this).mul(2.0)});
    }

    public Tensor reciprocal() {
        return unary(UnaryOp.RECIPROCAL, "reciprocal", (g, need) -> new Tensor[] {g.neg().div(this.square())});
    }

    public Tensor tanh() {
        Tensor[] self = new Tensor[1];
        self[0] = unary(UnaryOp.TANH, "tanh", (g, need) -> {
            Tensor y = self[0];
            return new Tensor[] {g.mul(y.square().rsub(1.0))};
        });
        return self[0];
    }

    public Tensor sigmoid() {
        Tensor[] self = new Tensor[1];
        self[0] = unary(UnaryOp.SIGMOID, "sigmoid", (g, need) -> {
            Tensor y = self[0];
            return new Tensor[] {g.mul(y).mul(y.rsub(1.0))};
        });
        return self[0];
    }

    public Tensor relu() {
        return unary(UnaryOp.RELU, "relu", (g, need) -> new Tensor[] {g.mul(this.gt(0.0))});
    }

    /** {@code x} where positive, {@code slope * x} elsewhere. */
    public Tensor leakyRelu(double slope) {
        return where(this.gt(0.0), this, this.mul(slope));
    }

    public Tensor sin() {
        return unary(UnaryOp.SIN, "sin", (g, need) -> new Tensor[] {g.mul(this.cos())});
    }

    public Tensor cos() {
        return unary(UnaryOp.COS, "cos", (g, need) -> new Tensor[] {g.mul(this.sin()).neg()});
    }

    public Tensor floor() {
        return unary(UnaryOp.FLOOR, "floor", null);
    }

    public Tensor ceil() {
        return unary(UnaryOp.CEIL, "ceil", null);
    }

    /** The Gauss error function. */
    public Tensor erf() {
        return unary(UnaryOp.ERF, "erf", (g, need) ->
                new Tensor[] {g.mul(this.square().neg().exp()).mul(2.0 / Math.sqrt(Math.PI))});
    }

    // =================================================================== comparisons (no gradient)

    private Tensor compare(CompareOp op, Tensor o, String name) {
        checkSame(name, o);
        Shape.broadcast(name, shape(), o.shape());
        return wrap(b().compare(op, data(), o.data()));
    }

    private Tensor compare(CompareOp op, double s, String name) {
        try (NDArray c = b().full(Shape.scalar(), dtype(), s)) {
            return wrap(b().compare(op, data(), c));
        }
    }

    public Tensor eq(Tensor o) {
        return compare(CompareOp.EQ, o, "eq");
    }

    public Tensor ne(Tensor o) {
        return compare(CompareOp.NE, o, "ne");
    }

    public Tensor lt(Tensor o) {
        return compare(CompareOp.LT, o, "lt");
    }

    public Tensor le(Tensor o) {
        return compare(CompareOp.LE, o, "le");
    }

    public Tensor gt(Tensor o) {
        return compare(CompareOp.GT, o, "gt");
    }

    public Tensor ge(Tensor o) {
        return compare(CompareOp.GE, o, "ge");
    }

    public Tensor eq(double s) {
        return compare(CompareOp.EQ, s, "eq");
    }

    public Tensor ne(double s) {
        return compare(CompareOp.NE, s, "ne");
    }

    public Tensor lt(double s) {
        return compare(CompareOp.LT, s, "lt");
    }

    public Tensor le(double s) {
        return compare(CompareOp.LE, s, "le");
    }

    public Tensor gt(double s) {
        return compare(CompareOp.GT, s, "gt");
    }

    public Tensor ge(double s) {
        return compare(CompareOp.GE, s, "ge");
    }

    /** {@code cond != 0 ? a : b} elementwise, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        a.checkSame("where", b);
        Shape out = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        checkArgument(cond.backend() == a.backend(), "where: condition lives on another backend");
        return result("where", a.b().where(cond.data(), a.data(), b.data()), (g, need) -> {
            Tensor zero = zerosLike(g);
            return new Tensor[] {
                need[0] ? where(cond, g, zero).sumTo(a.shape()) : null,
                need[1] ? where(cond, zero, g).sumTo(b.shape()) : null};
        }, a, b);
    }

    // =================================================================== reductions

    /** Sum over all elements (a scalar). */
    public Tensor sum() {
        return sum(new int[0], false);
    }

    /** Sum over {@code axes}, which are removed. */
    public Tensor sum(int... axes) {
        return sum(axes, false);
    }

    public Tensor sum(int[] axes, boolean keepDims) {
        int[] ax = axes(axes, "sum");
        if (ax.length == 0) {
            return this;
        }
        return result("sum", b().reduce(ReduceOp.SUM, data(), ax, keepDims),
                (g, need) -> new Tensor[] {g.reshape(keptShape(ax)).expand(shape())}, this);
    }

    public Tensor mean() {
        return mean(new int[0], false);
    }

    public Tensor mean(int... axes) {
        return mean(axes, false);
    }

    public Tensor mean(int[] axes, boolean keepDims) {
        int[] ax = axes(axes, "mean");
        if (ax.length == 0) {
            return this;
        }
        long n = 1;
        for (int a : ax) {
            n *= dim(a);
        }
        double count = n;
        return result("mean", b().reduce(ReduceOp.MEAN, data(), ax, keepDims),
                (g, need) -> new Tensor[] {g.reshape(keptShape(ax)).expand(shape()).div(count)}, this);
    }

    public Tensor max() {
        return max(new int[0], false);
    }

    public Tensor max(int... axes) {
        return max(axes, false);
    }

    /** Maximum over {@code axes}; the gradient is shared evenly among tied maxima. */
    public Tensor max(int[] axes, boolean keepDims) {
        return extremum(ReduceOp.MAX, axes, keepDims, "max");
    }

    public Tensor min() {
        return min(new int[0], false);
    }

    public Tensor min(int... axes) {
        return min(axes, false);
    }

    public Tensor min(int[] axes, boolean keepDims) {
        return extremum(ReduceOp.MIN, axes, keepDims, "min");
    }

    private Tensor extremum(ReduceOp op, int[] axes, boolean keepDims, String name) {
        int[] ax = axes(axes, name);
        checkArgument(size() > 0, "%s: cannot reduce an empty tensor %s", name, shape());
        if (ax.length == 0) {
            return this;
        }
        Tensor[] self = new Tensor[1];
        self[0] = result(name, b().reduce(op, data(), ax, keepDims), (g, need) -> {
            Tensor y = self[0].detach().reshape(keptShape(ax));
            Tensor mask = this.detach().eq(y);
            Tensor count = mask.sum(ax, true);
            return new Tensor[] {mask.mul(g.reshape(keptShape(ax))).div(count)};
        }, this);
        return self[0];
    }

    /** Product over {@code axes}; its gradient assumes non-zero elements. */
    public Tensor prod(int... axes) {
        int[] ax = axes(axes, "prod");
        if (ax.length == 0) {
            return this;
        }
        Tensor[] self = new Tensor[1];
        self[0] = result("prod", b().reduce(ReduceOp.PROD, data(), ax, false), (g, need) ->
                new Tensor[] {g.mul(self[0]).reshape(keptShape(ax)).expand(shape()).div(this)}, this);
        return self[0];
    }

    /** {@code log(sum(exp(this)))} over {@code axes}, computed stably. */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        int[] ax = axes(axes, "logSumExp");
        if (ax.length == 0) {
            return this;  // rank 0: nothing to reduce (and reduce() requires at least one axis)
        }
        Tensor[] self = new Tensor[1];
        self[0] = result("logSumExp", b().logSumExp(data(), ax, keepDims), (g, need) -> {
            Tensor y = self[0].reshape(keptShape(ax));
            return new Tensor[] {g.reshape(keptShape(ax)).mul(this.sub(y).exp())};
        }, this);
        return self[0];
    }

    public Tensor logSumExp(int axis) {
        return logSumExp(new int[] {axis}, false);
    }

    /** Index of the largest element along {@code axis} (INT64; no gradient). */
    public Tensor argMax(int axis) {
        int a = axis(axis, "argMax");
        checkArgument(dim(a) > 0, "argMax: axis %s of %s is empty", axis, shape());
        return wrap(b().argMax(data(), a, false));
    }

    /** Euclidean norm over all elements. */
    public Tensor norm() {
        return square().sum().sqrt();
    }

    /** Euclidean norm over {@code axes}. */
    public Tensor norm(int[] axes, boolean keepDims) {
        return square().sum(axes, keepDims).sqrt();
    }

    public Tensor softmax(int axis) {
        return logSoftmax(axis).exp();
    }

    public Tensor logSoftmax(int axis) {
        return sub(logSumExp(new int[] {axis}, true));
    }

    private Shape keptShape(int[] ax) {
        int[] d = shape().toArray();
        for (int a : ax) {
            d[a] = 1;
        }
        return Shape.of(d);
    }

    /** Sums this gradient down to {@code target}, undoing a broadcast. */
    public Tensor sumTo(Shape target) {
        if (shape().equals(target)) {
            return this;
        }
        checkArgument(target.broadcastsTo(shape()), "sumTo: %s does not broadcast to %s", target, shape());
        int lead = rank() - target.rank();
        List<Integer> ax = new ArrayList<>();
        for (int i = 0; i < rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && dim(i) != 1)) {
                ax.add(i);
            }
        }
        Tensor s = ax.isEmpty() ? this : sum(ax.stream().mapToInt(Integer::intValue).toArray(), true);
        return s.reshape(target);
    }

    // =================================================================== shape and movement

    /** Same elements, new shape; one dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        int infer = -1;
        long known = 1;
        int[] d = dims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                checkArgument(infer < 0, "reshape: only one dimension can be -1, got %s", Arrays.toString(dims));
                infer = i;
            } else {
                checkArgument(d[i] >= 0, "reshape: bad dimension %s in %s", d[i], Arrays.toString(dims));
                known *= d[i];
            }
        }
        if (infer >= 0) {
            checkArgument(known > 0 && size() % known == 0, "reshape: cannot reshape %s into %s",
                    shape(), Arrays.toString(dims));
            d[infer] = (int) (size() / known);
        }
        return reshape(Shape.of(d));
    }

    public Tensor reshape(Shape s) {
        checkArgument(s.size() == size(), "reshape: cannot reshape %s (%s elements) into %s (%s elements)",
                shape(), size(), s, s.size());
        if (s.equals(shape())) {
            return this;
        }
        Shape in = shape();
        return result("reshape", b().reshape(data(), s), (g, need) -> new Tensor[] {g.reshape(in)}, this);
    }

    /** Flattens all axes from {@code startAxis} on into one. */
    public Tensor flatten(int startAxis) {
        int s = axis(startAxis, "flatten");
        int[] d = new int[s + 1];
        for (int i = 0; i < s; i++) {
            d[i] = dim(i);
        }
        d[s] = -1;
        if (size() == 0) {
            long rest = 1;
            for (int i = s; i < rank(); i++) {
                rest *= dim(i);
            }
            d[s] = (int) rest;
        }
        return reshape(d);
    }

    public Tensor flatten() {
        return reshape(-1);
    }

    public Tensor permute(int... axes) {
        checkArgument(axes.length == rank(), "permute: %s axes given for a tensor of rank %s",
                axes.length, rank());
        int[] p = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            p[i] = axis(axes[i], "permute");
            checkArgument(!seen[p[i]], "permute: axis %s given twice in %s", p[i], Arrays.toString(axes));
            seen[p[i]] = true;
            identity &= p[i] == i;
        }
        if (identity) {
            return this;
        }
        int[] inv = BackendDefaults.inverse(p);
        return result("permute", b().permute(data(), p), (g, need) -> new Tensor[] {g.permute(inv)}, this);
    }

    /** Swaps two axes. */
    public Tensor transpose(int a0, int a1) {
        int[] p = new int[rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        int x = axis(a0, "transpose");
        int y = axis(a1, "transpose");
        p[x] = y;
        p[y] = x;
        return permute(p);
    }

    /** Swaps the last two axes. */
    public Tensor mT() {
        checkArgument(rank() >= 2, "mT: needs rank >= 2, got %s", shape());
        return transpose(-1, -2);
    }

    public Tensor unsqueeze(int axis) {
        int a = axis < 0 ? axis + rank() + 1 : axis;
        checkArgument(a >= 0 && a <= rank(), "unsqueeze: axis %s out of range for %s", axis, shape());
        int[] d = new int[rank() + 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            d[i] = i == a ? 1 : dim(j++);
        }
        return reshape(Shape.of(d));
    }

    public Tensor squeeze(int axis) {
        int a = axis(axis, "squeeze");
        checkArgument(dim(a) == 1, "squeeze: axis %s of %s has size %s, not 1", axis, shape(), dim(a));
        int[] d = new int[rank() - 1];
        for (int i = 0, j = 0; i < rank(); i++) {
            if (i != a) {
                d[j++] = dim(i);
            }
        }
        return reshape(Shape.of(d));
    }

    /** A materialised broadcast of this tensor to {@code target}. */
    public Tensor expand(Shape target) {
        if (target.equals(shape())) {
            return this;
        }
        checkArgument(shape().broadcastsTo(target), "expand: %s cannot be broadcast to %s", shape(), target);
        Shape in = shape();
        return result("expand", b().broadcastTo(data(), target), (g, need) -> new Tensor[] {g.sumTo(in)}, this);
    }

    public Tensor expand(int... dims) {
        return expand(Shape.of(dims));
    }

    /**
     * Elements {@code start, start+step, ...} before {@code end} along {@code axis}. Negative start
     * and end count from the end; out-of-range values are clipped, as in Python.
     */
    public Tensor slice(int axis, int start, int end, int step) {
        int a = axis(axis, "slice");
        checkArgument(step > 0, "slice: step must be positive, got %s", step);
        int n = dim(a);
        int s = clip(start < 0 ? start + n : start, n);
        int e = clip(end < 0 ? end + n : end, n);
        if (e < s) {
            e = s;
        }
        int[] starts = new int[rank()];
        int[] ends = shape().toArray();
        int[] steps = new int[rank()];
        Arrays.fill(steps, 1);
        starts[a] = s;
        ends[a] = e;
        steps[a] = step;
        if (s == 0 && e == n && step == 1) {
            return this;
        }
        return slice(starts, ends, steps);
    }

    public Tensor slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /** {@code length} elements from {@code start} along {@code axis}. */
    public Tensor narrow(int axis, int start, int length) {
        int a = axis(axis, "narrow");
        checkArgument(start >= 0 && length >= 0 && start + length <= dim(a),
                "narrow: [%s, %s) is outside axis %s of %s", start, start + length, axis, shape());
        return slice(a, start, start + length, 1);
    }

    /** The slice at {@code index} along {@code axis}, with that axis removed. */
    public Tensor select(int axis, int index) {
        int a = axis(axis, "select");
        int i = index < 0 ? index + dim(a) : index;
        checkArgument(i >= 0 && i < dim(a), "select: index %s out of range for axis %s of %s", index, axis, shape());
        return slice(a, i, i + 1, 1).squeeze(a);
    }

    /** General strided slice over every axis. */
    public Tensor slice(int[] starts, int[] ends, int[] steps) {
        checkArgument(starts.length == rank() && ends.length == rank() && steps.length == rank(),
                "slice: need one start, end and step per axis of %s", shape());
        for (int i = 0; i < rank(); i++) {
            checkArgument(steps[i] > 0 && starts[i] >= 0 && ends[i] <= dim(i) && starts[i] <= ends[i],
                    "slice: bad range [%s:%s:%s] for axis %s of %s", starts[i], ends[i], steps[i], i, shape());
        }
        Shape in = shape();
        return result("slice", b().slice(data(), starts, ends, steps), (g, need) ->
                new Tensor[] {g.sliceBackward(in, starts, steps)}, this);
    }

    /** Zeros of {@code full} with this tensor written at the strided positions: the adjoint of slice. */
    private Tensor sliceBackward(Shape full, int[] starts, int[] steps) {
        NDArray out = b().zeros(full, dtype());
        b().setSlice(out, data(), starts, steps);
        int[] ends = new int[full.rank()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = starts[i] + (dim(i) - 1) * steps[i] + 1;
            if (dim(i) == 0) {
                ends[i] = starts[i];
            }
        }
        return result("sliceBackward", out, (g, need) -> new Tensor[] {g.slice(starts, ends, steps)}, this);
    }

    private static int clip(int v, int n) {
        return Math.max(0, Math.min(n, v));
    }

    /** Joins tensors along {@code axis}. */
    public static Tensor cat(List<Tensor> parts, int axis) {
        checkArgument(!parts.isEmpty(), "cat: nothing to concatenate");
        Tensor first = parts.get(0);
        int a = org.robust4j.core.util.Checks.checkAxis(axis, first.rank(), "cat");
        List<NDArray> arrays = new ArrayList<>(parts.size());
        int[] offsets = new int[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) {
            Tensor p = parts.get(i);
            first.checkSame("cat", p);
            checkArgument(p.rank() == first.rank(), "cat: ranks differ: %s and %s", first.shape(), p.shape());
            for (int d = 0; d < p.rank(); d++) {
                checkArgument(d == a || p.dim(d) == first.dim(d),
                        "cat: shapes %s and %s differ outside axis %s", first.shape(), p.shape(), a);
            }
            arrays.add(p.data());
            offsets[i + 1] = offsets[i] + p.dim(a);
        }
        if (parts.size() == 1) {
            return first;
        }
        return result("cat", first.b().concat(arrays, a), (g, need) -> {
            Tensor[] out = new Tensor[parts.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = need[i] ? g.slice(a, offsets[i], offsets[i + 1], 1) : null;
            }
            return out;
        }, parts.toArray(new Tensor[0]));
    }

    /** Stacks equally shaped tensors along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        List<Tensor> u = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            u.add(p.unsqueeze(axis));
        }
        return cat(u, axis < 0 ? axis : axis);
    }

    /** Pads every axis {@code i} by {@code before[i]} and {@code after[i]} elements, with zeros or by wrapping around. */
    public Tensor pad(int[] before, int[] after, PadMode mode) {
        checkArgument(before.length == rank() && after.length == rank(),
                "pad: need a before and after width per axis of %s", shape());
        boolean any = false;
        for (int i = 0; i < rank(); i++) {
            checkArgument(before[i] >= 0 && after[i] >= 0, "pad: negative width on axis %s", i);
            checkArgument(mode != PadMode.CIRCULAR || dim(i) > 0 || before[i] + after[i] == 0,
                    "pad: cannot pad empty axis %s of %s circularly", i, shape());
            any |= before[i] + after[i] > 0;
        }
        if (!any) {
            return this;
        }
        Shape in = shape();
        return result("pad", b().pad(data(), before, after, mode), (g, need) -> {
            if (mode == PadMode.ZERO) {
                int[] ends = new int[in.rank()];
                int[] steps = new int[in.rank()];
                for (int i = 0; i < ends.length; i++) {
                    ends[i] = before[i] + in.dim(i);
                    steps[i] = 1;
                }
                return new Tensor[] {g.slice(before, ends, steps)};
            }
            Tensor cur = g;
            for (int i = 0; i < in.rank(); i++) {
                if (before[i] + after[i] > 0) {
                    Tensor idx = ofLongs(b(), BackendDefaults.circularIndices(in.dim(i), before[i], after[i]));
                    cur = cur.scatterAdd(i, idx, in.dim(i));
                }
            }
            return new Tensor[] {cur};
        }, this);
    }

    /** Pads the two spatial axes of an NCHW tensor by {@code p} on every side. */
    public Tensor pad2d(int padH, int padW, PadMode mode) {
        checkArgument(rank() == 4, "pad2d: expected an NCHW tensor, got %s", shape());
        return pad(new int[] {0, 0, padH, padW}, new int[] {0, 0, padH, padW}, mode);
    }

    // =================================================================== indexing

    /** Rows of {@code this} along {@code axis} at {@code indices} (1-D integer tensor). */
    public Tensor gather(int axis, Tensor indices) {
        int a = axis(axis, "gather");
        checkIndices("gather", indices, dim(a));
        int n = dim(a);
        return result("gather", b().gather(data(), a, indices.data()),
                (g, need) -> new Tensor[] {g.scatterAdd(a, indices, n)}, this);
    }

    /** Adjoint of {@link #gather}: a tensor of length {@code size} along {@code axis}, slice i added at indices[i]. */
    public Tensor scatterAdd(int axis, Tensor indices, int size) {
        int a = axis(axis, "scatterAdd");
        checkIndices("scatterAdd", indices, size);
        checkArgument(indices.size() == dim(a), "scatterAdd: %s indices for axis %s of length %s",
                indices.size(), a, dim(a));
        return result("scatterAdd", b().scatterAdd(data(), a, indices.data(), size),
                (g, need) -> new Tensor[] {g.gather(a, indices)}, this);
    }

    private static void checkIndices(String op, Tensor indices, int bound) {
        checkArgument(indices.rank() == 1 && !indices.dtype().isFloating(),
                "%s: indices must be a 1-D integer tensor, got %s %s", op, indices.shape(), indices.dtype());
        if (indices.size() > 0) {
            long[] v = indices.toLongArray();
            for (long i : v) {
                checkArgument(i >= 0 && i < bound, "%s: index %s out of range [0, %s)", op, i, bound);
            }
        }
    }

    /** One-hot encoding of this integer tensor: a new last axis of length {@code classes}. */
    public Tensor oneHot(int classes, DType dtype) {
        checkArgument(!dtype().isFloating(), "oneHot: needs integer labels, got %s", dtype());
        checkArgument(classes > 0, "oneHot: classes must be positive, got %s", classes);
        return wrap(b().oneHot(data(), classes, dtype));
    }

    /** Converts to another dtype; gradients flow between floating types. */
    public Tensor cast(DType to) {
        if (to == dtype()) {
            return this;
        }
        DType from = dtype();
        return result("cast", b().cast(data(), to),
                from.isFloating() && to.isFloating() ? (g, need) -> new Tensor[] {g.cast(from)} : null, this);
    }

    /** A copy that shares no storage (gradient flows through). */
    public Tensor copy() {
        return result("copy", b().copy(data()), (g, need) -> new Tensor[] {g}, this);
    }

    // =================================================================== linear algebra

    /**
     * Matrix product with NumPy semantics: 1-D operands are promoted (and the added axis removed),
     * leading batch axes broadcast.
     */
    public Tensor matmul(Tensor o) {
        return matmul(o, false, false);
    }

    /** {@code op(this) @ op(o)} where {@code op} transposes the last two axes when its flag is set. */
    public Tensor matmul(Tensor o, boolean transA, boolean transB) {
        checkSame("matmul", o);
        if (rank() == 1) {
            checkArgument(!transA, "matmul: cannot transpose a 1-D tensor");
            Tensor r = unsqueeze(0).matmul(o, false, transB);
            // vector @ vector: [1] from the recursion becomes a scalar; vector @ matrix drops the added row axis
            return o.rank() == 1 ? r.squeeze(-1) : r.squeeze(-2);
        }
        if (o.rank() == 1) {
            checkArgument(!transB, "matmul: cannot transpose a 1-D tensor");
            return matmul(o.unsqueeze(-1), transA, false).squeeze(-1);
        }
        int k1 = transA ? dim(-2) : dim(-1);
        int k2 = transB ? o.dim(-1) : o.dim(-2);
        checkArgument(k1 == k2, "matmul: inner dimensions differ: %s%s @ %s%s", shape(), transA ? "^T" : "",
                o.shape(), transB ? "^T" : "");
        try {
            Shape.broadcast("matmul", shape().sub(0, rank() - 2), o.shape().sub(0, o.rank() - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of " + shape() + " and " + o.shape()
                    + " cannot be broadcast", e);
        }
        Tensor a = this;
        return result("matmul", b().matmul(data(), o.data(), transA, transB), (g, need) -> new Tensor[] {
            need[0] ? (transA ? o.matmul(g, transB, true) : g.matmul(o, false, !transB)).sumTo(a.shape()) : null,
            need[1] ? (transB ? g.matmul(a, true, transA) : a.matmul(g, !transA, false)).sumTo(o.shape()) : null},
                this, o);
    }

    // =================================================================== convolution and pooling

    /** 2-D cross-correlation of NCHW input with a {@code [c_out, c_in/groups, kh, kw]} kernel (zero padding). */
    public Tensor conv2d(Tensor w, Conv2dSpec spec) {
        checkSame("conv2d", w);
        checkConv("conv2d", shape(), w.shape(), spec);
        Shape xs = shape();
        Shape ws = w.shape();
        return result("conv2d", b().conv2d(data(), w.data(), spec), (g, need) -> {
            NDArray[] grads = b().conv2dBackward(data(), w.data(), g.data(), spec, need[0], need[1]);
            return new Tensor[] {
                need[0] ? inputGradResult(grads[0], g, w, xs, spec) : null,
                need[1] ? weightGradResult(grads[1], this, g, ws, spec) : null};
        }, this, w);
    }

    /** Adds a per-channel bias {@code [c]} to an NCHW tensor. */
    public Tensor addChannelBias(Tensor bias) {
        checkArgument(rank() == 4 && bias.rank() == 1 && bias.dim(0) == dim(1),
                "addChannelBias: bias %s does not match the channels of %s", bias.shape(), shape());
        return add(bias.reshape(1, dim(1), 1, 1));
    }

    /**
     * Transposed convolution: the adjoint of {@link #conv2d} with kernel {@code w}, mapping this
     * {@code [n, c_out, oh, ow]} tensor back to {@code inputShape}.
     */
    public Tensor conv2dInputGrad(Tensor w, Shape inputShape, Conv2dSpec spec) {
        checkSame("conv2dTranspose", w);
        checkConv("conv2dTranspose", inputShape, w.shape(), spec);
        Shape expect = Shape.of(inputShape.dim(0), w.dim(0), spec.outH(inputShape.dim(2), w.dim(2)),
                spec.outW(inputShape.dim(3), w.dim(3)));
        checkArgument(shape().equals(expect), "conv2dTranspose: input %s should have shape %s for output %s",
                shape(), expect, inputShape);
        return inputGradResult(b().conv2dInputGrad(data(), w.data(), inputShape, spec), this, w, inputShape, spec);
    }

    /** The transposed convolution's value {@code v = T(gy, w)}, recorded with its own (bilinear) gradient rule. */
    private static Tensor inputGradResult(NDArray v, Tensor gy, Tensor w, Shape xs, Conv2dSpec spec) {
        Shape ws = w.shape();
        return result("conv2dTranspose", v, (g, need) -> new Tensor[] {
            need[0] ? g.conv2d(w, spec) : null,
            need[1] ? g.conv2dWeightGrad(gy, ws, spec) : null}, gy, w);
    }

    /** Gradient of conv2d with respect to its kernel, for input {@code this} and output gradient {@code gy}. */
    public Tensor conv2dWeightGrad(Tensor gy, Shape weightShape, Conv2dSpec spec) {
        checkSame("conv2dWeightGrad", gy);
        checkConv("conv2dWeightGrad", shape(), weightShape, spec);
        Shape expect = Shape.of(dim(0), weightShape.dim(0), spec.outH(dim(2), weightShape.dim(2)),
                spec.outW(dim(3), weightShape.dim(3)));
        checkArgument(gy.shape().equals(expect), "conv2dWeightGrad: output gradient %s should have shape %s for input %s",
                gy.shape(), expect, shape());
        return weightGradResult(b().conv2dWeightGrad(data(), gy.data(), weightShape, spec), this, gy, weightShape, spec);
    }

    private static Tensor weightGradResult(NDArray v, Tensor x, Tensor gy, Shape ws, Conv2dSpec spec) {
        Shape xs = x.shape();
        return result("conv2dWeightGrad", v, (g, need) -> new Tensor[] {
            need[0] ? gy.conv2dInputGrad(g, xs, spec) : null,
            need[1] ? x.conv2d(g, spec) : null}, x, gy);
    }

    private static void checkConv(String op, Shape x, Shape w, Conv2dSpec spec) {
        checkArgument(x.rank() == 4, "%s: input must be NCHW (rank 4), got %s", op, x);
        checkArgument(w.rank() == 4, "%s: kernel must be [c_out, c_in/groups, kh, kw], got %s", op, w);
        int g = spec.groups();
        checkArgument(x.dim(1) % g == 0 && w.dim(0) % g == 0,
                "%s: channels of input %s and kernel %s must be divisible by groups=%s", op, x, w, g);
        checkArgument(x.dim(1) / g == w.dim(1), "%s: input %s has %s channels per group but kernel %s expects %s",
                op, x, x.dim(1) / g, w, w.dim(1));
        checkArgument(spec.outH(x.dim(2), w.dim(2)) > 0 && spec.outW(x.dim(3), w.dim(3)) > 0,
                "%s: kernel %s is larger than the padded input %s (padding %sx%s)", op, w, x, spec.padH(), spec.padW());
    }

    public Tensor maxPool2d(Pool2dSpec spec) {
        checkPool("maxPool2d", spec);
        return result("maxPool2d", b().maxPool2d(data(), spec), (g, need) -> new Tensor[] {
            result("maxPool2dGrad", b().maxPool2dGrad(data(), g.data(), spec), (gg, n2) -> {
                throw new UnsupportedOperationException("second-order gradients through maxPool2d are not supported");
            }, g)}, this);
    }

    public Tensor avgPool2d(Pool2dSpec spec) {
        checkPool("avgPool2d", spec);
        Shape in = shape();
        return result("avgPool2d", b().avgPool2d(data(), spec), (g, need) -> new Tensor[] {g.avgPool2dGrad(in, spec)}, this);
    }

    private Tensor avgPool2dGrad(Shape in, Pool2dSpec spec) {
        return result("avgPool2dGrad", b().avgPool2dGrad(in, data(), spec),
                (g, need) -> new Tensor[] {g.avgPool2d(spec)}, this);
    }

    private void checkPool(String op, Pool2dSpec spec) {
        checkArgument(rank() == 4, "%s: input must be NCHW (rank 4), got %s", op, shape());
        checkArgument(spec.outH(dim(2)) > 0 && spec.outW(dim(3)) > 0,
                "%s: window %sx%s does not fit input %s", op, spec.kernelH(), spec.kernelW(), shape());
    }

    // =================================================================== FFT

    /**
     * Discrete Fourier transform of the complex tensor {@code (re, im)} ({@code im} may be null)
     * over the last axis ({@code dims = 1}) or the last two ({@code dims = 2}). Returns {re, im}.
     * The inverse divides by the number of points. Differentiable.
     */
    public static Tensor[] fft(Tensor re, Tensor im, int dims, boolean inverse) {
        checkArgument(dims == 1 || dims == 2, "fft: dims must be 1 or 2, got %s", dims);
        re.checkFloating("fft");
        checkArgument(re.rank() >= dims, "fft: a %s-D transform needs rank >= %s, got %s", dims, dims, re.shape());
        if (im != null) {
            re.checkSame("fft", im);
            checkArgument(im.shape().equals(re.shape()), "fft: real %s and imaginary %s shapes differ",
                    re.shape(), im.shape());
        }
        long n = dims == 1 ? re.dim(-1) : (long) re.dim(-1) * re.dim(-2);
        NDArray[] out = re.b().fft(re.data(), im == null ? null : im.data(), dims, inverse);
        Tensor[] inputs = im == null ? new Tensor[] {re} : new Tensor[] {re, im};
        // The adjoint of the unnormalised DFT is n times the inverse DFT (and vice versa).
        double scale = inverse ? 1.0 / n : n;
        Tensor outRe = result("fftRe", out[0], (g, need) -> adjointFft(g, null, dims, inverse, scale, need), inputs);
        Tensor outIm = result("fftIm", out[1], (g, need) -> adjointFft(null, g, dims, inverse, scale, need), inputs);
        return new Tensor[] {outRe, outIm};
    }

    private static Tensor[] adjointFft(Tensor gRe, Tensor gIm, int dims, boolean inverse, double scale, boolean[] need) {
        Tensor r = gRe != null ? gRe : zerosLike(gIm);
        Tensor i = gIm != null ? gIm : zerosLike(gRe);
        Tensor[] t = fft(r, i, dims, !inverse);
        Tensor[] out = new Tensor[need.length];
        out[0] = need[0] ? t[0].mul(scale) : null;
        if (need.length > 1) {
            out[1] = need[1] ? t[1].mul(scale) : null;
        }
        return out;
    }

    // =================================================================== in-place updates (no graph)

    /** Copies {@code src} into this tensor's storage (for optimizers and initialisers; not recorded). */
    public Tensor assign(Tensor src) {
        checkSame("assign", src);
        checkArgument(src.shape().broadcastsTo(shape()), "assign: %s does not fit into %s", src.shape(), shape());
        b().assign(data(), src.data());
        return this;
    }

    /** {@code this = this op src} in place (not recorded). */
    public Tensor applyInPlace(BinaryOp op, Tensor src) {
        checkSame("applyInPlace", src);
        checkArgument(src.shape().broadcastsTo(shape()), "applyInPlace: %s does not fit into %s", src.shape(), shape());
        b().binaryInPlace(op, data(), src.data());
        return this;
    }

    /** Fills this tensor with {@code value} in place (not recorded). */
    public Tensor fill(double value) {
        try (NDArray v = b().full(Shape.scalar(), dtype(), value)) {
            b().assign(data(), v);
        }
        return this;
    }
}
