package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Every differentiable {@link Tensor} op against central finite differences in FLOAT64
 * ({@link GradCheck}), then the behaviour of the engine: {@code Autograd.grad} leaves parameter
 * gradients alone, gradients accumulate, noGrad and detach cut the graph, second derivatives,
 * and a small network that learns.
 */
public abstract class AutogradConformance extends ConformanceBase {
    private static final DType F64 = DType.FLOAT64;
    /** Agreement required between analytic and finite-difference gradients (h = 1e-6, so about 1e-9 is typical). */
    private static final double ATOL = 1e-6;
    private static final double RTOL = 1e-6;

    /** One gradient check: a name, the inputs (made lazily, inside the test's scope) and the function. */
    public record GradCase(String name, Supplier<Tensor[]> inputs, Function<Tensor[], Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    private long seed = 100;

    /** FLOAT64 input uniform on [lo, hi). */
    private Supplier<Tensor> u(double lo, double hi, int... shape) {
        long s = seed++;
        return () -> tensor(Data.uniform(F64, s, lo, hi, shape), F64);
    }

    /** FLOAT64 input with magnitudes in [lo, hi) and random signs: away from kinks at zero. */
    private Supplier<Tensor> away(double lo, double hi, int... shape) {
        long s = seed++;
        return () -> tensor(Data.awayFromZero(F64, s, lo, hi, shape), F64);
    }

    /** FLOAT64 input of distinct values spaced by {@code gap}: max, min and pooling have unique winners. */
    private Supplier<Tensor> distinct(double gap, int... shape) {
        long s = seed++;
        return () -> tensor(Data.distinct(s, gap, shape), F64);
    }

    private Tensor longs(long... v) {
        return Tensor.ofLongs(backend, v);
    }

    @SafeVarargs
    private static Supplier<Tensor[]> in(Supplier<Tensor>... s) {
        return () -> {
            Tensor[] t = new Tensor[s.length];
            for (int i = 0; i < s.length; i++) {
                t[i] = s[i].get();
            }
            return t;
        };
    }

    private GradCase c(String name, Function<Tensor[], Tensor> f, Supplier<Tensor[]> inputs) {
        return new GradCase(name, inputs, f);
    }

    Stream<GradCase> gradCases() {
        List<GradCase> l = new ArrayList<>();
        // ---- binary with every kind of broadcasting
        int[][][] shapes = {{{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 3}}, {{2, 3, 1}, {4}}};
        for (int[][] s : shapes) {
            String sh = Arrays.toString(s[0]) + " with " + Arrays.toString(s[1]);
            l.add(c("add " + sh, t -> t[0].add(t[1]), in(u(-1, 1, s[0]), u(-1, 1, s[1]))));
            l.add(c("sub " + sh, t -> t[0].sub(t[1]), in(u(-1, 1, s[0]), u(-1, 1, s[1]))));
            l.add(c("mul " + sh, t -> t[0].mul(t[1]), in(u(-1, 1, s[0]), u(-1, 1, s[1]))));
            l.add(c("div " + sh, t -> t[0].div(t[1]), in(u(-1, 1, s[0]), away(0.5, 2, s[1]))));
            l.add(c("pow " + sh, t -> t[0].pow(t[1]), in(u(0.5, 2, s[0]), u(-1.5, 2, s[1]))));
            l.add(c("maximum " + sh, t -> t[0].maximum(t[1]), in(u(-1, 1, s[0]), u(-1, 1, s[1]))));
            l.add(c("minimum " + sh, t -> t[0].minimum(t[1]), in(u(-1, 1, s[0]), u(-1, 1, s[1]))));
        }
        // ---- with a scalar
        l.add(c("add scalar", t -> t[0].add(1.5), in(u(-1, 1, 2, 3))));
        l.add(c("sub scalar", t -> t[0].sub(1.5), in(u(-1, 1, 2, 3))));
        l.add(c("rsub", t -> t[0].rsub(1.5), in(u(-1, 1, 2, 3))));
        l.add(c("mul scalar", t -> t[0].mul(-2.5), in(u(-1, 1, 2, 3))));
        l.add(c("div scalar", t -> t[0].div(-2.5), in(u(-1, 1, 2, 3))));
        l.add(c("rdiv", t -> t[0].rdiv(-2.5), in(away(0.5, 2, 2, 3))));
        for (double p : new double[] {2, 3, 0.5, -1.5}) {
            l.add(c("pow " + p, t -> t[0].pow(p), in(u(0.5, 2, 2, 3))));
        }
        l.add(c("maximum scalar", t -> t[0].maximum(0.1), in(away(0.2, 1, 2, 3))));
        l.add(c("minimum scalar", t -> t[0].minimum(0.1), in(away(0.2, 1, 2, 3))));
        l.add(c("clamp", t -> t[0].clamp(-0.5, 0.5),
                () -> new Tensor[] {tensor(Data.uniform(F64, 7, -1, 1, 3, 4).map(AutogradConformance::offKinks), F64)}));
        l.add(c("clamp by tensors", t -> t[0].clamp(t[1], t[2]),
                in(u(-1, 1, 3, 4), u(-0.9, -0.3, 4), u(0.3, 0.9, 3, 1))));
        // ---- unary
        l.add(c("neg", t -> t[0].neg(), in(u(-1, 1, 2, 3))));
        l.add(c("abs", t -> t[0].abs(), in(away(0.1, 1, 2, 3))));
        l.add(c("exp", t -> t[0].exp(), in(u(-2, 2, 2, 3))));
        l.add(c("log", t -> t[0].log(), in(u(0.2, 3, 2, 3))));
        l.add(c("log1p", t -> t[0].log1p(), in(u(-0.5, 3, 2, 3))));
        l.add(c("expm1", t -> t[0].expm1(), in(u(-2, 2, 2, 3))));
        l.add(c("sqrt", t -> t[0].sqrt(), in(u(0.2, 3, 2, 3))));
        l.add(c("rsqrt", t -> t[0].rsqrt(), in(u(0.2, 3, 2, 3))));
        l.add(c("square", t -> t[0].square(), in(u(-2, 2, 2, 3))));
        l.add(c("reciprocal", t -> t[0].reciprocal(), in(away(0.3, 2, 2, 3))));
        l.add(c("tanh", t -> t[0].tanh(), in(u(-2, 2, 2, 3))));
        l.add(c("sigmoid", t -> t[0].sigmoid(), in(u(-3, 3, 2, 3))));
        l.add(c("relu", t -> t[0].relu(), in(away(0.1, 1, 2, 3))));
        l.add(c("leakyRelu", t -> t[0].leakyRelu(0.1), in(away(0.1, 1, 2, 3))));
        l.add(c("sin", t -> t[0].sin(), in(u(-3, 3, 2, 3))));
        l.add(c("cos", t -> t[0].cos(), in(u(-3, 3, 2, 3))));
        l.add(c("erf", t -> t[0].erf(), in(u(-2, 2, 2, 3))));
        l.add(c("where", t -> Tensor.where(t[0].gt(0.0), t[1], t[2]), in(away(0.1, 1, 3, 4), u(-1, 1, 4), u(-1, 1, 3, 1))));
        // ---- reductions
        l.add(c("sum all", t -> t[0].sum(), in(u(-1, 1, 2, 3, 4))));
        l.add(c("sum axes 0,2", t -> t[0].sum(0, 2), in(u(-1, 1, 2, 3, 4))));
        l.add(c("sum axis -1 keepDims", t -> t[0].sum(new int[] {-1}, true), in(u(-1, 1, 2, 3, 4))));
        l.add(c("mean all", t -> t[0].mean(), in(u(-1, 1, 2, 3, 4))));
        l.add(c("mean axis 1 keepDims", t -> t[0].mean(new int[] {1}, true), in(u(-1, 1, 2, 3, 4))));
        l.add(c("max all", t -> t[0].max(), in(distinct(0.1, 3, 4))));
        l.add(c("max axis 1", t -> t[0].max(1), in(distinct(0.1, 3, 4))));
        l.add(c("min axes 0,1 keepDims", t -> t[0].min(new int[] {0, 1}, true), in(distinct(0.1, 3, 4, 2))));
        l.add(c("prod axis 1", t -> t[0].prod(1), in(away(0.5, 1.5, 3, 4))));
        l.add(c("prod all", t -> t[0].prod(), in(away(0.5, 1.5, 2, 3))));
        l.add(c("logSumExp axis 1", t -> t[0].logSumExp(1), in(u(-2, 2, 3, 4))));
        l.add(c("logSumExp axes 0,2 keepDims", t -> t[0].logSumExp(new int[] {0, 2}, true), in(u(-2, 2, 3, 4, 2))));
        l.add(c("softmax", t -> t[0].softmax(-1), in(u(-2, 2, 3, 4))));
        l.add(c("softmax axis 0", t -> t[0].softmax(0), in(u(-2, 2, 3, 4))));
        l.add(c("logSoftmax", t -> t[0].logSoftmax(1), in(u(-2, 2, 3, 4))));
        l.add(c("norm", t -> t[0].norm(), in(u(-1, 1, 3, 4))));
        // ---- movement
        l.add(c("reshape", t -> t[0].reshape(4, -1).mul(t[0].reshape(4, 6)), in(u(-1, 1, 2, 3, 4))));
        l.add(c("permute", t -> t[0].permute(2, 0, 1).mul(t[1]), in(u(-1, 1, 2, 3, 4), u(-1, 1, 4, 2, 3))));
        l.add(c("transpose", t -> t[0].transpose(0, 2), in(u(-1, 1, 2, 3, 4))));
        l.add(c("mT", t -> t[0].mT().square(), in(u(-1, 1, 2, 3, 4))));
        l.add(c("slice with step", t -> t[0].slice(1, 1, 5, 2), in(u(-1, 1, 3, 6))));
        l.add(c("strided slice every axis", t -> t[0].slice(new int[] {1, 0, 1}, new int[] {3, 3, 4}, new int[] {1, 2, 2}),
                in(u(-1, 1, 3, 3, 4))));
        l.add(c("slice negative bounds", t -> t[0].slice(-1, -3, -1), in(u(-1, 1, 2, 5))));
        l.add(c("narrow", t -> t[0].narrow(0, 1, 2), in(u(-1, 1, 4, 3))));
        l.add(c("select", t -> t[0].select(1, 2), in(u(-1, 1, 3, 4))));
        l.add(c("cat", t -> Tensor.cat(List.of(t[0], t[1], t[0]), 1), in(u(-1, 1, 2, 3), u(-1, 1, 2, 1))));
        l.add(c("stack", t -> Tensor.stack(List.of(t[0], t[1]), 0), in(u(-1, 1, 2, 3), u(-1, 1, 2, 3))));
        l.add(c("stack last axis", t -> Tensor.stack(List.of(t[0], t[1]), -1), in(u(-1, 1, 2, 3), u(-1, 1, 2, 3))));
        l.add(c("pad zero", t -> t[0].pad(new int[] {1, 0}, new int[] {2, 3}, PadMode.ZERO), in(u(-1, 1, 2, 3))));
        l.add(c("pad circular", t -> t[0].pad(new int[] {1, 2}, new int[] {2, 1}, PadMode.CIRCULAR), in(u(-1, 1, 2, 3))));
        l.add(c("pad circular wider than the axis", t -> t[0].pad(new int[] {0, 5}, new int[] {0, 4}, PadMode.CIRCULAR),
                in(u(-1, 1, 2, 2))));
        l.add(c("pad2d circular", t -> t[0].pad2d(1, 2, PadMode.CIRCULAR), in(u(-1, 1, 1, 2, 3, 3))));
        l.add(c("expand", t -> t[0].expand(2, 3, 4), in(u(-1, 1, 3, 1))));
        l.add(c("flatten", t -> t[0].flatten(1).mul(t[0].flatten(1)), in(u(-1, 1, 2, 3, 2))));
        l.add(c("unsqueeze and squeeze", t -> t[0].unsqueeze(1).mul(t[1]).squeeze(0), in(u(-1, 1, 1, 3), u(-1, 1, 2, 1))));
        l.add(c("copy", t -> t[0].copy().square(), in(u(-1, 1, 2, 3))));
        // ---- indexing
        l.add(c("gather repeated", t -> t[0].gather(1, longs(3, 0, 3, 1)), in(u(-1, 1, 2, 4))));
        l.add(c("gather axis 0", t -> t[0].gather(0, longs(1, 1)), in(u(-1, 1, 2, 4))));
        l.add(c("scatterAdd repeated", t -> t[0].scatterAdd(1, longs(2, 0, 2), 4), in(u(-1, 1, 2, 3))));
        // ---- linear algebra
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int[] as = ta ? new int[] {4, 3} : new int[] {3, 4};
                int[] bs = tb ? new int[] {2, 4} : new int[] {4, 2};
                l.add(c("matmul transA=" + ta + " transB=" + tb, t -> t[0].matmul(t[1], ta, tb), in(u(-1, 1, as), u(-1, 1, bs))));
                int[] ab = ta ? new int[] {2, 1, 4, 3} : new int[] {2, 1, 3, 4};
                int[] bb = tb ? new int[] {3, 2, 4} : new int[] {3, 4, 2};
                l.add(c("batched matmul, broadcast batch, transA=" + ta + " transB=" + tb, t -> t[0].matmul(t[1], ta, tb),
                        in(u(-1, 1, ab), u(-1, 1, bb))));
            }
        }
        l.add(c("matmul vector @ matrix", t -> t[0].matmul(t[1]), in(u(-1, 1, 4), u(-1, 1, 4, 3))));
        l.add(c("matmul matrix @ vector", t -> t[0].matmul(t[1]), in(u(-1, 1, 3, 4), u(-1, 1, 4))));
        l.add(c("matmul vector @ vector", t -> t[0].matmul(t[1]), in(u(-1, 1, 4), u(-1, 1, 4))));
        l.add(c("matmul 2-D @ batch", t -> t[0].matmul(t[1]), in(u(-1, 1, 3, 4), u(-1, 1, 2, 4, 2))));
        // ---- convolution and pooling
        Conv2dSpec[] specs = {Conv2dSpec.of(1, 0), Conv2dSpec.of(2, 1), new Conv2dSpec(1, 2, 2, 1, 2, 1, 2)};
        for (Conv2dSpec sp : specs) {
            l.add(c("conv2d " + sp, t -> t[0].conv2d(t[1], sp), in(u(-1, 1, 2, 4, 5, 6), u(-1, 1, 3 * sp.groups(), 4 / sp.groups(), 3, 2))));
        }
        Conv2dSpec sp = new Conv2dSpec(2, 1, 1, 0, 1, 1, 2);
        Shape xs = Shape.of(2, 4, 5, 4);
        Shape ws = Shape.of(6, 2, 3, 2);
        int oh = sp.outH(5, 3);
        int ow = sp.outW(4, 2);
        l.add(c("conv2dInputGrad w.r.t. gy and w", t -> t[0].conv2dInputGrad(t[1], xs, sp),
                in(u(-1, 1, 2, 6, oh, ow), u(-1, 1, ws.toArray()))));
        l.add(c("conv2dWeightGrad w.r.t. x and gy", t -> t[0].conv2dWeightGrad(t[1], ws, sp),
                in(u(-1, 1, xs.toArray()), u(-1, 1, 2, 6, oh, ow))));
        l.add(c("conv2d + channel bias", t -> t[0].conv2d(t[1], Conv2dSpec.of(1, 1)).addChannelBias(t[2]),
                in(u(-1, 1, 1, 2, 4, 4), u(-1, 1, 3, 2, 3, 3), u(-1, 1, 3))));
        l.add(c("maxPool2d 2x2", t -> t[0].maxPool2d(Pool2dSpec.of(2)), in(distinct(0.05, 2, 2, 4, 6))));
        l.add(c("maxPool2d k3 s2 p1", t -> t[0].maxPool2d(Pool2dSpec.of(3, 2, 1)), in(distinct(0.05, 1, 2, 5, 5))));
        l.add(c("avgPool2d k3 s2 p1", t -> t[0].avgPool2d(Pool2dSpec.of(3, 2, 1)), in(u(-1, 1, 2, 2, 5, 5))));
        l.add(c("avgPool2d 2x3 stride 1x2", t -> t[0].avgPool2d(new Pool2dSpec(2, 3, 1, 2, 0, 1)), in(u(-1, 1, 1, 2, 4, 5))));
        // ---- FFT: each output part, real and complex inputs, forward and inverse, 1-D and 2-D
        for (int dims = 1; dims <= 2; dims++) {
            for (boolean inverse : new boolean[] {false, true}) {
                for (int part = 0; part < 2; part++) {
                    int d = dims;
                    int p = part;
                    String nm = "fft " + dims + "-D " + (inverse ? "inverse " : "forward ") + (part == 0 ? "re" : "im");
                    l.add(c(nm + " of real input", t -> Tensor.fft(t[0], null, d, inverse)[p], in(u(-1, 1, 2, 3, 5))));
                    l.add(c(nm + " of complex input", t -> Tensor.fft(t[0], t[1], d, inverse)[p],
                            in(u(-1, 1, 2, 3, 5), u(-1, 1, 2, 3, 5))));
                }
            }
        }
        l.add(c("|fft|^2 (both parts)", t -> {
            Tensor[] f = Tensor.fft(t[0], t[1], 2, false);
            return f[0].square().add(f[1].square());
        }, in(u(-1, 1, 4, 3), u(-1, 1, 4, 3))));
        // ---- second order: a gradient, recorded with createGraph, differentiated again
        l.add(c("grad of tanh(x @ w) w.r.t. w, differentiated w.r.t. x and w", t -> {
            try (GradMode.Restore r = Autograd.enableGrad()) {
                Tensor loss = t[0].matmul(t[1]).tanh().square().sum();
                return Autograd.grad(loss, null, true, t[1])[0];
            }
        }, in(u(-1, 1, 3, 4), u(-1, 1, 4, 2))));
        l.add(c("grad of conv2d w.r.t. x, differentiated again", t -> {
            try (GradMode.Restore r = Autograd.enableGrad()) {
                Tensor loss = t[0].conv2d(t[1], Conv2dSpec.of(2, 1)).square().sum();
                return Autograd.grad(loss, null, true, t[0])[0];
            }
        }, in(u(-1, 1, 1, 2, 5, 5), u(-1, 1, 2, 2, 3, 3))));
        // gradient rules that reuse the op's output must keep it in the graph, or second derivatives are wrong
        second(l, "exp", Tensor::exp, u(-1, 1, 2, 3));
        second(l, "sqrt", Tensor::sqrt, u(0.5, 2, 2, 3));
        second(l, "rsqrt", Tensor::rsqrt, u(0.5, 2, 2, 3));
        second(l, "log", Tensor::log, u(0.5, 2, 2, 3));
        second(l, "reciprocal", Tensor::reciprocal, away(0.5, 2, 2, 3));
        second(l, "tanh", Tensor::tanh, u(-1.5, 1.5, 2, 3));
        second(l, "sigmoid", Tensor::sigmoid, u(-2, 2, 2, 3));
        second(l, "erf", Tensor::erf, u(-1.5, 1.5, 2, 3));
        second(l, "sin", Tensor::sin, u(-2, 2, 2, 3));
        second(l, "pow 3", x -> x.pow(3.0), u(0.5, 2, 2, 3));
        second(l, "pow by tensor", x -> x.pow(x), u(0.5, 2, 2, 3));
        second(l, "div", x -> x.div(x.add(3.0)), u(-1, 1, 2, 3));
        second(l, "prod", x -> x.prod(1), away(0.5, 1.5, 2, 3));
        second(l, "logSumExp", x -> x.logSumExp(1), u(-1, 1, 2, 3));
        second(l, "softmax", x -> x.softmax(1), u(-1, 1, 2, 3));
        second(l, "max", x -> x.max(1).square(), distinct(0.1, 2, 3));
        second(l, "avgPool2d", x -> x.avgPool2d(Pool2dSpec.of(2)).square(), u(-1, 1, 1, 1, 4, 4));
        second(l, "circular pad", x -> x.pad(new int[] {1, 2}, new int[] {0, 1}, PadMode.CIRCULAR).square(), u(-1, 1, 2, 3));
        second(l, "gather", x -> x.gather(1, longs(2, 2, 0)).square(), u(-1, 1, 2, 3));
        second(l, "fft", x -> Tensor.fft(x, null, 1, false)[1].square(), u(-1, 1, 2, 5));
        return l.stream();
    }

    /**
     * Checks the gradient of {@code x -> d/dx sum(f(x) * w)} (w fixed), recorded with createGraph:
     * a second derivative of {@code f}.
     */
    private void second(List<GradCase> l, String name, Function<Tensor, Tensor> f, Supplier<Tensor> x) {
        l.add(c("second order: " + name, t -> {
            try (GradMode.Restore r = Autograd.enableGrad()) {
                Tensor y = f.apply(t[0]);
                Tensor w = tensor(Data.uniform(F64, 999, 0.5, 1.5, y.shape().toArray()), F64);
                return Autograd.grad(y.mul(w).sum(), null, true, t[0])[0];
            }
        }, in(x)));
    }

    /** Moves values away from the clamp bounds +-0.5, where the derivative jumps. */
    private static double offKinks(double v) {
        return Math.abs(Math.abs(v) - 0.5) < 0.05 ? v * 0.8 : v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradCases")
    public void gradientMatchesFiniteDifferences(GradCase c) {
        Tensor[] inputs = c.inputs().get();
        GradCheck.Result r = GradCheck.check(c.f(), inputs);
        assertThat(r.passes(ATOL, RTOL)).as(c.name() + ": " + r).isTrue();
    }

    @Test
    public void castPassesGradientsBetweenFloatTypes() {
        // f64 -> f32 -> f64: the function is linear, so a wide step makes float rounding negligible.
        Tensor x = tensor(Data.uniform(F64, 1, -1, 1, 2, 3), F64);
        GradCheck.Result r = GradCheck.check(t -> t[0].cast(DType.FLOAT32).mul(3.0).cast(F64), 1e-2, x);
        assertThat(r.passes(1e-4, 1e-4)).as("cast f64 -> f32 -> f64: " + r).isTrue();
        // exact check of the rule: the gradient comes back in the source dtype
        Tensor x32 = tensor(Data.uniform(DType.FLOAT32, 2, -1, 1, 3), DType.FLOAT32).requiresGrad(true);
        Tensor y = x32.cast(F64).mul(2.0).sum();
        Tensor[] g = Autograd.grad(y, x32);
        assertThat(g[0].dtype()).isEqualTo(DType.FLOAT32);
        assertThat(g[0].toDoubleArray()).containsOnly(2.0);
    }

    // ---------------------------------------------------------------- engine behaviour

    @Test
    public void gradLeavesParameterGradientsUntouched() {
        Tensor w = tensor(Data.uniform(F64, 3, -1, 1, 3), F64).requiresGrad(true);
        Tensor x = tensor(Data.uniform(F64, 4, -1, 1, 3), F64).requiresGrad(true);
        w.mul(x).sum().backward();
        Tensor before = w.grad();
        double[] beforeValues = before.toDoubleArray();
        Tensor[] g = Autograd.grad(w.mul(x).square().sum(), x);
        assertThat(w.grad()).as("w.grad() is the same tensor").isSameAs(before);
        assertThat(w.grad().toDoubleArray()).as("w.grad() values").containsExactly(beforeValues);
        double[] wv = w.toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] gv = g[0].toDoubleArray();
        for (int i = 0; i < 3; i++) {
            assertThat(gv[i]).as("d/dx sum((w x)^2)").isCloseTo(2 * wv[i] * wv[i] * xv[i], offset(1e-12));
        }
        assertThat(x.grad().toDoubleArray()).as("x.grad() from the first backward only").containsExactly(wv);
        w.zeroGrad();
        x.zeroGrad();
    }

    @Test
    public void gradientsAccumulateOverBackwardCalls() {
        Tensor x = tensor(Data.uniform(F64, 5, -1, 1, 4), F64).requiresGrad(true);
        Tensor loss = x.square().sum();
        loss.backward();
        double[] once = x.grad().toDoubleArray();
        loss.backward();
        double[] twice = x.grad().toDoubleArray();
        double[] xv = x.toDoubleArray();
        for (int i = 0; i < xv.length; i++) {
            assertThat(once[i]).isEqualTo(2 * xv[i]);
            assertThat(twice[i]).isEqualTo(4 * xv[i]);
        }
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    public void gradOfUnusedInputIsZero() {
        Tensor x = tensor(Data.uniform(F64, 6, -1, 1, 3), F64).requiresGrad(true);
        Tensor z = tensor(Data.uniform(F64, 7, -1, 1, 2, 2), F64).requiresGrad(true);
        Tensor[] g = Autograd.grad(x.exp().sum(), x, z);
        assertThat(g[1].shape()).isEqualTo(Shape.of(2, 2));
        assertThat(g[1].toDoubleArray()).containsOnly(0.0);
    }

    @Test
    public void noGradRecordsNothing() {
        Tensor x = tensor(Data.uniform(F64, 8, -1, 1, 3), F64).requiresGrad(true);
        Tensor y;
        try (GradMode.Restore r = Autograd.noGrad()) {
            y = x.mul(2.0).exp().sum();
        }
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.gradFn()).isNull();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class);
        assertThat(GradMode.isEnabled()).as("grad mode restored").isTrue();
        Tensor z = x.mul(2.0);
        assertThat(z.requiresGrad()).isTrue();
        assertThat(z.gradFn()).isNotNull();
    }

    @Test
    public void detachStopsGradients() {
        Tensor x = tensor(Data.uniform(F64, 9, -1, 1, 3), F64).requiresGrad(true);
        Tensor y = x.detach().mul(x).sum();   // d/dx = x, not 2x
        Tensor[] g = Autograd.grad(y, x);
        assertThat(g[0].toDoubleArray()).containsExactly(x.toDoubleArray());
        assertThat(x.detach().requiresGrad()).isFalse();
    }

    @Test
    public void opsWithoutGradientDoNotRecord() {
        Tensor x = tensor(Data.uniform(F64, 10, -1, 1, 3), F64).requiresGrad(true);
        for (Tensor t : new Tensor[] {x.sign(), x.floor(), x.ceil(), x.gt(0.0), x.eq(x), x.argMax(0)}) {
            assertThat(t.requiresGrad()).as(t.toString()).isFalse();
        }
    }

    @Test
    public void secondDerivativeOfACube() {
        Tensor x = tensor(Host.of(new double[] {-1.5, 0.5, 2}, 3), F64).requiresGrad(true);
        Tensor dy = Autograd.grad(x.pow(3.0).sum(), null, true, x)[0];      // 3x^2
        Tensor d2y = Autograd.grad(dy.sum(), x)[0];                         // 6x
        assertThat(dy.toDoubleArray()).containsExactly(6.75, 0.75, 12);
        assertThat(d2y.toDoubleArray()).containsExactly(-9, 3, 12);
    }

    @Test
    public void backwardNeedsAScalarOrAGradient() {
        Tensor x = tensor(Data.uniform(F64, 11, -1, 1, 3), F64).requiresGrad(true);
        Tensor y = x.mul(2.0);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
        y.backward(Tensor.onesLike(y));
        assertThat(x.grad().toDoubleArray()).containsOnly(2.0);
        x.zeroGrad();
        assertThatThrownBy(() -> y.backward(Tensor.ones(backend, F64, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Acceptance criterion: a two-layer network of raw tensors learns a synthetic task with plain SGD.
     * Data and initial weights come from host data, not the backend's generator, so every backend
     * trains the same network from the same start.
     */
    @Test
    public void twoLayerNetworkLearnsWithSgd() {
        DType f = DType.FLOAT32;
        // teacher: y = tanh(x A) v, a smooth target the student can represent
        Tensor x = tensor(Data.uniform(f, 1, -2, 2, 64, 4), f);
        Tensor a = tensor(Data.uniform(f, 2, -1, 1, 4, 6), f);
        Tensor v = tensor(Data.uniform(f, 3, -1, 1, 6, 1), f);
        Tensor y = x.matmul(a).tanh().matmul(v);
        Tensor w1 = tensor(Data.uniform(f, 4, -0.5, 0.5, 4, 32), f).requiresGrad(true);
        Tensor b1 = Tensor.zeros(backend, f, 32).requiresGrad(true);
        Tensor w2 = tensor(Data.uniform(f, 5, -0.3, 0.3, 32, 1), f).requiresGrad(true);
        Tensor b2 = Tensor.zeros(backend, f, 1).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 300; step++) {
            try (Scope s = Scope.open()) {
                Tensor pred = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
                Tensor loss = pred.sub(y).square().mean();
                loss.backward();
                last = loss.item();
                if (step == 0) {
                    first = last;
                }
                try (GradMode.Restore r = Autograd.noGrad()) {
                    for (Tensor p : params) {
                        p.applyInPlace(BinaryOp.SUB, p.grad().mul(0.2));
                        p.zeroGrad();
                    }
                }
            }
        }
        assertThat(last).as("loss after 300 SGD steps (first %s)", first).isLessThan(first / 10);
    }
}
