package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** gather (index_select), its adjoint scatterAdd (index_add) with repeated indices, and oneHot. */
public abstract class IndexingConformance extends ConformanceBase {
    private static final long[][] INDEX_SETS = {
        {0},
        {2, 0, 1},
        {1, 1, 1, 0},        // repeated
        {},                  // empty
    };

    private NDArray indices(long[] idx, DType dt) {
        return dt == DType.INT64 ? backend.fromLongs(idx.clone(), Shape.of(idx.length))
                : backend.fromInts(Host.of(toDoubles(idx), idx.length).toInts(), Shape.of(idx.length));
    }

    private static double[] toDoubles(long[] l) {
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = l[i];
        }
        return d;
    }

    @FloatTypes
    public void gatherAlongEveryAxis(DType dt) {
        Host x = Data.uniform(dt, 1, -1, 1, 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            for (long[] idx : INDEX_SETS) {
                for (DType it : new DType[] {DType.INT32, DType.INT64}) {
                    for (Layout layout : Layout.values()) {
                        assertExact("gather axis " + axis + " " + Arrays.toString(idx) + " " + it + " " + layout,
                                backend.gather(put(x, dt, layout), axis, indices(idx, it)), dt, Naive.gather(x, axis, idx));
                    }
                }
            }
        }
        Host v = Data.uniform(dt, 2, -1, 1, 6);
        long[] idx = {5, 0, 5, 3};
        assertExact("gather from a vector", backend.gather(put(v, dt), 0, indices(idx, DType.INT64)), dt,
                Naive.gather(v, 0, idx));
    }

    @Test
    public void gatherOfIntegers() {
        Host x = Data.ints(3, -100, 100, 4, 3);
        long[] idx = {3, 3, 0};
        assertExact("gather INT64 rows", backend.gather(put(x, DType.INT64), 0, indices(idx, DType.INT64)),
                DType.INT64, Naive.gather(x, 0, idx));
    }

    @FloatTypes
    public void scatterAddAccumulatesRepeatedIndices(DType dt) {
        for (int axis = 0; axis < 3; axis++) {
            for (long[] idx : INDEX_SETS) {
                int[] shape = {3, 4, 2};
                shape[axis] = idx.length;
                Host src = Data.uniform(dt, 4, -1, 1, shape);
                int size = 5;
                for (DType it : new DType[] {DType.INT32, DType.INT64}) {
                    for (Layout layout : Layout.values()) {
                        assertClose("scatterAdd axis " + axis + " " + Arrays.toString(idx) + " " + it + " " + layout,
                                backend.scatterAdd(put(src, dt, layout), axis, indices(idx, it), size), dt,
                                Naive.scatterAdd(src, axis, idx, size));
                    }
                }
            }
        }
    }

    @FloatTypes
    public void scatterAddIsTheAdjointOfGather(DType dt) {
        // <gather(x, idx), y> = <x, scatterAdd(y, idx)>
        Host x = Data.uniform(dt, 5, -1, 1, 4, 6);
        long[] idx = {3, 0, 3, 3, 1};
        Host y = Data.uniform(dt, 6, -1, 1, 4, 5);
        Host gx = get(backend.gather(put(x, dt), 1, indices(idx, DType.INT64)));
        Host sy = get(backend.scatterAdd(put(y, dt), 1, indices(idx, DType.INT64), 6));
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < gx.size(); i++) {
            lhs += gx.data[i] * y.data[i];
        }
        for (int i = 0; i < x.size(); i++) {
            rhs += x.data[i] * sy.data[i];
        }
        assertThat(rhs).as("<x, scatterAdd(y)> vs <gather(x), y>").isCloseTo(lhs, offset(dt == DType.FLOAT32 ? 1e-4 : 1e-12));
    }

    @Test
    public void oneHot() {
        Host labels = Host.of(new double[] {2, 0, 4, 4, 1, 3}, 6);
        Host grid = Host.of(new double[] {1, 0, 2, 2}, 2, 2);
        Host scalar = Host.scalar(3);
        for (DType it : new DType[] {DType.INT32, DType.INT64}) {
            for (DType out : DType.values()) {
                assertExact("oneHot of a vector " + it + " -> " + out, backend.oneHot(put(labels, it), 5, out), out,
                        Naive.oneHot(labels, 5));
                assertExact("oneHot of a matrix " + it + " -> " + out, backend.oneHot(put(grid, it, Layout.PERMUTED), 3, out),
                        out, Naive.oneHot(grid, 3));
                assertExact("oneHot of a scalar " + it + " -> " + out, backend.oneHot(put(scalar, it), 4, out), out,
                        Naive.oneHot(scalar, 4));
                assertExact("oneHot of no labels " + it + " -> " + out, backend.oneHot(put(Host.zeros(0), it), 3, out),
                        out, Host.zeros(0, 3));
            }
        }
    }
}
