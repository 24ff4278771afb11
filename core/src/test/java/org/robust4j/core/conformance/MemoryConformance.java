package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.MemoryStats;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Deterministic release: what a {@link Scope} allocates is freed when it closes, kept arrays move
 * to the parent, views share storage that is freed once, and a long training loop in scopes
 * leaves the backend's live arrays and bytes exactly where they started.
 */
public abstract class MemoryConformance extends ConformanceBase {

    private MemoryStats mem() {
        return backend.memory();
    }

    @Test
    public void releasingPooledBuffersEmptiesThePoolAndKeepsLiveArrays() {
        NDArray kept = backend.full(Shape.of(1000), DType.FLOAT32, 3);
        try (Scope s = Scope.open()) {
            for (int n = 1000; n <= 64_000; n *= 4) {
                backend.unary(UnaryOp.EXP, backend.full(Shape.of(n), DType.FLOAT32, 0));
            }
        }
        MemoryStats before = mem();
        backend.releasePooled();
        assertThat(mem().pooledBytes()).as("pooled bytes after releasePooled").isZero();
        assertThat(mem().liveArrays()).isEqualTo(before.liveArrays());
        assertThat(mem().liveBytes()).isEqualTo(before.liveBytes());
        assertThat(backend.toFloats(kept)).containsOnly(3f);
        try (Scope s = Scope.open()) {   // the backend allocates again as usual
            assertThat(backend.toFloats(backend.unary(UnaryOp.NEG, kept))).containsOnly(-3f);
        }
        kept.close();
    }

    @Test
    public void scopeReleasesEverythingItAllocated() {
        MemoryStats before = mem();
        try (Scope s = Scope.open()) {
            NDArray a = backend.full(Shape.of(100), DType.FLOAT32, 1);
            NDArray b = backend.unary(UnaryOp.EXP, a);
            NDArray c = backend.binary(BinaryOp.ADD, a, b);
            backend.reduce(ReduceOp.SUM, c, new int[] {0}, false);
            backend.reshape(c, Shape.of(10, 10));
            assertThat(mem().liveArrays()).as("live arrays inside the scope").isGreaterThanOrEqualTo(before.liveArrays() + 5);
            assertThat(mem().liveBytes()).as("live bytes inside the scope").isGreaterThan(before.liveBytes());
            assertThat(s.size()).isEqualTo(5);
        }
        assertThat(mem().liveArrays()).as("live arrays after the scope").isEqualTo(before.liveArrays());
        assertThat(mem().liveBytes()).as("live bytes after the scope").isEqualTo(before.liveBytes());
    }

