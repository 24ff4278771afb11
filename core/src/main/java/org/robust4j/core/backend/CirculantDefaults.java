package org.robust4j.core.backend;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.tensor.Shape;

/**
 * The {@link Backend#circulantMatmul} and {@link Backend#circulantMatmulBackward} defaults, composed
 * from the complex {@link Backend#fft} and element-wise ops: {@code C x = IFFT(FFT(c) FFT(x))},
 * {@code C^T x = IFFT(conj(FFT(c)) FFT(x))} and {@code dc = IFFT(sum_r FFT(g_r) conj(FFT(x_r)))}.
 * Also the argument checks every implementation shares.
 */
public final class CirculantDefaults {
    private CirculantDefaults() {}

    /** Fails unless {@code c} is {@code [n]} and {@code x} is {@code [..., n]} of the same floating dtype. */
    public static void checkMatmul(NDArray c, NDArray x) {
        checkArgument(c.shape().rank() == 1, "circulantMatmul: kernel must be 1-D [n], got %s", c.shape());
        checkArgument(x.shape().rank() >= 1 && x.shape().dim(-1) == c.shape().dim(0),
                "circulantMatmul: input %s must end with the kernel's length %s", x.shape(), c.shape().dim(0));
        checkArgument(c.dtype() == x.dtype() && c.dtype().isFloating(),
                "circulantMatmul: kernel %s and input %s must share one floating dtype", c.dtype(), x.dtype());
    }

    /** Fails unless {@code c} and {@code x} fit {@link #checkMatmul} and {@code g} is shaped and typed as {@code x}. */
    public static void checkBackward(NDArray c, NDArray x, NDArray g) {
        checkMatmul(c, x);
        checkArgument(g.shape().equals(x.shape()) && g.dtype() == x.dtype(),
                "circulantMatmulBackward: gradient %s %s must have the input's shape and dtype %s %s", g.shape(),
                g.dtype(), x.shape(), x.dtype());
    }

    static NDArray[] backward(Backend b, NDArray c, NDArray x, NDArray g, boolean needKernel, boolean needInput) {
        checkBackward(c, x, g);
        NDArray dc = needKernel ? kernelGrad(b, g, x) : null;
        NDArray dx = needInput ? b.circulantMatmul(c, g, true) : null;
        return new NDArray[] {dc, dx};
    }

    static NDArray matmul(Backend b, NDArray c, NDArray x, boolean transpose) {
        checkMatmul(c, x);
        List<NDArray> tmp = new ArrayList<>();
        try {
            NDArray[] fc = track(tmp, b.fft(c, null, 1, false));
            NDArray[] fx = track(tmp, b.fft(x, null, 1, false));
            // (a + ib)(u + iv) = (au - bv) + i(av + bu), with b -> -b for the transpose (conjugate spectrum)
            NDArray au = BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fx[0], fc[0]));
            NDArray bv = BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fx[1], fc[1]));
            NDArray av = BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fx[1], fc[0]));
            NDArray bu = BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fx[0], fc[1]));
            NDArray re = BackendDefaults.track(tmp, b.binary(transpose ? BinaryOp.ADD : BinaryOp.SUB, au, bv));
            NDArray im = BackendDefaults.track(tmp, b.binary(transpose ? BinaryOp.SUB : BinaryOp.ADD, av, bu));
            NDArray[] y = b.fft(re, im, 1, true);
            y[1].close(); // the product of real circulants is real: the imaginary part is rounding
            return y[0];
        } finally {
            tmp.forEach(NDArray::close);
        }
    }

    private static NDArray kernelGrad(Backend b, NDArray g, NDArray x) {
        Shape s = x.shape();
        List<NDArray> tmp = new ArrayList<>();
        try {
            NDArray[] fg = track(tmp, b.fft(g, null, 1, false));
            NDArray[] fx = track(tmp, b.fft(x, null, 1, false));
            // FFT(g) conj(FFT(x)) = (gr xr + gi xi) + i(gi xr - gr xi), summed over the rows
            NDArray re = BackendDefaults.track(tmp, b.binary(BinaryOp.ADD, BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fg[0], fx[0])),
                    BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fg[1], fx[1]))));
            NDArray im = BackendDefaults.track(tmp, b.binary(BinaryOp.SUB, BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fg[1], fx[0])),
                    BackendDefaults.track(tmp, b.binary(BinaryOp.MUL, fg[0], fx[1]))));
            NDArray sumRe = re;
            NDArray sumIm = im;
            if (s.rank() > 1) {
                int[] lead = new int[s.rank() - 1];
                for (int i = 0; i < lead.length; i++) {
                    lead[i] = i;
                }
                sumRe = BackendDefaults.track(tmp, b.reduce(ReduceOp.SUM, re, lead, false));
                sumIm = BackendDefaults.track(tmp, b.reduce(ReduceOp.SUM, im, lead, false));
            }
            NDArray[] dc = b.fft(sumRe, sumIm, 1, true);
            dc[1].close();
                        return dc[0];
        } finally {
            tmp.forEach(NDArray::close);
        }
    }

    private static NDArray[] track(List<NDArray> list, NDArray[] a) {
        list.addAll(List.of(a));
        return a;
    }
}
