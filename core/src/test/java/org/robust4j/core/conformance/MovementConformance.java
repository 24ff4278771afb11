package org.robust4j.core.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** reshape, permute, strided slices, setSlice, concat, zero and circular padding, broadcastTo. Exact results. */
public abstract class MovementConformance extends ConformanceBase {

    @FloatTypes
    public void reshape(DType dt) {
        Host x = Data.uniform(dt, 1, -1, 1, 2, 3, 4);
        int[][] targets = {{24}, {4, 6}, {2, 12}, {1, 24, 1}, {2, 3, 2, 2}, {6, 4}};
        for (int[] t : targets) {
            for (Layout layout : Layout.values()) {
                // a view must be read in its logical row-major order, not its storage order
                NDArray in = put(x, dt, layout);
                assertExact("reshape " + x.shape + " -> " + Arrays.toString(t) + " " + layout,
                        backend.reshape(in, Shape.of(t)), dt, new Host(Shape.of(t), x.data));
                assertExact("reshape leaves its input alone", in, dt, x);
            }
        }
        Host one = Host.of(new double[] {4.5}, 1, 1);
        assertExact("reshape [1,1] -> []", backend.reshape(put(one, dt), Shape.scalar()), dt, Host.scalar(4.5));
        assertExact("reshape [] -> [1]", backend.reshape(put(Host.scalar(4.5), dt), Shape.of(1)), dt, Host.of(new double[] {4.5}, 1));
        assertExact("reshape of an empty array", backend.reshape(put(Host.zeros(0, 3), dt), Shape.of(3, 0, 2)), dt,
                Host.zeros(3, 0, 2));
        NDArray sliced = backend.slice(put(x, dt), new int[] {0, 1, 0}, new int[] {2, 3, 4}, new int[] {1, 1, 2});
        assertExact("reshape of a strided slice", backend.reshape(sliced, Shape.of(8)), dt,
                new Host(Shape.of(8), Naive.slice(x, new int[] {0, 1, 0}, new int[] {2, 3, 4}, new int[] {1, 1, 2}).data));
    }

