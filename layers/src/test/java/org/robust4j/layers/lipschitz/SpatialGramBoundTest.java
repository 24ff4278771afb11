package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * The spatial Gram bound against its definition computed in the plane by loops: the channel-wise
 * autocorrelation {@code H_{t+1}[a,b](d) = sum_{c,x} H_t[a,c](x) H_t[b,c](x-d)} squared T times,
 * then {@code max_a (sum_{b,d} |H_T[a,b](d)|)^(2^-T)}. Checks the FFT torus (rounded up to a
 * length with factors 2, 3, 5) never wraps a lag around.
 */
class SpatialGramBoundTest {
    private final Backend b = Nd4jTestBackend.get();

    @Test
    void equalsTheAutocorrelationSquaredInThePlane() {
        // {c_out, c_in, kh, kw, T}: wide and tall kernels, both channel sides smaller, torus
        // minima 17 (-> 18), 33 (-> 36), 9, 17 and 33 on a 5-tap axis. Odd kernels: an even one
        // under "same" padding repeats an output row, which the bound pays for separately.
        int[][] cases = {{2, 3, 3, 3, 3}, {3, 2, 3, 5, 3}, {2, 2, 3, 3, 2}, {1, 3, 1, 3, 3}, {2, 1, 5, 1, 3}};
        for (int[] c : cases) {
            Tensor k = Tensor.randn(b, new Generator(31 + c[2] * 7 + c[3]), DType.FLOAT64, c[0], c[1], c[2], c[3]);
            double expected = naive(k.toDoubleArray(), c[0], c[1], c[2], c[3], c[4]);
            ConvGeometry g = ConvGeometry.same(k.shape(), 40, 40, 1, PadMode.CIRCULAR);
            double got = new SpatialGramBound(c[4]).conv(k, g).value();
            assertThat(got).as("case %s", java.util.Arrays.toString(c)).isCloseTo(expected, within(1e-9 * expected));
        }
    }

    @Test
    void torusLengthsHaveOnlyFactorsTwoThreeAndFive() {
        assertThat(SpatialGramBound.smoothAtLeast(1)).isEqualTo(1);
        assertThat(SpatialGramBound.smoothAtLeast(7)).isEqualTo(8);
        assertThat(SpatialGramBound.smoothAtLeast(17)).isEqualTo(18);
        assertThat(SpatialGramBound.smoothAtLeast(33)).isEqualTo(36);
        assertThat(SpatialGramBound.smoothAtLeast(65)).isEqualTo(72);
        assertThat(SpatialGramBound.smoothAtLeast(129)).isEqualTo(135);
        assertThat(SpatialGramBound.smoothAtLeast(125)).isEqualTo(125);
    }

    /** The bound from plane autocorrelations, Gram on the smaller channel side; kernel [co, ci, kh, kw]. */
    private static double naive(double[] flat, int co, int ci, int kh, int kw, int iterations) {
        boolean transpose = co > ci;
        int rows = Math.min(co, ci);
        int inner = Math.max(co, ci);
        // h[a][c][u][v] with u, v offsets from 0
        double[][][][] h = new double[rows][inner][kh][kw];
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < ci; i++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        double x = flat[((o * ci + i) * kh + u) * kw + v];
                        if (transpose) {
                            h[i][o][u][v] = x;
                        } else {
                            h[o][i][u][v] = x;
                        }
                    }
                }
            }
        }
        int n = inner;
        int sh = kh;
        int sw = kw;
        for (int t = 0; t < iterations; t++) {
            // lag d in [-(s-1), s-1], stored at index d + s - 1
            int nh = 2 * sh - 1;
            int nw = 2 * sw - 1;
            double[][][][] next = new double[rows][rows][nh][nw];
            for (int a = 0; a < rows; a++) {
                for (int bb = 0; bb < rows; bb++) {
                    for (int du = -(sh - 1); du <= sh - 1; du++) {
                        for (int dv = -(sw - 1); dv <= sw - 1; dv++) {
                            double s = 0;
                            for (int c = 0; c < n; c++) {
                                for (int u = 0; u < sh; u++) {
                                    for (int v = 0; v < sw; v++) {
                                        int u2 = u - du;
                                        int v2 = v - dv;
                                        if (u2 >= 0 && u2 < sh && v2 >= 0 && v2 < sw) {
                                            s += h[a][c][u][v] * h[bb][c][u2][v2];
                                        }
                                    }
                                }
                            }
                            next[a][bb][du + sh - 1][dv + sw - 1] = s;
                        }
                    }
                }
            }
            h = next;
            n = rows;
            sh = nh;
            sw = nw;
        }
        double best = 0;
        for (int a = 0; a < rows; a++) {
            double s = 0;
            for (int bb = 0; bb < rows; bb++) {
                for (double[] line : h[a][bb]) {
                    for (double x : line) {
                        s += Math.abs(x);
                    }
                }
            }
            best = Math.max(best, s);
        }
        return Math.pow(best, Math.pow(2, -iterations));
    }
}
