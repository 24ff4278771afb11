package org.robust4j.layers.support;

/** Independent reference computations on host arrays (row-major), written as plainly as possible. */
public final class Naive {
    private Naive() {}

    /** y[n][o] = sum_i x[n][i] w[o][i] + b[o]. */
    public static double[] linear(double[] x, int n, int in, double[] w, int out, double[] b) {
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /**
     * Cross-correlation of x [n, ci, h, w] with k [co, ci, kh, kw], given stride and padding;
     * padded pixels are zero, or wrap around when {@code circular}.
     */
    public static double[] conv2d(double[] x, int n, int ci, int h, int w, double[] k, int co, int kh, int kw,
                                  int stride, int pad, boolean circular, double[] bias) {
        return conv2d(x, n, ci, h, w, k, co, kh, kw, stride, pad, pad, circular, bias);
    }

    /** As above with separate vertical and horizontal padding. */
    public static double[] conv2d(double[] x, int n, int ci, int h, int w, double[] k, int co, int kh, int kw,
                                  int stride, int padH, int padW, boolean circular, double[] bias) {
        int oh = Math.floorDiv(h + 2 * padH - kh, stride) + 1;
        int ow = Math.floorDiv(w + 2 * padW - kw, stride) + 1;
        double[] y = new double[n * co * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int c = 0; c < ci; c++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = i * stride + u - padH;
                                    int q = j * stride + v - padW;
                                    if (circular) {
                                        r = Math.floorMod(r, h);
                                        q = Math.floorMod(q, w);
                                    } else if (r < 0 || r >= h || q < 0 || q >= w) {
                                        continue;
                                    }
                                    s += x[((b * ci + c) * h + r) * w + q] * k[((o * ci + c) * kh + u) * kw + v];
                                }
                            }
                        }
                        y[((b * co + o) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return y;
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
