package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * FFT lengths beyond the kit's (up to 17): many radix-2 passes (1024), a long non-power-of-two
 * (1000, the direct sum) and a 2-D transform of the size spectral norms of conv layers use
 * (64 x 32 per channel pair), against the defining sums in double precision, and round trips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeFftTest {
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
    void longLinesAgainstTheDefiningSum() {
        for (int n : new int[] {1024, 1000, 97}) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                check(dt, 3, n, false);
                check(dt, 2, n, true);
            }
        }
    }

    private void check(DType dt, int rows, int n, boolean inverse) {
        SplittableRandom r = new SplittableRandom(n);
        double[] re = new double[rows * n];
        double[] im = new double[rows * n];
        for (int i = 0; i < re.length; i++) {
            re[i] = round(r.nextDouble(-1, 1), dt);
            im[i] = round(r.nextDouble(-1, 1), dt);
        }
        try (Scope s = Scope.open()) {
            NDArray[] out = backend.fft(put(re, dt, rows, n), put(im, dt, rows, n), 1, inverse);
            double[] gr = backend.toDoubles(out[0]);
            double[] gi = backend.toDoubles(out[1]);
            double sign = inverse ? 1 : -1;
            double tol = (dt == DType.FLOAT32 ? 2e-5 : 1e-11) * Math.sqrt(n) * (inverse ? 1.0 / n : 1);
            for (int row = 0; row < rows; row++) {
                for (int k = 0; k < n; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int j = 0; j < n; j++) {
                        double a = sign * 2 * Math.PI * ((long) j * k % n) / n;
                        double xr = re[row * n + j];
                        double xi = im[row * n + j];
                        sr += xr * Math.cos(a) - xi * Math.sin(a);
                        si += xr * Math.sin(a) + xi * Math.cos(a);
                    }
                    if (inverse) {
                        sr /= n;
                        si /= n;
                    }
                    assertThat(Math.abs(gr[row * n + k] - sr)).as("re X[%s][%s], n=%s %s", row, k, n, dt)
                            .isLessThanOrEqualTo(tol * 10);
                    assertThat(Math.abs(gi[row * n + k] - si)).as("im X[%s][%s], n=%s %s", row, k, n, dt)
                            .isLessThanOrEqualTo(tol * 10);
                }
            }
        }
    }

    @Test
    void twoDimensionalRoundTripOfManyPlanes() {
        try (Scope s = Scope.open()) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Shape shape = Shape.of(16, 64, 32);
                NDArray re = backend.randomNormal(shape, dt, 0, 1, 5);
                NDArray im = backend.randomNormal(shape, dt, 0, 1, 6);
                NDArray[] f = backend.fft(re, im, 2, false);
                NDArray[] back = backend.fft(f[0], f[1], 2, true);
                double[] a = backend.toDoubles(re);
                double[] b = backend.toDoubles(back[0]);
                double[] c = backend.toDoubles(im);
                double[] d = backend.toDoubles(back[1]);
                double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-13;
                for (int i = 0; i < a.length; i++) {
                    assertThat(Math.abs(b[i] - a[i])).as("re %s %s", i, dt).isLessThanOrEqualTo(tol * 10);
                    assertThat(Math.abs(d[i] - c[i])).as("im %s %s", i, dt).isLessThanOrEqualTo(tol * 10);
                }
                // Parseval: sum |X|^2 = N sum |x|^2
                double[] fr = backend.toDoubles(f[0]);
                double[] fi = backend.toDoubles(f[1]);
                double ex = 0;
                double ef = 0;
                for (int i = 0; i < a.length; i++) {
                    ex += a[i] * a[i] + c[i] * c[i];
                    ef += fr[i] * fr[i] + fi[i] * fi[i];
                }
                assertThat(ef / (64 * 32)).isCloseTo(ex, org.assertj.core.data.Offset.offset(ex * tol * 100));
            }
        }
    }

    private NDArray put(double[] v, DType dt, int rows, int n) {
        NDArray d = backend.fromDoubles(v, Shape.of(rows, n));
        return dt == DType.FLOAT64 ? d : backend.cast(d, dt);
    }

    private static double round(double v, DType dt) {
        return dt == DType.FLOAT32 ? (float) v : v;
    }
}
