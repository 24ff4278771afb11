package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.NaiveFft;
import org.robust4j.core.tensor.DType;

/**
 * 1-D and 2-D FFT, forward and inverse, real and complex input, against the defining sums.
 * Lengths cover 1, primes, odd and even sizes and powers of two, since fast algorithms branch on
 * them. Errors are measured against the largest output magnitude, as FFT accuracy is norm-wise.
 */
public abstract class FftConformance extends ConformanceBase {
    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17};
    private static final int[][] PLANES = {{1, 1}, {1, 5}, {4, 1}, {3, 5}, {4, 4}, {7, 6}, {2, 13}, {8, 8}};

    Stream<Arguments> cases1d() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dt ->
                Arrays.stream(LENGTHS).boxed().map(n -> Arguments.of(n, dt)));
    }

    Stream<Arguments> cases2d() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dt ->
                Stream.of(PLANES).map(p -> Arguments.of(p[0], p[1], dt)));
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases1d")
    public void fft1d(int n, DType dt) {
        check(dt, 1, new int[] {n});
        check(dt, 1, new int[] {2, 3, n});
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @MethodSource("cases2d")
    public void fft2d(int h, int w, DType dt) {
        check(dt, 2, new int[] {h, w});
        check(dt, 2, new int[] {2, h, w});
    }

    private void check(DType dt, int dims, int[] shape) {
        Host re = uniform(dt, 1, -1, 1, shape);
        Host im = uniform(dt, 2, -1, 1, shape);
        for (boolean inverse : new boolean[] {false, true}) {
            for (boolean complex : new boolean[] {false, true}) {
                for (Layout layout : Layout.values()) {
                    Host[] expected = NaiveFft.dft(re, complex ? im : null, dims, inverse);
                    NDArray[] out = backend.fft(put(re, dt, layout), complex ? put(im, dt, layout) : null, dims, inverse);
                    assertThat(out).hasSize(2);
                    String what = (inverse ? "inverse " : "forward ") + dims + "-D FFT of " + (complex ? "complex " : "real ")
                            + re.shape + " " + layout;
                    double scale = Math.max(1, Math.max(expected[0].maxAbs(), expected[1].maxAbs()));
                    assertClose(what + " (real part)", out[0], dt, expected[0], scale);
                    assertClose(what + " (imaginary part)", out[1], dt, expected[1], scale);
                }
            }
        }
    }

    @FloatTypes
    public void roundTrip(DType dt) {
        for (int dims = 1; dims <= 2; dims++) {
            Host re = uniform(dt, 3, -1, 1, 3, 6, 5);
            Host im = uniform(dt, 4, -1, 1, 3, 6, 5);
            NDArray[] f = backend.fft(put(re, dt), put(im, dt), dims, false);
            NDArray[] back = backend.fft(f[0], f[1], dims, true);
            assertClose("ifft(fft(x)) real part, " + dims + "-D", back[0], dt, re);
            assertClose("ifft(fft(x)) imaginary part, " + dims + "-D", back[1], dt, im);
            NDArray[] g = backend.fft(put(re, dt), null, dims, true);
            NDArray[] again = backend.fft(g[0], g[1], dims, false);
            assertClose("fft(ifft(x)) of a real x, " + dims + "-D", again[0], dt, re);
            assertClose("fft(ifft(x)) of a real x has no imaginary part, " + dims + "-D", again[1], dt, Host.zeros(3, 6, 5));
        }
    }

    // ------------------------------------------------------------ circulant products

    Stream<Arguments> circulantCases() {
        // Lengths of both parities (packed real spectra differ), and batches big enough for
        // backends that split rows over threads.
        int[][] shapes = {{1}, {2}, {3}, {4, 5}, {2, 7}, {3, 8}, {2, 3, 16}, {5, 17}, {40, 1024}, {3, 11, 999}};
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dt -> Stream.of(shapes).map(sh -> Arguments.of(sh, dt)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("circulantCases")
    public void circulantMatmulMatchesTheDefiningSum(int[] shape, DType dt) {
        int n = shape[shape.length - 1];
        Host c = uniform(dt, 5, -1, 1, n);
        Host x = uniform(dt, 6, -1, 1, shape);
        for (boolean transpose : new boolean[] {false, true}) {
            Host expected = Host.zeros(shape);
            int rows = x.size() / n;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        // C[j,k] = c[(j-k) mod n]; the transpose reads C[k,j]
                        int idx = transpose ? Math.floorMod(k - j, n) : Math.floorMod(j - k, n);
                        sum += c.data[idx] * x.data[r * n + k];
                    }
                    expected.data[r * n + j] = sum;
                }
            }
            NDArray y = backend.circulantMatmul(put(c, dt), put(x, dt, Layout.values()[n % Layout.values().length]),
                    transpose);
            assertClose((transpose ? "circ(c)^T x" : "circ(c) x") + " for x " + x.shape, y, dt, expected,
                    Math.max(1, expected.maxAbs()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("circulantCases")
    public void circulantBackwardMatchesTheDefiningSums(int[] shape, DType dt) {
        int n = shape[shape.length - 1];
        Host c = uniform(dt, 9, -1, 1, n);
        Host g = uniform(dt, 7, -1, 1, shape);
        Host x = uniform(dt, 8, -1, 1, shape);
        int rows = x.size() / n;
        Host dcExpected = Host.zeros(n);
        for (int m = 0; m < n; m++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    sum += g.data[r * n + j] * x.data[r * n + Math.floorMod(j - m, n)];
                }
            }
            dcExpected.data[m] = sum;
        }
        Host dxExpected = Host.zeros(shape);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < n; k++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += c.data[Math.floorMod(j - k, n)] * g.data[r * n + j]; // (C^T g)[k]
                }
                dxExpected.data[r * n + k] = sum;
            }
        }
        for (boolean[] need : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            NDArray[] d = backend.circulantMatmulBackward(put(c, dt), put(x, dt, Layout.values()[n % Layout.values().length]),
                    put(g, dt), need[0], need[1]);
            assertThat(d).hasSize(2);
            String what = " for " + x.shape + " asking kernel=" + need[0] + " input=" + need[1];
            if (need[0]) {
                assertClose("circulant kernel gradient" + what, d[0], dt, dcExpected, Math.max(1, dcExpected.maxAbs()));
            } else {
                assertThat(d[0]).as("kernel gradient not asked for" + what).isNull();
            }
            if (need[1]) {
                assertClose("circulant input gradient" + what, d[1], dt, dxExpected, Math.max(1, dxExpected.maxAbs()));
            } else {
                assertThat(d[1]).as("input gradient not asked for" + what).isNull();
            }
        }
    }

    @FloatTypes
    public void circulantOpsRejectMismatchedShapes(DType dt) {
        NDArray c = put(uniform(dt, 1, -1, 1, 4), dt);
        NDArray x = put(uniform(dt, 2, -1, 1, 2, 5), dt);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.circulantMatmul(c, x, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("circulantMatmul", "[2, 5]", "4");
        NDArray c2 = put(uniform(dt, 1, -1, 1, 2, 5), dt);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.circulantMatmul(c2, x, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-D");
        NDArray c5 = put(uniform(dt, 1, -1, 1, 5), dt);
        NDArray g = put(uniform(dt, 3, -1, 1, 3, 5), dt);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.circulantMatmulBackward(c5, x, g, true, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("circulantMatmulBackward", "[3, 5]", "[2, 5]");
    }
}
