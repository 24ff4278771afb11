package org.robust4j.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * A few-millisecond check that a backend computes correctly on this machine: a matrix product,
 * a padded convolution and the gradients of both, through the frontend {@link Tensor} API,
 * compared with naive loops in double precision on the host.
 */
final class SelfCheck {
    /** Float32 results against double references: relative to the size of the values. */
    private static final double TOLERANCE = 1e-4;

    /** One comparison: the largest absolute difference from the reference and whether it is small enough. */
    record Check(String name, double maxError, double scale, boolean ok) {
    }

    private SelfCheck() {}

    @SuppressWarnings("try") // a Scope is opened for what it releases, not used by name
    static List<Check> run(Backend backend, Generator g) {
        List<Check> checks = new ArrayList<>();
        try (Scope s = Scope.open()) {
            checkMatmul(backend, g, checks);
            checkConv(backend, g, checks);
        }
        return checks;
    }

    static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    private static void checkMatmul(Backend backend, Generator g, List<Check> checks) {
        int m = 3, k = 4, n = 5;
        double[] a = gaussian(g, m * k);
        double[] b = gaussian(g, k * n);
        double[] r = gaussian(g, m * n);
        double[] c = new double[m * n];
        double[] da = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    c[i * n + j] += a[i * k + p] * b[p * n + j];
                    da[i * k + p] += r[i * n + j] * b[p * n + j]; // dA = R B^T
                }
            }
        }
        Tensor ta = Tensor.of(backend, floats(a), m, k).requiresGrad(true);
        Tensor tb = Tensor.of(backend, floats(b), k, n);
        Tensor tc = ta.matmul(tb);
        checks.add(compare("matmul", tc, c));
        tc.backward(Tensor.of(backend, floats(r), m, n));
        checks.add(compare("matmul backward", ta.grad(), da));
        ta.zeroGrad();
    }

    private static void checkConv(Backend backend, Generator g, List<Check> checks) {
        int batch = 2, cin = 2, h = 5, w = 4, cout = 3, kh = 3, kw = 2, pad = 1;
        int oh = h + 2 * pad - kh + 1, ow = w + 2 * pad - kw + 1;
        double[] x = gaussian(g, batch * cin * h * w);
        double[] k = gaussian(g, cout * cin * kh * kw);
        double[] r = gaussian(g, batch * cout * oh * ow);
        double[] y = new double[r.length];
        double[] dx = new double[x.length];
        double[] dk = new double[k.length];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int yi = ((b * cout + o) * oh + i) * ow + j;
                        for (int c = 0; c < cin; c++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int xr = i + p - pad, xc = j + q - pad;
                                    if (xr < 0 || xr >= h || xc < 0 || xc >= w) {
                                        continue; // zero padding
                                    }
                                    int xi = ((b * cin + c) * h + xr) * w + xc;
                                    int ki = ((o * cin + c) * kh + p) * kw + q;
                                    y[yi] += x[xi] * k[ki];
                                    dx[xi] += r[yi] * k[ki];
                                    dk[ki] += r[yi] * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor tx = Tensor.of(backend, floats(x), batch, cin, h, w).requiresGrad(true);
        Tensor tk = Tensor.of(backend, floats(k), cout, cin, kh, kw).requiresGrad(true);
        Tensor ty = tx.conv2d(tk, Conv2dSpec.of(1, pad));
        checks.add(compare("conv2d", ty, y));
        ty.backward(Tensor.of(backend, floats(r), batch, cout, oh, ow));
        checks.add(compare("conv2d backward (input)", tx.grad(), dx));
        checks.add(compare("conv2d backward (kernel)", tk.grad(), dk));
        tx.zeroGrad();
        tk.zeroGrad();
    }

    private static Check compare(String name, Tensor actual, double[] expected) {
        if (actual == null || actual.size() != expected.length) {
            return new Check(name + (actual == null ? " (no gradient)" : " (wrong shape " + actual.shape() + ")"),
                    Double.NaN, 0, false);
        }
        double[] got = actual.toDoubleArray();
        double maxError = 0;
        double scale = 1;
        for (int i = 0; i < expected.length; i++) {
            maxError = Math.max(maxError, Math.abs(got[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        // NaN fails the comparison, as it should.
        return new Check(name, maxError, scale, maxError <= TOLERANCE * scale);
    }

    private static double[] gaussian(Generator g, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) g.nextGaussian(); // exactly representable in float32, the tensors' dtype
        }
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
