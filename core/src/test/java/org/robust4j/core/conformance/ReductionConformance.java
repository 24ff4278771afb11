package org.robust4j.core.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** Every reduction over single, multiple and all axes with and without kept dims; logSumExp; argMax. */
public abstract class ReductionConformance extends ConformanceBase {
    private static final int[][] AXES_OF_RANK_3 = {{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};

    Stream<Arguments> reduceCases() {
        List<Arguments> a = new ArrayList<>();
        for (ReduceOp op : ReduceOp.values()) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                a.add(Arguments.of(op, dt));
            }
        }
        return a.stream();
    }

    /** Values for which every reduction is well conditioned: PROD stays near 1, SUM away from cancellation. */
    static Host input(ReduceOp op, DType dt, long seed, int... shape) {
        return op == ReduceOp.PROD ? Data.uniform(dt, seed, 0.8, 1.25, shape)
                : Data.uniform(dt, seed, -2, 3, shape);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reduceCases")
    public void reduceOverEveryAxisSet(ReduceOp op, DType dt) {
        Host x = input(op, dt, 1, 3, 4, 5);
        for (int[] axes : AXES_OF_RANK_3) {
            for (boolean keep : new boolean[] {false, true}) {
                for (Layout layout : Layout.values()) {
                    NDArray r = backend.reduce(op, put(x, dt, layout), axes, keep);
                    assertClose(op + " over " + Arrays.toString(axes) + " keepDims=" + keep + " " + layout, r, dt,
                            Naive.reduce(op, x, axes, keep));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reduceCases")
    public void reduceEdgeShapes(ReduceOp op, DType dt) {
        // size-1 axes, rank 1, rank 4, a long axis
        Object[][] cases = {
            {new int[] {1, 4, 1}, new int[] {0}},
            {new int[] {1, 4, 1}, new int[] {2}},
            {new int[] {1, 4, 1}, new int[] {0, 2}},
            {new int[] {1, 4, 1}, new int[] {0, 1, 2}},
            {new int[] {7}, new int[] {0}},
            {new int[] {1}, new int[] {0}},
            {new int[] {2, 3, 2, 3}, new int[] {1, 3}},
            {new int[] {2, 3, 2, 3}, new int[] {0, 2}},
            {new int[] {3, 101}, new int[] {1}},
        };
        for (Object[] c : cases) {
            int[] shape = (int[]) c[0];
            int[] axes = (int[]) c[1];
            Host x = input(op, dt, 2, shape);
            for (boolean keep : new boolean[] {false, true}) {
                assertClose(op + " of " + Arrays.toString(shape) + " over " + Arrays.toString(axes) + " keepDims=" + keep,
                        backend.reduce(op, put(x, dt, Layout.PERMUTED), axes, keep), dt, Naive.reduce(op, x, axes, keep));
            }
        }
    }

    @FloatTypes
    public void reduceEmptyArrays(DType dt) {
        // Reducing a non-empty axis of an empty array gives an empty result.
        Host x = Host.zeros(0, 3);
        for (ReduceOp op : ReduceOp.values()) {
            assertClose(op + " over the non-empty axis of [0, 3]", backend.reduce(op, put(x, dt), new int[] {1}, false),
                    dt, Host.zeros(0));
        }
        // Sums over an empty axis are 0 and products 1, as in NumPy.
        assertClose("SUM over an empty axis", backend.reduce(ReduceOp.SUM, put(x, dt), new int[] {0}, false), dt,
                Host.zeros(3));
        assertClose("SUM over an empty axis, kept", backend.reduce(ReduceOp.SUM, put(x, dt), new int[] {0}, true), dt,
                Host.zeros(1, 3));
        assertClose("PROD over an empty axis", backend.reduce(ReduceOp.PROD, put(x, dt), new int[] {0}, false), dt,
                Host.full(Shape.of(3), 1));
    }

    // ---------------------------------------------------------------- logSumExp

    @FloatTypes
    public void logSumExpMatchesTheDefinition(DType dt) {
        Host x = Data.uniform(dt, 3, -4, 4, 3, 4, 5);
        for (int[] axes : AXES_OF_RANK_3) {
            for (boolean keep : new boolean[] {false, true}) {
                for (Layout layout : Layout.values()) {
                    assertClose("logSumExp over " + Arrays.toString(axes) + " keepDims=" + keep + " " + layout,
                            backend.logSumExp(put(x, dt, layout), axes, keep), dt, Naive.logSumExp(x, axes, keep));
                }
            }
        }
    }

    @FloatTypes
    public void logSumExpIsStable(DType dt) {
        // Large values overflow a naive exp; -inf entries contribute nothing; an all -inf row gives -inf.
        double inf = Double.NEGATIVE_INFINITY;
        Host x = Host.of(new double[] {
            800, 801, 799.5, 800,
            -800, -801, -799.5, -800,
            inf, 0, inf, 1,
            inf, inf, inf, inf,
            3, 3, 3, 3}, 5, 4).roundTo(dt);
        for (boolean keep : new boolean[] {false, true}) {
            assertClose("logSumExp of large, tiny and -inf rows, keepDims=" + keep,
                    backend.logSumExp(put(x, dt), new int[] {1}, keep), dt, Naive.logSumExp(x, new int[] {1}, keep));
        }
        Host col = Host.of(new double[] {inf, inf, inf}, 3);
        assertClose("logSumExp of all -inf", backend.logSumExp(put(col, dt), new int[] {0}, false), dt,
                Host.scalar(inf));
    }

    // ---------------------------------------------------------------- argMax

    @FloatTypes
    public void argMaxTakesTheFirstOfTies(DType dt) {
        Host x = Data.ints(4, 0, 2, 3, 4, 5);   // few distinct values: many ties
        for (int axis = 0; axis < 3; axis++) {
            for (boolean keep : new boolean[] {false, true}) {
                for (Layout layout : Layout.values()) {
                    assertExact("argMax axis " + axis + " keepDims=" + keep + " " + layout,
                            backend.argMax(put(x, dt, layout), axis, keep), DType.INT64, Naive.argMax(x, axis, keep));
                }
            }
        }
        Host distinct = Data.distinct(5, 0.5, 4, 6);
        for (int axis = 0; axis < 2; axis++) {
            assertExact("argMax of distinct values, axis " + axis, backend.argMax(put(distinct, dt), axis, false),
                    DType.INT64, Naive.argMax(distinct, axis, false));
        }
        Host vec = Host.of(new double[] {-5, -1, -3, -1}, 4);
        assertExact("argMax of a vector is a scalar", backend.argMax(put(vec, dt), 0, false), DType.INT64,
                Host.scalar(1));
        Host ones = Host.of(new double[] {-2}, 1, 1);
        assertExact("argMax of a size-1 axis", backend.argMax(put(ones, dt), 1, true), DType.INT64, Host.zeros(1, 1));
    }
}
