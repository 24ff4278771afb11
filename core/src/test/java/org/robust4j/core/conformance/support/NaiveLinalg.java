package org.robust4j.core.conformance.support;

import org.robust4j.core.tensor.Shape;

/**
 * Naive references for matrix products, convolutions and pooling: direct loops from the
 * definitions (a triple loop per matrix, the seven loops of a direct convolution), in double.
 * Output sizes are counted window by window instead of taken from the specs' formulas.
 */
public final class NaiveLinalg {
    private NaiveLinalg() {}

    /** {@code op(a) @ op(b)} with broadcast batch axes; {@code op} transposes the last two axes when asked. */
    public static Host matmul(Host a, Host b, boolean transA, boolean transB) {
        int m = transA ? a.dim(-1) : a.dim(-2);
        int k = transA ? a.dim(-2) : a.dim(-1);
        int n = transB ? b.dim(-2) : b.dim(-1);
        Shape batchA = a.shape.sub(0, a.rank() - 2);
        Shape batchB = b.shape.sub(0, b.rank() - 2);
        Shape batch = Naive.broadcastShape(batchA, batchB);
        Host out = Host.zeros(batch.append(m, n));
        Host batchIndex = Host.zeros(batch);
        for (int bi = 0; bi < batchIndex.size(); bi++) {
            int[] bidx = batchIndex.unravel(bi);
            int[] ia = batchPart(bidx, batchA, 2);
            int[] ib = batchPart(bidx, batchB, 2);
            int[] io = java.util.Arrays.copyOf(bidx, bidx.length + 2);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        setLast2(ia, transA ? p : i, transA ? i : p);
                        setLast2(ib, transB ? j : p, transB ? p : j);
                        s += a.get(ia) * b.get(ib);
                    }
                    setLast2(io, i, j);
                    out.set(s, io);
                }
            }
        }
        return out;
    }

    /** Index into an operand with batch shape {@code batch} (broadcast), plus {@code extra} trailing slots. */
    private static int[] batchPart(int[] bidx, Shape batch, int extra) {
        int[] idx = new int[batch.rank() + extra];
        int lead = bidx.length - batch.rank();
        for (int i = 0; i < batch.rank(); i++) {
            idx[i] = batch.dim(i) == 1 ? 0 : bidx[lead + i];
        }
        return idx;
    }

    private static void setLast2(int[] idx, int r, int c) {
        idx[idx.length - 2] = r;
        idx[idx.length - 1] = c;
    }

    // ---------------------------------------------------------------- convolution

    /** Geometry of one convolution, independent of {@code Conv2dSpec}. */
    public record Geometry(int strideH, int strideW, int padH, int padW, int dilH, int dilW, int groups) {
        /** Number of output rows: window starts {@code o * s - p} whose last tap stays inside the padded input. */
        public int outH(int h, int kh) {
            return count(h, kh, strideH, padH, dilH);
        }

        public int outW(int w, int kw) {
            return count(w, kw, strideW, padW, dilW);
        }

        private static int count(int size, int k, int s, int p, int d) {
            int n = 0;
            while (n * s + d * (k - 1) <= size + 2 * p - 1) {
                n++;
            }
            return n;
        }
    }

    /** Direct cross-correlation of {@code x [n, c_in, h, w]} with {@code w [c_out, c_in/g, kh, kw]}: seven loops. */
    public static Host conv2d(Host x, Host w, Geometry g) {
        int n = x.dim(0);
        int cin = x.dim(1);
        int cout = w.dim(0);
        int cinG = cin / g.groups();
        int coutG = cout / g.groups();
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = g.outH(x.dim(2), kh);
        int ow = g.outW(x.dim(3), kw);
        Host y = Host.zeros(n, cout, oh, ow);
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < cout; co++) {
                int group = co / coutG;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (ih >= 0 && ih < x.dim(2) && iw >= 0 && iw < x.dim(3)) {
                                        s += x.get(b, group * cinG + ci, ih, iw) * w.get(co, ci, u, v);
                                    }
                                }
                            }
                        }
                        y.set(s, b, co, i, j);
                    }
                }
            }
        }
        return y;
    }

    /** The transposed convolution: every product of the forward loops sends {@code gy * w} back to its input tap. */
    public static Host conv2dInputGrad(Host gy, Host w, Shape inputShape, Geometry g) {
        Host dx = Host.zeros(inputShape);
        int cinG = inputShape.dim(1) / g.groups();
        int coutG = w.dim(0) / g.groups();
        for (int b = 0; b < gy.dim(0); b++) {
            for (int co = 0; co < gy.dim(1); co++) {
                int group = co / coutG;
                for (int i = 0; i < gy.dim(2); i++) {
                    for (int j = 0; j < gy.dim(3); j++) {
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int u = 0; u < w.dim(2); u++) {
                                for (int v = 0; v < w.dim(3); v++) {
                                    int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (ih >= 0 && ih < inputShape.dim(2) && iw >= 0 && iw < inputShape.dim(3)) {
                                        dx.add(gy.get(b, co, i, j) * w.get(co, ci, u, v), b, group * cinG + ci, ih, iw);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** Gradient with respect to the kernel: every product of the forward loops sends {@code gy * x} to its tap. */
    public static Host conv2dWeightGrad(Host x, Host gy, Shape weightShape, Geometry g) {
        Host dw = Host.zeros(weightShape);
        int cinG = weightShape.dim(1);
        int coutG = weightShape.dim(0) / g.groups();
        for (int b = 0; b < gy.dim(0); b++) {
            for (int co = 0; co < gy.dim(1); co++) {
                int group = co / coutG;
                for (int i = 0; i < gy.dim(2); i++) {
                    for (int j = 0; j < gy.dim(3); j++) {
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int u = 0; u < weightShape.dim(2); u++) {
                                for (int v = 0; v < weightShape.dim(3); v++) {
                                    int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (ih >= 0 && ih < x.dim(2) && iw >= 0 && iw < x.dim(3)) {
                                        dw.add(gy.get(b, co, i, j) * x.get(b, group * cinG + ci, ih, iw), co, ci, u, v);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }

    // ---------------------------------------------------------------- pooling

    /** Pooling window geometry, independent of {@code Pool2dSpec}. */
    public record Window(int kh, int kw, int sh, int sw, int ph, int pw) {
        public int outH(int h) {
            int n = 0;
            while (n * sh + kh <= h + 2 * ph) {
                n++;
            }
            return n;
        }

        public int outW(int w) {
            int n = 0;
            while (n * sw + kw <= w + 2 * pw) {
                n++;
            }
            return n;
        }
    }

    /** Max over the in-bounds taps of each window (padding never wins). */
    public static Host maxPool2d(Host x, Window p) {
        return pool(x, p, true);
    }

    /** Average over the window, padding counted as zeros ({@code count_include_pad}). */
    public static Host avgPool2d(Host x, Window p) {
        return pool(x, p, false);
    }

    private static Host pool(Host x, Window p, boolean max) {
        int oh = p.outH(x.dim(2));
        int ow = p.outW(x.dim(3));
        Host y = Host.zeros(x.dim(0), x.dim(1), oh, ow);
        for (int b = 0; b < x.dim(0); b++) {
            for (int c = 0; c < x.dim(1); c++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int u = 0; u < p.kh(); u++) {
                            for (int v = 0; v < p.kw(); v++) {
                                int ih = i * p.sh() - p.ph() + u;
                                int iw = j * p.sw() - p.pw() + v;
                                if (ih >= 0 && ih < x.dim(2) && iw >= 0 && iw < x.dim(3)) {
                                    double e = x.get(b, c, ih, iw);
                                    acc = max ? Math.max(acc, e) : acc + e;
                                }
                            }
                        }
                        y.set(max ? acc : acc / (p.kh() * p.kw()), b, c, i, j);
                    }
                }
            }
        }
        return y;
    }

    /** Each output gradient goes to the first (row-major within the window) maximum of its window. */
    public static Host maxPool2dGrad(Host x, Host gy, Window p) {
        Host dx = Host.zeros(x.shape);
        for (int b = 0; b < gy.dim(0); b++) {
            for (int c = 0; c < gy.dim(1); c++) {
                for (int i = 0; i < gy.dim(2); i++) {
                    for (int j = 0; j < gy.dim(3); j++) {
                        int bh = -1;
                        int bw = -1;
                        for (int u = 0; u < p.kh(); u++) {
                            for (int v = 0; v < p.kw(); v++) {
                                int ih = i * p.sh() - p.ph() + u;
                                int iw = j * p.sw() - p.pw() + v;
                                if (ih >= 0 && ih < x.dim(2) && iw >= 0 && iw < x.dim(3)
                                        && (bh < 0 || x.get(b, c, ih, iw) > x.get(b, c, bh, bw))) {
                                    bh = ih;
                                    bw = iw;
                                }
                            }
                        }
                        dx.add(gy.get(b, c, i, j), b, c, bh, bw);
                    }
                }
            }
        }
        return dx;
    }

    public static Host avgPool2dGrad(Shape inputShape, Host gy, Window p) {
        Host dx = Host.zeros(inputShape);
        for (int b = 0; b < gy.dim(0); b++) {
            for (int c = 0; c < gy.dim(1); c++) {
                for (int i = 0; i < gy.dim(2); i++) {
                    for (int j = 0; j < gy.dim(3); j++) {
                        for (int u = 0; u < p.kh(); u++) {
                            for (int v = 0; v < p.kw(); v++) {
                                int ih = i * p.sh() - p.ph() + u;
                                int iw = j * p.sw() - p.pw() + v;
                                if (ih >= 0 && ih < inputShape.dim(2) && iw >= 0 && iw < inputShape.dim(3)) {
                                    dx.add(gy.get(b, c, i, j) / (p.kh() * p.kw()), b, c, ih, iw);
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
