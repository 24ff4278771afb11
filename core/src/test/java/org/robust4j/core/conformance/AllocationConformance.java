package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** Allocation, host copies, casts, copies and assignment: the primitives every other test relies on. */
public abstract class AllocationConformance extends ConformanceBase {

    static Stream<Shape> shapes() {
        return Stream.of(Shape.scalar(), Shape.of(1), Shape.of(5), Shape.of(3, 4), Shape.of(2, 1, 3),
                Shape.of(0), Shape.of(2, 0, 3));
    }

    Stream<Arguments> shapesAndTypes() {
        return shapes().flatMap(s -> Stream.of(DType.values()).map(d -> Arguments.of(s, d)));
    }

    @Test
    public void identifiesItself() {
        assertThat(backend.name()).isNotBlank();
        assertThat(backend.info()).isNotNull();
        assertThat(backend.memory()).isNotNull();
        try (NDArray a = backend.zeros(Shape.of(2, 3), DType.FLOAT32)) {
            assertThat(a.backend()).isSameAs(backend);
            assertThat(a.shape()).isEqualTo(Shape.of(2, 3));
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.isClosed()).isFalse();
            a.close();
            assertThat(a.isClosed()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    public void fullAndZeros(Shape shape, DType dtype) {
        double v = dtype.isFloating() ? -2.75 : -3;
        assertExact("full " + shape, backend.full(shape, dtype, v), dtype, Host.full(shape, v));
        assertExact("zeros " + shape, backend.zeros(shape, dtype), dtype, Host.zeros(shape));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    public void fullRoundsToTheDtype(DType dtype) {
        // 0.1 is not a float; integer dtypes truncate toward zero.
        NDArray a = backend.full(Shape.of(3), dtype, 0.1);
        NDArray b = backend.full(Shape.of(2), dtype, -7.9);
        assertExact("full(0.1)", a, dtype, Host.full(Shape.of(3), Host.round(0.1, dtype)));
        assertExact("full(-7.9)", b, dtype, Host.full(Shape.of(2), Host.round(-7.9, dtype)));
    }

    @Test
    public void hostRoundTripsAreExact() {
        float[] f = {0f, -1.5f, 3.1415927f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-30f};
        double[] d = {0, -1.5, Math.PI, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300};
        int[] i = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42, 7};
        long[] l = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 60) + 1, 9_007_199_254_740_993L};
        Shape s = Shape.of(2, 3);
        assertThat(backend.toFloats(backend.fromFloats(f, s))).containsExactly(f);
        assertThat(backend.toDoubles(backend.fromDoubles(d, s))).containsExactly(d);
        assertThat(backend.toInts(backend.fromInts(i, s))).containsExactly(i);
        // INT64 must hold every long exactly, including those a double cannot represent.
        assertThat(backend.toLongs(backend.fromLongs(l, s))).containsExactly(l);
        assertThat(backend.fromInts(i, s).dtype()).isEqualTo(DType.INT32);
        assertThat(backend.fromLongs(l, s).dtype()).isEqualTo(DType.INT64);
        assertThat(backend.fromFloats(f, s).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(backend.fromDoubles(d, s).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    public void hostCopiesConvertBetweenTypes() {
        double[] d = {2.7, -2.7, 0.5, -0.5, 1e10, 0.1};
        NDArray a = backend.fromDoubles(d, Shape.of(6));
        float[] f = backend.toFloats(a);
        long[] l = backend.toLongs(a);
        for (int k = 0; k < d.length; k++) {
            assertThat(f[k]).as("toFloats of FLOAT64 %s", d[k]).isEqualTo((float) d[k]);
            assertThat(l[k]).as("toLongs truncates %s", d[k]).isEqualTo((long) d[k]);
        }
        NDArray ints = backend.fromInts(new int[] {-3, 0, 5}, Shape.of(3));
        assertThat(backend.toDoubles(ints)).containsExactly(-3, 0, 5);
        assertThat(backend.toFloats(ints)).containsExactly(-3f, 0f, 5f);
        assertThat(backend.toLongs(ints)).containsExactly(-3L, 0L, 5L);
        NDArray fl = backend.fromFloats(new float[] {0.1f, -7.9f}, Shape.of(2));
        assertThat(backend.toDoubles(fl)).containsExactly((double) 0.1f, (double) -7.9f);
        assertThat(backend.toInts(fl)).containsExactly(0, -7);
    }

    Stream<Arguments> dtypePairs() {
        return Stream.of(DType.values()).flatMap(a -> Stream.of(DType.values()).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dtypePairs")
    public void castConvertsEveryPair(DType from, DType to) {
        Host values = Host.of(new double[] {-3, -1.5, -0.1, 0, 0.1, 2.25, 7, 100.7, 0.3, -42}, 2, 5)
                .roundTo(from);
        for (Layout layout : Layout.values()) {
            NDArray src = put(values, from, layout);
            NDArray c = backend.cast(src, to);
            assertExact("cast " + from + " -> " + to + " " + layout, c, to, values.roundTo(to));
            assertExact("cast leaves its input alone", src, from, values);
        }
    }

    @Test
    public void castKeepsLargeLongsExact() {
        long[] l = {(1L << 60) + 1, -(1L << 53) - 1};
        NDArray a = backend.fromLongs(l, Shape.of(2));
        assertThat(backend.toLongs(backend.cast(a, DType.INT64))).containsExactly(l);
        assertThat(backend.toLongs(backend.copy(a))).containsExactly(l);
        assertThat(backend.toInts(backend.cast(a, DType.INT32))).containsExactly((int) l[0], (int) l[1]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndTypes")
    public void copyIsIndependent(Shape shape, DType dtype) {
        Host h = uniform(DType.FLOAT64, 1, -5, 5, shape.toArray()).roundTo(dtype);
        for (Layout layout : Layout.values()) {
            NDArray src = put(h, dtype, layout);
            NDArray c = backend.copy(src);
            assertExact("copy " + layout, c, dtype, h);
            backend.assign(c, backend.full(Shape.scalar(), dtype, 9));
            assertExact("the source after assigning into its copy", src, dtype, h);
        }
    }

    Stream<Arguments> assignCases() {
        return Stream.of(
                Arguments.of(Shape.of(2, 3), Shape.of(2, 3)),
                Arguments.of(Shape.of(2, 3), Shape.of(3)),
                Arguments.of(Shape.of(2, 3), Shape.of(2, 1)),
                Arguments.of(Shape.of(2, 3), Shape.of(1, 1)),
                Arguments.of(Shape.of(2, 3), Shape.scalar()),
                Arguments.of(Shape.of(4, 2, 3), Shape.of(2, 1)),
                Arguments.of(Shape.scalar(), Shape.scalar()),
                Arguments.of(Shape.of(0, 3), Shape.of(3)));
    }

    @ParameterizedTest(name = "{1} into {0}")
    @MethodSource("assignCases")
    public void assignBroadcasts(Shape dstShape, Shape srcShape) {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Host src = uniform(dt, 2, -1, 1, srcShape.toArray());
            for (Layout layout : Layout.values()) {
                NDArray dst = backend.zeros(dstShape, dt);
                NDArray s = put(src, dt, layout);
                backend.assign(dst, s);
                assertExact("assign " + srcShape + " into " + dstShape + " " + dt + " " + layout, dst, dt,
                        Naive.broadcastTo(src, dstShape));
                assertExact("assign leaves its source alone", s, dt, src);
            }
        }
    }

    @Test
    public void assignConvertsTheSourceDtype() {
        Host src = Host.of(new double[] {0.1, -2.7, 3.5}, 3);
        NDArray d64 = backend.fromDoubles(src.data.clone(), Shape.of(3));
        NDArray f32 = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
        backend.assign(f32, d64);
        assertExact("FLOAT64 into FLOAT32", f32, DType.FLOAT32,
                Naive.broadcastTo(src.roundTo(DType.FLOAT32), Shape.of(2, 3)));
        NDArray i64 = backend.zeros(Shape.of(3), DType.INT64);
        backend.assign(i64, d64);
        assertExact("FLOAT64 into INT64 truncates", i64, DType.INT64, src.roundTo(DType.INT64));
        NDArray back = backend.zeros(Shape.of(3), DType.FLOAT64);
        backend.assign(back, backend.fromFloats(src.toFloats(), Shape.of(3)));
        assertExact("FLOAT32 into FLOAT64", back, DType.FLOAT64, src.roundTo(DType.FLOAT32));
    }
}
