package org.robust4j.core.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** Every unary, binary and comparison op, scalar and in-place variants, and where: values against naive loops. */
public abstract class ElementwiseConformance extends ConformanceBase {
    private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

    /** Input data inside each op's domain (and away from its kinks, where rounding could flip a branch). */
    static Host unaryInput(UnaryOp op, DType dt, long seed, int... shape) {
        return switch (op) {
            case LOG, SQRT, RSQRT -> Data.uniform(dt, seed, 0.05, 4, shape);
            case LOG1P -> Data.uniform(dt, seed, -0.9, 3, shape);
            case RECIPROCAL -> Data.awayFromZero(dt, seed, 0.1, 3, shape);
            case EXP, EXPM1 -> Data.uniform(dt, seed, -5, 5, shape);
            case ERF -> Data.uniform(dt, seed, -3.5, 3.5, shape);
            case TANH, SIGMOID -> Data.uniform(dt, seed, -8, 8, shape);
            case SIN, COS -> Data.uniform(dt, seed, -6, 6, shape);
            default -> Data.uniform(dt, seed, -3, 3, shape);
        };
    }

    Stream<Arguments> unaryCases() {
        List<Arguments> a = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (DType dt : FLOATS) {
                a.add(Arguments.of(op, dt));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unaryCases")
    public void unary(UnaryOp op, DType dt) {
        for (Layout layout : Layout.values()) {
            Host x = unaryInput(op, dt, 11, 3, 5);
            NDArray in = put(x, dt, layout);
            assertClose(op + " " + layout, backend.unary(op, in), dt, Naive.unary(op, x));
        }
        Host s = unaryInput(op, dt, 12);
        assertClose(op + " of a rank-0 scalar", backend.unary(op, put(s, dt)), dt, Naive.unary(op, s));
        Host e = Host.zeros(0, 4);
        assertClose(op + " of an empty array", backend.unary(op, put(e, dt)), dt, e);
        Host big = unaryInput(op, dt, 13, 2, 3, 4, 5);
        assertClose(op + " rank 4", backend.unary(op, put(big, dt, Layout.PERMUTED)), dt, Naive.unary(op, big));
    }

    @FloatTypes
    public void unaryAtSpecialPoints(DType dt) {
        check(UnaryOp.SIGN, dt, -2, 0, 3.5, -0.0);
        check(UnaryOp.RELU, dt, -2, 0, 3.5, -0.0);
        check(UnaryOp.ABS, dt, -2, 0, 3.5, -0.0);
        check(UnaryOp.FLOOR, dt, -1.5, -1, 0.5, 2.999, -0.25);
        check(UnaryOp.CEIL, dt, -1.5, -1, 0.5, 2.001, -0.25);
        // sigmoid and tanh must saturate, not overflow into NaN
        check(UnaryOp.SIGMOID, dt, -100, -30, 0, 30, 100);
        check(UnaryOp.TANH, dt, -100, -20, 0, 20, 100);
        check(UnaryOp.ERF, dt, -10, -6, 0, 1e-3, 6, 10);
        check(UnaryOp.EXP, dt, -200, 0, 1e-8);
        check(UnaryOp.LOG1P, dt, 1e-10, -1e-10, 0);
        check(UnaryOp.EXPM1, dt, 1e-10, -1e-10, 0);
        check(UnaryOp.LOG, dt, 0, 1);
        check(UnaryOp.SQRT, dt, 0, 1, 1e-20);
    }

    private void check(UnaryOp op, DType dt, double... values) {
        Host x = Host.of(values, values.length).roundTo(dt);
        assertClose(op + " at " + x, backend.unary(op, put(x, dt)), dt, Naive.unary(op, x));
    }

    // ---------------------------------------------------------------- binary

    /** Shape pairs covering every kind of broadcasting, rank 0 and empty dimensions. */
    static Stream<Shape[]> broadcastPairs() {
        return Stream.of(
                new Shape[] {Shape.of(3, 4), Shape.of(3, 4)},
                new Shape[] {Shape.of(3, 4), Shape.of(4)},
                new Shape[] {Shape.of(4), Shape.of(3, 4)},
                new Shape[] {Shape.of(3, 1), Shape.of(1, 4)},
                new Shape[] {Shape.of(3, 1), Shape.of(4)},
                new Shape[] {Shape.of(2, 1, 4), Shape.of(3, 1)},
                new Shape[] {Shape.of(2, 3, 4), Shape.of(1, 3, 1)},
                new Shape[] {Shape.scalar(), Shape.of(3, 4)},
                new Shape[] {Shape.of(3, 4), Shape.scalar()},
                new Shape[] {Shape.scalar(), Shape.scalar()},
                new Shape[] {Shape.of(1), Shape.of(5)},
                new Shape[] {Shape.of(0, 4), Shape.of(4)},
                new Shape[] {Shape.of(0, 1), Shape.of(1, 3)});
    }

    /** Operands inside each op's domain: positive bases for POW, divisors away from zero. */
    static Host[] binaryInputs(BinaryOp op, DType dt, Shape sa, Shape sb, long seed) {
        Host a;
        Host b;
        switch (op) {
            case POW -> {
                a = Data.uniform(dt, seed, 0.2, 3, sa.toArray());
                b = Data.uniform(dt, seed + 1, -2, 2.5, sb.toArray());
            }
            case DIV -> {
                a = Data.uniform(dt, seed, -3, 3, sa.toArray());
                b = Data.awayFromZero(dt, seed + 1, 0.25, 3, sb.toArray());
            }
            case MAX, MIN -> {
                // small integers, so that ties occur
                a = Data.ints(seed, -2, 2, sa.toArray());
                b = Data.ints(seed + 1, -2, 2, sb.toArray());
            }
            default -> {
                a = Data.uniform(dt, seed, -3, 3, sa.toArray());
                b = Data.uniform(dt, seed + 1, -3, 3, sb.toArray());
            }
        }
        return new Host[] {a, b};
    }

    Stream<Arguments> binaryCases() {
        List<Arguments> a = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (DType dt : FLOATS) {
                a.add(Arguments.of(op, dt));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryCases")
    public void binaryBroadcasts(BinaryOp op, DType dt) {
        broadcastPairs().forEach(p -> {
            Host[] in = binaryInputs(op, dt, p[0], p[1], 21);
            NDArray r = backend.binary(op, put(in[0], dt), put(in[1], dt));
            assertClose(op + " " + p[0] + " with " + p[1], r, dt, Naive.binary(op, in[0], in[1]));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryCases")
    public void binaryOnViews(BinaryOp op, DType dt) {
        Host[] in = binaryInputs(op, dt, Shape.of(4, 3, 5), Shape.of(4, 3, 5), 22);
        Host[] bc = binaryInputs(op, dt, Shape.of(4, 3, 5), Shape.of(3, 1), 23);
        for (Layout la : Layout.values()) {
            for (Layout lb : Layout.values()) {
                NDArray r = backend.binary(op, put(in[0], dt, la), put(in[1], dt, lb));
                assertClose(op + " " + la + " with " + lb, r, dt, Naive.binary(op, in[0], in[1]));
                NDArray r2 = backend.binary(op, put(bc[0], dt, la), put(bc[1], dt, lb));
                assertClose(op + " " + la + " with broadcast " + lb, r2, dt, Naive.binary(op, bc[0], bc[1]));
            }
        }
    }

    @FloatTypes
    public void powOfNegativeBaseWithIntegerExponent(DType dt) {
        Host a = Data.uniform(dt, 31, -2, 2, 4, 5);
        Host b = Data.ints(32, 0, 3, 4, 5);
        assertClose("pow(negative, integer)", backend.binary(BinaryOp.POW, put(a, dt), put(b, dt)), dt,
                Naive.binary(BinaryOp.POW, a, b));
        assertClose("x^3 by binaryScalar", backend.binaryScalar(BinaryOp.POW, put(a, dt), 3, false), dt,
                Naive.binary(BinaryOp.POW, a, Host.scalar(3)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryCases")
    public void binaryScalarBothOrders(BinaryOp op, DType dt) {
        double s = op == BinaryOp.POW ? 1.7 : op == BinaryOp.MAX || op == BinaryOp.MIN ? 0.0 : -1.25;
        Host scalar = Host.scalar(Host.round(s, dt));
        for (Layout layout : Layout.values()) {
            Host[] in = binaryInputs(op, dt, Shape.of(3, 4), Shape.scalar(), 41);
            // for "s op a" the array is the divisor or the exponent
            Host a = op == BinaryOp.DIV ? Data.awayFromZero(dt, 42, 0.25, 3, 3, 4)
                    : op == BinaryOp.POW ? Data.uniform(dt, 43, -2, 2, 3, 4) : in[0];
            assertClose(op + " array-scalar " + layout, backend.binaryScalar(op, put(in[0], dt, layout), s, false),
                    dt, Naive.binary(op, in[0], scalar));
            assertClose(op + " scalar-array " + layout, backend.binaryScalar(op, put(a, dt, layout), s, true),
                    dt, Naive.binary(op, scalar, a));
        }
        Host[] r0 = binaryInputs(op, dt, Shape.scalar(), Shape.scalar(), 44);
        assertClose(op + " rank-0 with scalar", backend.binaryScalar(op, put(r0[0], dt), s, false), dt,
                Naive.binary(op, r0[0], scalar));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryCases")
    public void binaryInPlaceUpdatesDestinationOnly(BinaryOp op, DType dt) {
        for (Shape srcShape : new Shape[] {Shape.of(3, 4), Shape.of(4), Shape.of(3, 1), Shape.scalar()}) {
            Host[] in = binaryInputs(op, dt, Shape.of(3, 4), srcShape, 51);
            NDArray dst = put(in[0], dt);
            NDArray src = put(in[1], dt, Layout.STRIDED);
            backend.binaryInPlace(op, dst, src);
            assertClose(op + "= " + srcShape, dst, dt, Naive.binary(op, in[0], in[1]));
            assertExact("the source of " + op + "= is unchanged", src, dt, in[1]);
        }
    }

    @Test
    public void integerArithmeticIsExact() {
        for (DType dt : new DType[] {DType.INT32, DType.INT64}) {
            Host a = Data.ints(61, -1000, 1000, 3, 4);
            Host b = Data.ints(62, -1000, 1000, 4);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAX, BinaryOp.MIN}) {
                assertExact(op + " " + dt, backend.binary(op, put(a, dt), put(b, dt)), dt, Naive.binary(op, a, b));
            }
        }
    }

    // ---------------------------------------------------------------- comparisons and where

    Stream<Arguments> compareCases() {
        List<Arguments> a = new ArrayList<>();
        for (CompareOp op : CompareOp.values()) {
            for (DType dt : DType.values()) {
                a.add(Arguments.of(op, dt));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("compareCases")
    public void compareBroadcastsAndReturnsTheInputDtype(CompareOp op, DType dt) {
        broadcastPairs().forEach(p -> {
            Host a = Data.ints(71, -2, 2, p[0].toArray());
            Host b = Data.ints(72, -2, 2, p[1].toArray());
            assertExact(op + " " + p[0] + " with " + p[1], backend.compare(op, put(a, dt), put(b, dt)), dt,
                    Naive.compare(op, a, b));
        });
        Host a = Data.ints(73, -2, 2, 3, 4, 5);
        Host b = Data.ints(74, -2, 2, 3, 4, 5);
        for (Layout layout : Layout.values()) {
            assertExact(op + " " + layout, backend.compare(op, put(a, dt, layout), put(b, dt, Layout.STRIDED)), dt,
                    Naive.compare(op, a, b));
        }
    }

    @FloatTypes
    public void compareSeesSmallDifferences(DType dt) {
        double eps = dt == DType.FLOAT32 ? 1e-6 : 1e-14;
        Host a = Host.of(new double[] {1, 1 + eps, -0.0, 1e-30}, 4).roundTo(dt);
        Host b = Host.of(new double[] {1 + eps, 1, 0.0, 0}, 4).roundTo(dt);
        for (CompareOp op : CompareOp.values()) {
            assertExact(op + " near ties", backend.compare(op, put(a, dt), put(b, dt)), dt, Naive.compare(op, a, b));
        }
    }

    @FloatTypes
    public void whereSelectsExactly(DType dt) {
        Shape[][] cases = {
            {Shape.of(3, 4), Shape.of(3, 4), Shape.of(3, 4)},
            {Shape.of(3, 1), Shape.of(1, 4), Shape.of(3, 4)},
            {Shape.of(4), Shape.of(3, 1), Shape.scalar()},
            {Shape.scalar(), Shape.of(3, 4), Shape.of(4)},
            {Shape.of(2, 1, 4), Shape.of(3, 1), Shape.of(1, 1, 4)},
            {Shape.of(0, 4), Shape.of(4), Shape.of(1)},
        };
        double big = dt == DType.FLOAT32 ? 1e30 : 1e200;
        for (Shape[] c : cases) {
            Host cond = Data.ints(81, 0, 1, c[0].toArray()).map(v -> v * -2.5);  // any non-zero is true
            // magnitudes far apart: a blend such as b + c * (a - b) would lose the small one
            Host a = Data.uniform(dt, 82, -1, 1, c[1].toArray()).map(v -> Host.round(v * 1e-20, dt));
            Host b = Data.uniform(dt, 83, -1, 1, c[2].toArray()).map(v -> Host.round(v * big, dt));
            assertExact("where " + c[0] + " " + c[1] + " " + c[2],
                    backend.where(put(cond, dt), put(a, dt, Layout.STRIDED), put(b, dt)), dt, Naive.where(cond, a, b));
            assertExact("where, branches swapped",
                    backend.where(put(cond, dt, Layout.PERMUTED), put(b, dt), put(a, dt)), dt, Naive.where(cond, b, a));
        }
    }

    @FloatTypes
    public void whereIgnoresTheBranchNotTaken(DType dt) {
        // the where(x > 0, log(x), 0) pattern: NaN and infinities in the other branch must not leak
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Host cond = Host.of(new double[] {1, 0, 1, 0, 1, 0}, 6);
        Host a = Host.of(new double[] {2, nan, -inf, inf, 0.5, nan}, 6);
        Host b = Host.of(new double[] {nan, 3, inf, -1, -inf, -inf}, 6);
        assertExact("where with non-finite values", backend.where(put(cond, dt), put(a, dt), put(b, dt)), dt,
                Naive.where(cond, a, b));
        assertExact("where with a NaN condition (NaN != 0 is true)",
                backend.where(put(Host.of(new double[] {nan, 0}, 2), dt), put(Host.of(new double[] {1, 2}, 2), dt),
                        put(Host.of(new double[] {3, 4}, 2), dt)), dt, Host.of(new double[] {1, 4}, 2));
        assertExact("where with a -0.0 condition (-0.0 != 0 is false)",
                backend.where(put(Host.of(new double[] {-0.0, 1}, 2), dt), put(Host.of(new double[] {1, 2}, 2), dt),
                        put(Host.of(new double[] {3, 4}, 2), dt)), dt, Host.of(new double[] {3, 2}, 2));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    public void whereSelectsIntegersExactly(DType dt) {
        Host cond = Data.ints(84, 0, 1, 3, 1);
        Host a = Data.ints(85, -1000, 1000, 1, 4);
        Host b = Data.ints(86, -1000, 1000, 3, 4);
        assertExact("where " + dt, backend.where(put(cond, dt), put(a, dt), put(b, dt)), dt, Naive.where(cond, a, b));
    }

    @FloatTypes
    public void whereWithAnIntegerCondition(DType dt) {
        Host cond = Data.ints(91, 0, 2, 3, 4);
        Host a = Data.uniform(dt, 92, -1, 1, 3, 4);
        Host b = Data.uniform(dt, 93, -1, 1, 4);
        assertExact("where with an INT64 condition", backend.where(put(cond, DType.INT64), put(a, dt), put(b, dt)), dt,
                Naive.where(cond, a, b));
    }
}
