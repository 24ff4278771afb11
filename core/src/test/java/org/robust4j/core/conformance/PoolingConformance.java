package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.NaiveLinalg;
import org.robust4j.core.conformance.support.NaiveLinalg.Window;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** Max and average pooling and their gradients: strides unlike the kernel, padding, odd sizes, ties. */
public abstract class PoolingConformance extends ConformanceBase {

    /** Input shape and window {@code kh, kw, sh, sw, ph, pw}. */
    public record Case(int[] input, int kh, int kw, int sh, int sw, int ph, int pw) {
        Pool2dSpec spec() {
            return new Pool2dSpec(kh, kw, sh, sw, ph, pw);
        }

        Window window() {
            return new Window(kh, kw, sh, sw, ph, pw);
        }

        Shape out() {
            return Shape.of(input[0], input[1], window().outH(input[2]), window().outW(input[3]));
        }

        @Override
        public String toString() {
            return Arrays.toString(input) + " k" + kh + "x" + kw + " s" + sh + "x" + sw + " p" + ph + "x" + pw;
        }
    }

    static Stream<Case> problems() {
        return Stream.of(
                new Case(new int[] {1, 1, 4, 4}, 2, 2, 2, 2, 0, 0),
                new Case(new int[] {2, 3, 7, 6}, 3, 3, 2, 2, 1, 1),
                new Case(new int[] {2, 2, 5, 7}, 3, 2, 1, 2, 1, 0),
                new Case(new int[] {1, 2, 6, 5}, 3, 3, 1, 1, 0, 0),
                new Case(new int[] {2, 1, 8, 7}, 2, 2, 3, 3, 0, 0),
                new Case(new int[] {1, 3, 5, 5}, 2, 3, 2, 1, 1, 1),
                new Case(new int[] {3, 2, 9, 9}, 4, 4, 3, 3, 2, 2),
                new Case(new int[] {1, 1, 1, 1}, 1, 1, 1, 1, 0, 0),
                new Case(new int[] {0, 2, 4, 4}, 2, 2, 2, 2, 0, 0));
    }

    Stream<Arguments> cases() {
        return problems().flatMap(c -> Stream.of(Arguments.of(c, DType.FLOAT32), Arguments.of(c, DType.FLOAT64)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void maxPool(Case c, DType dt) {
        // negative values: a padded border must not win with an implicit zero
        Host x = Data.uniform(dt, 1, -3, -0.5, c.input());
        Host mixed = Data.uniform(dt, 2, -1, 1, c.input());
        for (Layout layout : Layout.values()) {
            assertClose("maxPool2d " + c + " " + layout, backend.maxPool2d(put(x, dt, layout), c.spec()), dt,
                    NaiveLinalg.maxPool2d(x, c.window()));
            assertClose("maxPool2d " + c + " " + layout, backend.maxPool2d(put(mixed, dt, layout), c.spec()), dt,
                    NaiveLinalg.maxPool2d(mixed, c.window()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void maxPoolGradGoesToTheFirstMaximum(Case c, DType dt) {
        Host distinct = Data.distinct(3, 0.25, c.input());
        Host ties = Data.ints(4, 0, 1, c.input());   // windows full of ties
        Host gy = Data.uniform(dt, 5, -1, 1, c.out().toArray());
        for (Host x : new Host[] {distinct, ties}) {
            for (Layout layout : Layout.values()) {
                assertClose("maxPool2dGrad " + c + " " + layout,
                        backend.maxPool2dGrad(put(x, dt, layout), put(gy, dt, layout), c.spec()), dt,
                        NaiveLinalg.maxPool2dGrad(x, gy, c.window()));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void avgPool(Case c, DType dt) {
        Host x = Data.uniform(dt, 6, -1, 1, c.input());
        for (Layout layout : Layout.values()) {
            assertClose("avgPool2d " + c + " " + layout, backend.avgPool2d(put(x, dt, layout), c.spec()), dt,
                    NaiveLinalg.avgPool2d(x, c.window()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void avgPoolGrad(Case c, DType dt) {
        Host gy = Data.uniform(dt, 7, -1, 1, c.out().toArray());
        for (Layout layout : Layout.values()) {
            assertClose("avgPool2dGrad " + c + " " + layout,
                    backend.avgPool2dGrad(Shape.of(c.input()), put(gy, dt, layout), c.spec()), dt,
                    NaiveLinalg.avgPool2dGrad(Shape.of(c.input()), gy, c.window()));
        }
    }

    /**
     * {@code <avgPool(x), g> = <x, avgPool2dGrad(g)>} (avgPool is linear), and
     * {@code <maxPool(x), g> = <x, maxPool2dGrad(x, g)>} (maxPool is piecewise linear and positively
     * homogeneous, so Euler's identity holds): consistency of each gradient with its forward.
     */
    @FloatTypes
    public void poolingGradientsAreAdjoints(DType dt) {
        double tol = dt == DType.FLOAT32 ? 1e-4 : 1e-10;
        problems().forEach(c -> {
            Host x = Data.distinct(8, 0.25, c.input()).roundTo(dt);
            Host g = Data.uniform(dt, 9, -1, 1, c.out().toArray());
            double lhs = dot(get(backend.avgPool2d(put(x, dt), c.spec())), g);
            double rhs = dot(x, get(backend.avgPool2dGrad(Shape.of(c.input()), put(g, dt), c.spec())));
            assertThat(rhs).as("avgPool adjoint " + c).isCloseTo(lhs, offset(tol * Math.max(1, Math.abs(lhs))));
            double mLhs = dot(get(backend.maxPool2d(put(x, dt), c.spec())), g);
            double mRhs = dot(x, get(backend.maxPool2dGrad(put(x, dt), put(g, dt), c.spec())));
            assertThat(mRhs).as("maxPool Euler identity " + c).isCloseTo(mLhs, offset(tol * Math.max(1, Math.abs(mLhs))));
        });
    }

    private static double dot(Host a, Host b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }
}
