package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * Reductions long enough to take the work-group paths (one group per result, and several groups
 * per result with a second pass over the partial results), which the conformance kit's small
 * arrays do not reach, against sums in double precision on the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeReductionTest {
    private OpenClBackend backend;

    @BeforeAll
    void start() {
        backend = OpenClTestBackends.create();
    }

    @AfterAll
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void longReductionsOverEveryPath() {
        int[][] shapes = {{200_003}, {3, 70_001}, {70_001, 3}, {40, 5000}, {2, 3, 20_011}};
        int[][] axes = {{0}, {1}, {0}, {1}, {0, 2}};
        try (Scope s = Scope.open()) {
            for (int c = 0; c < shapes.length; c++) {
                for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                    for (ReduceOp op : ReduceOp.values()) {
                        check(shapes[c], axes[c], dt, op);
                    }
                }
            }
        }
    }

    private void check(int[] dims, int[] axes, DType dt, ReduceOp op) {
        Shape shape = Shape.of(dims);
        SplittableRandom r = new SplittableRandom(dims.length * 31L + op.ordinal());
        double[] v = new double[shape.sizeAsInt()];
        for (int i = 0; i < v.length; i++) {
            // products of many values stay finite only very close to 1
            v[i] = op == ReduceOp.PROD ? 1 + r.nextDouble(-1e-4, 1e-4) : r.nextDouble(-1, 1);
            if (dt == DType.FLOAT32) {
                v[i] = (float) v[i];
            }
        }
        NDArray x = dt == DType.FLOAT64 ? backend.fromDoubles(v, shape) : backend.cast(backend.fromDoubles(v, shape), dt);
        double[] got = backend.toDoubles(backend.reduce(op, x, axes, false));
        double[] want = reduce(v, dims, axes, op);
        assertThat(got).hasSameSizeAs(want);
        // A float product of 10^5 values near 1 rounds at every step: the order of the steps alone moves
        // it by 1e-3 (a sequential Java loop and a strided one differ as much).
        double tol = dt == DType.FLOAT64 ? 1e-10 : op == ReduceOp.PROD ? 5e-3 : 2e-4;
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s of %s over %s (%s), result %s: %s vs %s", op,
                    shape, java.util.Arrays.toString(axes), dt, i, got[i], want[i])
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(want[i])));
        }
    }

    /** The reference: a loop over the flat input, accumulating into the kept axes' row-major result. */
    private static double[] reduce(double[] v, int[] dims, int[] axes, ReduceOp op) {
        boolean[] red = new boolean[dims.length];
        int count = 1;
        for (int a : axes) {
            red[a] = true;
            count *= dims[a];
        }
        int outSize = v.length / count;
        double[] out = new double[outSize];
        java.util.Arrays.fill(out, switch (op) {
            case SUM, MEAN -> 0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        });
        int[] idx = new int[dims.length];
        for (int f = 0; f < v.length; f++) {
            int o = 0;
            for (int d = 0; d < dims.length; d++) {
                if (!red[d]) {
                    o = o * dims[d] + idx[d];
                }
            }
            out[o] = switch (op) {
                case SUM, MEAN -> out[o] + v[f];
                case PROD -> out[o] * v[f];
                case MAX -> Math.max(out[o], v[f]);
                case MIN -> Math.min(out[o], v[f]);
            };
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++idx[d] < dims[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        if (op == ReduceOp.MEAN) {
            for (int i = 0; i < outSize; i++) {
                out[i] /= count;
            }
        }
        return out;
    }

    @Test
    void argMaxAlongALongAxis() {
        try (Scope s = Scope.open()) {
            int n = 100_000;
            double[] v = new double[3 * n];
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble();
            }
            v[12_345] = 2;
            v[n + 99_999] = 2;
            v[2 * n] = 2;
            v[2 * n + 7] = 2;   // a tie: the first wins
            long[] got = backend.toLongs(backend.argMax(backend.fromDoubles(v, Shape.of(3, n)), 1, false));
            assertThat(got).containsExactly(12_345, 99_999, 0);
        }
    }
}