    @FloatTypes
    public void permute(DType dt) {
        Host x = Data.uniform(dt, 2, -1, 1, 2, 3, 4);
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            for (Layout layout : Layout.values()) {
                assertExact("permute " + Arrays.toString(p) + " " + layout, backend.permute(put(x, dt, layout), p), dt,
                        Naive.permute(x, p));
            }
        }
        Host x4 = Data.uniform(dt, 3, -1, 1, 2, 1, 3, 2);
        assertExact("permute rank 4", backend.permute(put(x4, dt), 3, 1, 0, 2), dt, Naive.permute(x4, 3, 1, 0, 2));
        Host v = Data.uniform(dt, 4, -1, 1, 5);
        assertExact("permute rank 1", backend.permute(put(v, dt), 0), dt, v);
        NDArray twice = backend.permute(backend.permute(put(x, dt), 2, 0, 1), 2, 0, 1);
        assertExact("permute of a permute", twice, dt, Naive.permute(Naive.permute(x, 2, 0, 1), 2, 0, 1));
        assertExact("permute of an empty array", backend.permute(put(Host.zeros(2, 0, 3), dt), 2, 0, 1), dt,
                Host.zeros(3, 2, 0));
    }

    @FloatTypes
    public void sliceWithSteps(DType dt) {
        Host x = Data.uniform(dt, 5, -1, 1, 5, 7, 4);
        int[][][] cases = {
            {{0, 0, 0}, {5, 7, 4}, {1, 1, 1}},
            {{1, 2, 0}, {4, 7, 4}, {1, 1, 1}},
            {{0, 0, 0}, {5, 7, 4}, {2, 3, 2}},
            {{1, 1, 1}, {5, 6, 4}, {3, 2, 5}},
            {{4, 6, 3}, {5, 7, 4}, {1, 1, 1}},
            {{2, 0, 0}, {2, 7, 4}, {1, 1, 1}},   // empty
            {{0, 3, 0}, {5, 4, 4}, {7, 1, 1}},   // step larger than the axis
        };
        for (int[][] c : cases) {
            for (Layout layout : Layout.values()) {
                assertExact("slice " + Arrays.deepToString(c) + " " + layout,
                        backend.slice(put(x, dt, layout), c[0], c[1], c[2]), dt, Naive.slice(x, c[0], c[1], c[2]));
            }
        }
        NDArray s1 = backend.slice(put(x, dt), new int[] {1, 0, 0}, new int[] {5, 7, 4}, new int[] {2, 2, 1});
        NDArray s2 = backend.slice(s1, new int[] {1, 1, 1}, new int[] {2, 4, 4}, new int[] {1, 2, 2});
        Host e1 = Naive.slice(x, new int[] {1, 0, 0}, new int[] {5, 7, 4}, new int[] {2, 2, 1});
        assertExact("slice of a slice", s2, dt, Naive.slice(e1, new int[] {1, 1, 1}, new int[] {2, 4, 4}, new int[] {1, 2, 2}));
        Host v = Data.uniform(dt, 6, -1, 1, 10);
        assertExact("slice of a vector", backend.slice(put(v, dt), new int[] {2}, new int[] {9}, new int[] {3}), dt,
                Naive.slice(v, new int[] {2}, new int[] {9}, new int[] {3}));
    }

    @FloatTypes
    public void setSliceWritesOnlyTheRegion(DType dt) {
        Host dst = Data.uniform(dt, 7, -1, 1, 5, 7, 4);
        int[][][] cases = {
            {{0, 0, 0}, {1, 1, 1}, {5, 7, 4}},
            {{1, 2, 0}, {1, 1, 1}, {3, 4, 4}},
            {{0, 1, 1}, {2, 3, 2}, {3, 2, 2}},
            {{4, 6, 3}, {1, 1, 1}, {1, 1, 1}},
            {{1, 0, 0}, {3, 1, 1}, {0, 7, 4}},   // empty source: nothing changes
        };
        for (int[][] c : cases) {
            Host src = Data.uniform(dt, 8, 2, 3, c[2]);
            for (Layout layout : Layout.values()) {
                NDArray d = put(dst, dt);
                NDArray s = put(src, dt, layout);
                backend.setSlice(d, s, c[0], c[1]);
                assertExact("setSlice at " + Arrays.toString(c[0]) + " step " + Arrays.toString(c[1]) + " " + layout,
                        d, dt, Naive.setSlice(dst, src, c[0], c[1]));
                assertExact("setSlice leaves its source alone", s, dt, src);
            }
        }
        Host scalar = Host.scalar(9);
        NDArray d0 = put(Host.scalar(1), dt);
        backend.setSlice(d0, put(scalar, dt), new int[0], new int[0]);
        assertExact("setSlice of rank 0", d0, dt, scalar);
    }

    @FloatTypes
    public void concatAlongEveryAxis(DType dt) {
        for (int axis = 0; axis < 3; axis++) {
            List<Host> parts = new ArrayList<>();
            int[] sizes = {2, 1, 0, 3};
            for (int i = 0; i < sizes.length; i++) {
                int[] s = {2, 3, 4};
                s[axis] = sizes[i];
                parts.add(Data.uniform(dt, 10 + i, -1, 1, s));
            }
            for (Layout layout : Layout.values()) {
                List<NDArray> arrays = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    arrays.add(put(parts.get(i), dt, Layout.values()[(layout.ordinal() + i) % 3]));
                }
                assertExact("concat along " + axis + " " + layout, backend.concat(arrays, axis), dt,
                        Naive.concat(parts, axis));
            }
            assertExact("concat of one array", backend.concat(List.of(put(parts.get(0), dt)), axis), dt, parts.get(0));
        }
        Host a = Data.uniform(dt, 20, -1, 1, 3);
        Host b = Data.uniform(dt, 21, -1, 1, 2);
        assertExact("concat of vectors", backend.concat(List.of(put(a, dt), put(b, dt)), 0), dt,
                Naive.concat(List.of(a, b), 0));
    }

    @Test
    public void concatOfIntegers() {
        Host a = Data.ints(22, -5, 5, 2, 3);
        Host b = Data.ints(23, -5, 5, 2, 1);
        assertExact("concat INT64", backend.concat(List.of(put(a, DType.INT64), put(b, DType.INT64)), 1), DType.INT64,
                Naive.concat(List.of(a, b), 1));
    }

    @FloatTypes
    public void padZeroAndCircular(DType dt) {
        Object[][] cases = {
            {new int[] {5}, new int[] {2}, new int[] {3}},
            {new int[] {2}, new int[] {5}, new int[] {3}},           // wider than the axis, both sides
            {new int[] {1}, new int[] {2}, new int[] {2}},           // size-1 axis: circular repeats it
            {new int[] {3, 4}, new int[] {1, 0}, new int[] {0, 2}},
            {new int[] {3, 4}, new int[] {4, 9}, new int[] {7, 5}},  // several wraps
            {new int[] {2, 3, 4, 5}, new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 2}},  // NCHW spatial padding
            {new int[] {2, 3}, new int[] {0, 0}, new int[] {0, 0}},  // no padding at all
        };
        for (Object[] c : cases) {
            int[] shape = (int[]) c[0];
            int[] before = (int[]) c[1];
            int[] after = (int[]) c[2];
            Host x = Data.uniform(dt, 30, -1, 1, shape);
            for (Layout layout : Layout.values()) {
                String what = Arrays.toString(shape) + " before " + Arrays.toString(before) + " after "
                        + Arrays.toString(after) + " " + layout;
                assertExact("zero pad " + what, backend.pad(put(x, dt, layout), before, after, PadMode.ZERO), dt,
                        Naive.pad(x, before, after, false));
                assertExact("circular pad " + what, backend.pad(put(x, dt, layout), before, after, PadMode.CIRCULAR), dt,
                        Naive.pad(x, before, after, true));
            }
        }
        assertExact("zero pad of an empty axis", backend.pad(put(Host.zeros(0, 2), dt), new int[] {1, 0},
                new int[] {2, 1}, PadMode.ZERO), dt, Host.zeros(3, 3));
    }

    @FloatTypes
    public void broadcastTo(DType dt) {
        Object[][] cases = {
            {new int[] {3}, new int[] {2, 3}},
            {new int[] {2, 1}, new int[] {2, 4}},
            {new int[0], new int[] {2, 3}},
            {new int[] {3, 1}, new int[] {2, 3, 4}},
            {new int[] {1, 1}, new int[] {0, 1}},
            {new int[] {2, 3}, new int[] {2, 3}},
            {new int[] {1}, new int[] {5}},
        };
        for (Object[] c : cases) {
            Host x = Data.uniform(dt, 40, -1, 1, (int[]) c[0]);
            Shape target = Shape.of((int[]) c[1]);
            for (Layout layout : Layout.values()) {
                NDArray out = backend.broadcastTo(put(x, dt, layout), target);
                assertExact("broadcastTo " + x.shape + " -> " + target + " " + layout, out, dt, Naive.broadcastTo(x, target));
            }
        }
    }
}
