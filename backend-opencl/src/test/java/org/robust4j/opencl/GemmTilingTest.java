package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * Every tiling of the matrix-product kernel, forced one at a time, on sizes around its tile
 * edges (one less, one more, several tiles and a remainder, a single element), with every
 * transpose, broadcast batches and permuted views, against a plain triple loop in double
 * precision. Also the automatic choice on a device capped like a small GPU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GemmTilingTest {
    private final List<OpenClBackend> backends = new ArrayList<>();

    @AfterAll
    void close() {
        backends.forEach(OpenClBackend::close);
    }

    private OpenClBackend backend(OpenClOptions o) {
        OpenClBackend b = OpenClTestBackends.create(o);
        backends.add(b);
        return b;
    }

    Stream<Arguments> tiles() {
        List<Arguments> a = new ArrayList<>();
        for (GemmTile t : GemmTile.CANDIDATES) {
            a.add(Arguments.of(t, DType.FLOAT32));
            // FLOAT64 runs only the tiles the automatic choice uses for it (the others would spill registers).
            if (t.registerBytes(8) <= 256) {
                a.add(Arguments.of(t, DType.FLOAT64));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tiles")
    void everyTilingAroundItsEdges(GemmTile t, DType dt) {
        OpenClBackend b = backend(OpenClOptions.defaults().withGemmTile(t.toString()));
        int[][] sizes = {
            {1, 1, 1},
            {t.tsm() - 1, t.tsk() - 1, t.tsn() - 1},
            {t.tsm() + 1, t.tsk() + 1, t.tsn() + 1},
            {2 * t.tsm() + 3, 3 * t.tsk() + 5, t.tsn() + 7},
            {t.tsm(), t.tsk(), t.tsn()},
        };
        try (Scope s = Scope.open()) {
            for (int[] mkn : sizes) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        check(b, dt, new int[0], new int[0], Math.max(1, mkn[0]), Math.max(1, mkn[1]),
                                Math.max(1, mkn[2]), ta, tb, false);
                    }
                }
            }
            // broadcast batches and permuted (non-contiguous) operands
            check(b, dt, new int[] {2, 1}, new int[] {3}, t.tsm() + 2, t.tsk() + 3, t.tsn() - 1, false, true, true);
            check(b, dt, new int[] {3}, new int[0], 5, 2 * t.tsk() + 1, 9, true, false, true);
        }
    }

    @Test
    void automaticChoiceOnASmallDevice() {
        // A device that allows 64 work-items and 8 KiB per group must still multiply correctly.
        OpenClBackend small = backend(OpenClOptions.defaults().withLimits(64, 8));
        assertThat(small.gemm.usable(DType.FLOAT32)).allMatch(t -> t.threads() <= 64 && t.localBytes(4) <= 8 << 10);
        try (Scope s = Scope.open()) {
            check(small, DType.FLOAT32, new int[0], new int[0], 150, 70, 90, false, false, false);
            check(small, DType.FLOAT64, new int[] {4}, new int[] {4}, 33, 17, 65, true, true, false);
        }
        // And the default device large products, where the largest tiles are chosen.
        OpenClBackend big = backend(OpenClOptions.defaults());
        try (Scope s = Scope.open()) {
            check(big, DType.FLOAT32, new int[0], new int[0], 300, 129, 260, false, false, false);
            check(big, DType.FLOAT32, new int[] {2}, new int[] {2}, 257, 64, 130, true, false, false);
        }
    }

    /** {@code a [batchA..., m, k] @ b [batchB..., k, n]} (stored transposed when asked, or as a permuted view). */
    private static void check(OpenClBackend b, DType dt, int[] batchA, int[] batchB, int m, int k, int n,
                              boolean ta, boolean tb, boolean permuted) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * k + n);
        Shape sa = Shape.of(batchA).append(ta ? k : m, ta ? m : k);
        Shape sb = Shape.of(batchB).append(tb ? n : k, tb ? k : n);
        double[] av = values(rng, sa, dt);
        double[] bv = values(rng, sb, dt);
        NDArray a = upload(b, av, sa, dt, permuted);
        NDArray bb = upload(b, bv, sb, dt, false);
        NDArray c = b.matmul(a, bb, ta, tb);
        Shape batch = Shape.broadcast("matmul", Shape.of(batchA), Shape.of(batchB));
        assertThat(c.shape()).isEqualTo(batch.append(m, n));
        double[] got = b.toDoubles(c);
        int nb = (int) batch.size();
        double tol = dt == DType.FLOAT32 ? 2e-5 : 1e-13;
        for (int bi = 0; bi < nb; bi++) {
            int[] idx = unravel(bi, batch);
            int offA = offset(idx, Shape.of(batchA)) * m * k;
            int offB = offset(idx, Shape.of(batchB)) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double abs = 0;
                    for (int l = 0; l < k; l++) {
                        double x = av[offA + (ta ? l * m + i : i * k + l)];
                        double y = bv[offB + (tb ? j * k + l : l * n + j)];
                        sum += x * y;
                        abs += Math.abs(x * y);
                    }
                    double actual = got[(bi * m + i) * n + j];
                    assertThat(Math.abs(actual - sum))
                            .as("C[%s][%s][%s] of %s%s x %s%s (%s, %s)", bi, i, j, sa, ta ? "^T" : "", sb, tb ? "^T" : "",
                                    dt, permuted ? "permuted view" : "dense")
                            .isLessThanOrEqualTo(tol * Math.max(1, abs));
                }
            }
        }
    }

    private static double[] values(SplittableRandom rng, Shape s, DType dt) {
        double[] v = new double[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble(-1, 1);
            if (dt == DType.FLOAT32) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    /** Uploads row-major values; as a permuted view of the transposed storage when asked. */
    private static NDArray upload(OpenClBackend b, double[] v, Shape s, DType dt, boolean permuted) {
        NDArray dense = dt == DType.FLOAT64 ? b.fromDoubles(v, s) : b.cast(b.fromDoubles(v, s), dt);
        if (!permuted) {
            return dense;
        }
        int r = s.rank();
        int[] swap = new int[r];
        for (int i = 0; i < r; i++) {
            swap[i] = i;
        }
        swap[r - 1] = r - 2;
        swap[r - 2] = r - 1;
        // store the transpose densely, then view it transposed back: same values, non-contiguous strides
        NDArray stored = b.copy(b.permute(dense, swap));
        return b.permute(stored, swap);
    }

    private static int[] unravel(int i, Shape s) {
        int[] idx = new int[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            idx[d] = i % s.dim(d);
            i /= s.dim(d);
        }
        return idx;
    }

    /** Flat index in {@code own} (broadcast, aligned right) of a full batch index. */
    private static int offset(int[] idx, Shape own) {
        int off = 0;
        int shift = idx.length - own.rank();
        for (int d = 0; d < own.rank(); d++) {
            int i = own.dim(d) == 1 ? 0 : idx[shift + d];
            off = off * own.dim(d) + i;
        }
        return off;
    }
}