    @Test
    public void keepHandsAnArrayToTheParentScope() {
        MemoryStats before = mem();
        NDArray kept;
        Tensor keptTensor;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                NDArray tmp = backend.full(Shape.of(8), DType.FLOAT64, 2);
                kept = inner.keep(backend.unary(UnaryOp.SQUARE, tmp));
                keptTensor = inner.keep(Tensor.wrap(backend.full(Shape.of(3), DType.FLOAT32, 5)));
            }
            assertThat(kept.isClosed()).as("kept array after the inner scope").isFalse();
            assertThat(backend.toDoubles(kept)).containsOnly(4.0);
            assertThat(keptTensor.toDoubleArray()).containsOnly(5.0);
            assertThat(mem().liveArrays()).as("only the two kept arrays are alive").isEqualTo(before.liveArrays() + 2);
        }
        assertThat(kept.isClosed()).as("kept array after the outer scope").isTrue();
        assertThat(mem().liveArrays()).isEqualTo(before.liveArrays());
        assertThat(mem().liveBytes()).isEqualTo(before.liveBytes());
    }

    @Test
    public void untrackedArraysOutliveScopesUntilClosed() {
        MemoryStats before = mem();
        NDArray param;
        try (Scope s = Scope.open()) {
            param = Scope.untracked(() -> backend.full(Shape.of(4), DType.FLOAT32, 3));
        }
        assertThat(param.isClosed()).isFalse();
        assertThat(backend.toDoubles(param)).containsOnly(3.0);
        param.close();
        param.close();  // idempotent: the second close must not release twice
        assertThat(mem().liveArrays()).isEqualTo(before.liveArrays());
        assertThat(mem().liveBytes()).isEqualTo(before.liveBytes());
    }

    @Test
    public void scopesCloseInnermostFirst() {
        Scope outer = Scope.open();
        Scope inner = Scope.open();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("innermost");
        inner.close();
        outer.close();
    }

    /** Every order of closing an array and three views of it frees the shared storage exactly once. */
    @Test
    public void viewsClosedInAnyOrderFreeTheStorageOnce() {
        Host h = Data.uniform(DType.FLOAT32, 1, -1, 1, 4, 6);
        List<int[]> orders = permutations(4);
        for (int[] order : orders) {
            MemoryStats before = mem();
            NDArray base = put(h, DType.FLOAT32);
            NDArray[] all = {
                base,
                backend.reshape(base, Shape.of(6, 4)),
                backend.permute(base, 1, 0),
                backend.slice(base, new int[] {1, 0}, new int[] {4, 6}, new int[] {2, 3}),
            };
            double[][] expected = new double[4][];
            for (int i = 0; i < 4; i++) {
                expected[i] = backend.toDoubles(all[i]);
            }
            for (int k = 0; k < 4; k++) {
                all[order[k]].close();
                all[order[k]].close();
                for (int j = k + 1; j < 4; j++) {
                    assertThat(backend.toDoubles(all[order[j]]))
                            .as("view %s still readable after closing %s", order[j], Arrays.toString(order))
                            .containsExactly(expected[order[j]]);
                }
                assertThat(mem().liveArrays()).as("live arrays after closing %s of %s", k + 1,
                        Arrays.toString(order)).isEqualTo(before.liveArrays() + 3 - k);
            }
            assertThat(mem().liveBytes()).as("live bytes after closing all in order %s", Arrays.toString(order))
                    .isEqualTo(before.liveBytes());
        }
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }

    // ---------------------------------------------------------------- defaults and primitives do not leak

    /** An op under test: builds its inputs, calls the backend, returns the handles it gave back. */
    public record Op(String name, Supplier<NDArray[]> inputs, Function<NDArray[], NDArray[]> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> ops() {
        Shape s = Shape.of(3, 4);
        DType f = DType.FLOAT32;
        Supplier<NDArray[]> one = () -> new NDArray[] {put(Data.uniform(f, 1, 0.5, 2, 3, 4), f)};
        Supplier<NDArray[]> two = () -> new NDArray[] {put(Data.uniform(f, 1, 0.5, 2, 3, 4), f),
            put(Data.uniform(f, 2, 0.5, 2, 4), f)};
        Supplier<NDArray[]> none = () -> new NDArray[0];
        Supplier<NDArray[]> conv = () -> new NDArray[] {put(Data.uniform(f, 3, -1, 1, 2, 4, 5, 5), f),
            put(Data.uniform(f, 4, -1, 1, 6, 2, 3, 3), f), put(Data.uniform(f, 5, -1, 1, 2, 6, 3, 3), f)};
        Conv2dSpec grouped = new Conv2dSpec(1, 1, 0, 0, 1, 1, 2);
        Supplier<NDArray[]> idx = () -> new NDArray[] {put(Data.uniform(f, 6, -1, 1, 3, 4), f),
            backend.fromLongs(new long[] {1, 1, 0}, Shape.of(3))};
        return Stream.of(
                new Op("zeros", none, a -> new NDArray[] {backend.zeros(s, f)}),
                new Op("binaryScalar", one, a -> new NDArray[] {backend.binaryScalar(BinaryOp.MUL, a[0], 2, true)}),
                new Op("binaryInPlace", two, a -> {
                    backend.binaryInPlace(BinaryOp.ADD, a[0], a[1]);
                    return new NDArray[0];
                }),
                new Op("where", two, a -> new NDArray[] {backend.where(a[1], a[0], a[1])}),
                new Op("logSumExp", one, a -> new NDArray[] {backend.logSumExp(a[0], new int[] {1}, false)}),
                new Op("logSumExp keepDims", one, a -> new NDArray[] {backend.logSumExp(a[0], new int[] {0, 1}, true)}),
                new Op("broadcastTo", two, a -> new NDArray[] {backend.broadcastTo(a[1], s)}),
                new Op("pad zero", one, a -> new NDArray[] {backend.pad(a[0], new int[] {1, 2}, new int[] {0, 3}, PadMode.ZERO)}),
                new Op("pad circular", one, a -> new NDArray[] {backend.pad(a[0], new int[] {1, 5}, new int[] {0, 3}, PadMode.CIRCULAR)}),
                new Op("scatterAdd", idx, a -> new NDArray[] {backend.scatterAdd(a[0], 0, a[1], 4)}),
                new Op("oneHot", idx, a -> new NDArray[] {backend.oneHot(a[1], 3, f)}),
                new Op("randomUniform", none, a -> new NDArray[] {backend.randomUniform(s, f, 0, 1, 1)}),
                new Op("randomNormal", none, a -> new NDArray[] {backend.randomNormal(s, f, 0, 1, 1)}),
                new Op("randomLaplace", none, a -> new NDArray[] {backend.randomLaplace(s, f, 0, 1, 1)}),
                new Op("randomBernoulli", none, a -> new NDArray[] {backend.randomBernoulli(s, f, 0.5, 1)}),
                new Op("fft 1-D", two, a -> backend.fft(a[0], null, 1, false)),
                new Op("fft 2-D complex inverse", one, a -> backend.fft(a[0], a[0], 2, true)),
                new Op("conv2d grouped", conv, a -> new NDArray[] {backend.conv2d(a[0], a[1], grouped)}),
                new Op("conv2dBackward grouped", conv, a -> backend.conv2dBackward(a[0], a[1], a[2], grouped, true, true)),
                new Op("conv2dBackward input only", conv, a -> backend.conv2dBackward(a[0], a[1], a[2], grouped, true, false)),
                new Op("matmul", two, a -> new NDArray[] {backend.matmul(a[0], a[0], false, true)}))
                .map(Arguments::of);
    }

    /** A primitive or default leaves alive only its inputs and the handles it returns: no temporaries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    public void opsLeaveOnlyTheirResultsAlive(Op op) {
        MemoryStats before = mem();
        try (Scope s = Scope.open()) {
            NDArray[] in = op.inputs().get();
            long withInputs = mem().liveArrays();
            NDArray[] out = op.call().apply(in);
            long results = Arrays.stream(out).filter(Objects::nonNull).count();
            assertThat(mem().liveArrays()).as(op.name() + ": live arrays after the call (inputs + results)")
                    .isEqualTo(withInputs + results);
        }
        assertThat(mem().liveArrays()).as(op.name() + ": live arrays after its scope").isEqualTo(before.liveArrays());
        assertThat(mem().liveBytes()).as(op.name() + ": live bytes after its scope").isEqualTo(before.liveBytes());
    }

    // ---------------------------------------------------------------- the acceptance loop

    /**
     * Acceptance criterion: 10 000 steps of matmul + add + backward + SGD update, each in a scope,
     * leave live arrays and bytes exactly where they started.
     */
    @Test
    public void tenThousandTrainingStepsInScopesLeakNothing() {
        Generator g = new Generator(2024);
        DType f = DType.FLOAT32;
        Tensor w = Tensor.randn(backend, g, f, 8, 8).mul(0.1).detach().requiresGrad(true);
        Tensor b = Tensor.zeros(backend, f, 8).requiresGrad(true);
        Tensor x = Tensor.randn(backend, g, f, 4, 8);
        MemoryStats start = mem();
        MemoryStats afterFirst = null;
        for (int step = 0; step < 10_000; step++) {
            try (Scope s = Scope.open()) {
                Tensor y = x.matmul(w).add(b).tanh();
                Tensor loss = y.square().mean();
                loss.backward();
                try (GradMode.Restore r = Autograd.noGrad()) {
                    w.applyInPlace(BinaryOp.SUB, w.grad().mul(1e-3));
                    b.applyInPlace(BinaryOp.SUB, b.grad().mul(1e-3));
                }
                w.zeroGrad();
                b.zeroGrad();
            }
            if (step == 0) {
                afterFirst = mem();
            }
        }
        assertThat(afterFirst.liveArrays()).as("live arrays after the first step").isEqualTo(start.liveArrays());
        assertThat(mem().liveArrays()).as("live arrays after 10 000 steps").isEqualTo(start.liveArrays());
        assertThat(mem().liveBytes()).as("live bytes after 10 000 steps").isEqualTo(start.liveBytes());
        for (double v : w.toDoubleArray()) {
            assertThat(v).as("the parameters survived the scopes").isFinite();
        }
    }

    @Test
    public void gradientsAccumulatedAcrossScopesLiveOutsideThem() {
        Tensor w = Tensor.ones(backend, DType.FLOAT64, 3).requiresGrad(true);
        MemoryStats start = mem();
        for (int i = 0; i < 3; i++) {
            try (Scope s = Scope.open()) {
                w.mul(w).sum().backward();
            }
        }
        assertThat(w.grad().toDoubleArray()).as("three accumulated gradients of sum(w^2)").containsOnly(6.0);
        assertThat(mem().liveArrays()).as("only the gradient is alive").isEqualTo(start.liveArrays() + 1);
        w.zeroGrad();
        assertThat(mem().liveArrays()).isEqualTo(start.liveArrays());
    }
}
