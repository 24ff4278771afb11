package org.robust4j.core.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.conformance.support.NaiveLinalg;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** Batched matrix products: every transpose combination, broadcast batches, size-1 and empty dimensions, views. */
public abstract class MatmulConformance extends ConformanceBase {

    /** {@code {a batch, b batch, m, k, n}}: the logical (untransposed) problem. */
    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of(new int[0], new int[0], 5, 7, 3),
                Arguments.of(new int[0], new int[0], 1, 7, 1),
                Arguments.of(new int[0], new int[0], 5, 1, 3),
                Arguments.of(new int[0], new int[0], 1, 1, 1),
                Arguments.of(new int[0], new int[0], 13, 17, 11),
                Arguments.of(new int[] {4}, new int[] {4}, 5, 7, 3),
                Arguments.of(new int[] {2, 1}, new int[] {3}, 5, 7, 2),
                Arguments.of(new int[0], new int[] {3}, 5, 7, 2),
                Arguments.of(new int[] {1}, new int[] {4}, 2, 3, 6),
                Arguments.of(new int[] {3, 2}, new int[0], 4, 3, 5),
                Arguments.of(new int[0], new int[0], 5, 0, 3),
                Arguments.of(new int[0], new int[0], 0, 4, 3),
                Arguments.of(new int[] {0}, new int[] {1}, 2, 3, 2));
    }

    Stream<Arguments> cases() {
        return problems().flatMap(p -> Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dt ->
                Stream.of(new boolean[] {false, false}, new boolean[] {true, false}, new boolean[] {false, true},
                        new boolean[] {true, true}).map(t -> {
                            Object[] o = p.get();
                            return Arguments.of(o[0], o[1], o[2], o[3], o[4], dt, t[0], t[1]);
                        })));
    }

    /** The stored operand for a logical {@code [batch, r, c]} matrix, transposed on the host when asked. */
    private static Host operand(DType dt, long seed, int[] batch, int r, int c, boolean trans) {
        Shape s = Shape.of(batch).append(trans ? c : r, trans ? r : c);
        return uniform(dt, seed, -1, 1, s.toArray());
    }

    @ParameterizedTest(name = "{0}x{1} m={2} k={3} n={4} {5} transA={6} transB={7}")
    @MethodSource("cases")
    public void matmul(int[] batchA, int[] batchB, int m, int k, int n, DType dt, boolean transA, boolean transB) {
        Host a = operand(dt, 1, batchA, m, k, transA);
        Host b = operand(dt, 2, batchB, k, n, transB);
        Host expected = NaiveLinalg.matmul(a, b, transA, transB);
        for (Layout la : Layout.values()) {
            NDArray r = backend.matmul(put(a, dt, la), put(b, dt, Layout.values()[(la.ordinal() + 1) % 3]), transA, transB);
            assertClose("matmul " + a.shape + (transA ? "^T" : "") + " @ " + b.shape + (transB ? "^T" : "") + " " + la,
                    r, dt, expected);
        }
    }

    @FloatTypes
    public void matmulOfTransposedViewsEqualsTransposeFlags(DType dt) {
        // a permuted view passed with trans=false must behave like the stored array with trans=true
        Host a = uniform(dt, 3, -1, 1, 2, 7, 5);
        Host b = uniform(dt, 4, -1, 1, 2, 3, 7);
        NDArray aT = backend.permute(put(a, dt), 0, 2, 1);
        NDArray bT = backend.permute(put(b, dt), 0, 2, 1);
        Host expected = NaiveLinalg.matmul(Naive.permute(a, 0, 2, 1), Naive.permute(b, 0, 2, 1), false, false);
        assertClose("matmul of permuted views", backend.matmul(aT, bT, false, false), dt, expected);
        assertClose("transpose flags on permuted views", backend.matmul(bT, aT, true, true), dt,
                NaiveLinalg.matmul(b, a, false, false));
    }

    @FloatTypes
    public void matmulWithBatchAxisPermutedToTheFront(DType dt) {
        // [m, batch, k] permuted to [batch, m, k]: the batch stride is smaller than the row stride
        Host stored = uniform(dt, 5, -1, 1, 4, 3, 6);
        Host b = uniform(dt, 6, -1, 1, 3, 6, 2);
        NDArray a = backend.permute(put(stored, dt), 1, 0, 2);
        assertClose("matmul with a permuted batch axis", backend.matmul(a, put(b, dt), false, false), dt,
                NaiveLinalg.matmul(Naive.permute(stored, 1, 0, 2), b, false, false));
    }
}
