package org.robust4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The structured layers' acceptance bound on FFT round trips: {@code ifft(fft(x))} returns
 * {@code x} (|x| <= 1) to 1e-6 in float32 and 1e-12 in float64, for the layer sizes that matter
 * (784 = 2^4 7^2 takes JTransforms' Bluestein path, primes too) in 1-D and 2-D, real and complex.
 */
class Nd4jFftRoundTripTest {
    private static Nd4jBackend backend;

    @BeforeAll
    static void open() {
        backend = new Nd4jBackend(256L << 20);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 7, 97, 784, 1000, 4096})
    void roundTripIsWithinTheAcceptanceBound(int n) {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 1e-6 : 1e-12;
            try (Scope s = Scope.open()) {
                Generator g = new Generator(n);
                Tensor re = Tensor.uniform(backend, g, dt, -1, 1, 3, n);
                Tensor im = Tensor.uniform(backend, g, dt, -1, 1, 3, n);
                for (Tensor imag : new Tensor[] {null, im}) {
                    NDArray[] f = backend.fft(re.data(), imag == null ? null : imag.data(), 1, false);
                    NDArray[] back = backend.fft(f[0], f[1], 1, true);
                    assertThat(maxDiff(back[0], re)).as("1-D %s n=%s real part", dt, n).isLessThanOrEqualTo(tol);
                    assertThat(maxDiff(back[1], imag == null ? Tensor.zerosLike(re) : imag))
                            .as("1-D %s n=%s imaginary part", dt, n).isLessThanOrEqualTo(tol);
                }
                int h = Math.max(1, Math.min(n, 64));
                Tensor plane = Tensor.uniform(backend, g, dt, -1, 1, 2, h, Math.min(n, 97));
                NDArray[] f2 = backend.fft(plane.data(), null, 2, false);
                NDArray[] b2 = backend.fft(f2[0], f2[1], 2, true);
                assertThat(maxDiff(b2[0], plane)).as("2-D %s %sx%s", dt, h, Math.min(n, 97)).isLessThanOrEqualTo(tol);
            }
        }
    }

    private static double maxDiff(NDArray a, Tensor expected) {
        double[] x = backend.toDoubles(a);
        double[] y = expected.cast(DType.FLOAT64).toDoubleArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
