package org.robust4j.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * fp32 matrix product of two random n x n matrices through the {@code Tensor} frontend (a new
 * output per call, as {@code torch.mm}), in GFLOP/s = 2 n^3 / seconds. The check is the largest
 * error of the first output row against a double-precision dot product.
 */
final class GemmRow extends Row {
    private final int n;

    GemmRow(int n) {
        super("gemm-" + n, "GFLOP/s", true, "fp32 matmul " + n + " x " + n + " through the Tensor frontend");
        this.n = n;
    }

    @Override
    RowResult run(Bench bench) {
        Backend b = bench.backend();
        Generator g = new Generator(3);
        Tensor a = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, n, n));
        Tensor w = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, n, n));
        float[][] firstRow = new float[1][];
        GatedTimer.Timing t = bench.timer().time(() -> {
            try (Scope s = Scope.open()) {
                Tensor c = a.matmul(w);
                bench.sync();
                if (firstRow[0] == null) {
                    firstRow[0] = c.select(0, 0).toFloatArray();
                }
            }
        });
        float[] av = a.toFloatArray();
        float[] wv = w.toFloatArray();
        double maxError = 0;
        for (int j = 0; j < n; j++) {
            double dot = 0;
            for (int k = 0; k < n; k++) {
                dot += (double) av[k] * wv[k * n + j];
            }
            maxError = Math.max(maxError, Math.abs(dot - firstRow[0][j]));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", n);
        params.put("dtype", "float32");
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("first_row_max_abs_error_vs_float64", maxError);
        return RowResult.rate(2.0 * n * n * n / 1e9, t, params, check);
    }
}
