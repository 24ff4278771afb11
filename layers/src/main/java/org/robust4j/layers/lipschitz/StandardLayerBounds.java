package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.standard.AvgPool2d;
import org.robust4j.layers.standard.BatchNorm;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Dropout;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.GroupSort;
import org.robust4j.layers.standard.Identity;
import org.robust4j.layers.standard.LeakyReLU;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.MaxMin;
import org.robust4j.layers.standard.MaxPool2d;
import org.robust4j.layers.standard.ReLU;

/**
 * Lipschitz constants (l2) of the standard layers, one rule each; a layer without a rule gets
 * none (and {@link NetworkLipschitz} reports it) rather than an assumed 1.
 *
 * <ul>
 * <li>{@code Linear}, {@code Conv2d}: the spectral norm of the weight, by the estimators given
 *     (the bias shifts, it does not stretch); a grouped convolution is block-diagonal (the
 *     largest group's norm), a dilated one has a kernel with holes.
 * <li>{@code ReLU}, {@code MaxMin}, {@code GroupSort}, {@code Flatten}, {@code Identity}: 1.
 *     {@code LeakyReLU(a)}: {@code max(1, |a|)}. {@code Dropout}: 1 in eval mode,
 *     {@code 1/(1-p)} in training (each draw rescales the kept units).
 * <li>{@code MaxPool2d}: {@code sqrt(m)}, m the largest number of windows containing one pixel:
 *     {@code ||dy||^2 = sum_w (max_w x - max_w x')^2 <= sum_w ||dx_w||^2 <= m ||dx||^2}, and a
 *     spike at a pixel in m windows attains it. So exactly 1 for non-overlapping windows
 *     (stride >= kernel), {@code sqrt(ceil(k/s)^2)} for the common overlapping 3x3/2.
 * <li>{@code AvgPool2d}: a linear map, the convolution of every channel with a constant kernel
 *     (zero padding counted in the mean, as PyTorch's default). Non-overlapping windows:
 *     exactly {@code scale/(kh kw) * sqrt(largest number of real pixels in a window)}; otherwise
 *     the convolution estimator's bound.
 * <li>{@code BatchNorm} in eval mode: the diagonal scale {@code max_c |gamma_c| / sqrt(var_c + eps)};
 *     in training mode it normalises with batch statistics and has no per-sample bound.
 * </ul>
 */
final class StandardLayerBounds {
    private StandardLayerBounds() {}

    /** A bound, or the reason there is none. */
    record Outcome(SpectralNorm bound, String reason) {
        static Outcome of(SpectralNorm b) {
            return new Outcome(b, null);
        }

        static Outcome none(String reason) {
            return new Outcome(null, reason);
        }
    }

    static Outcome bound(Module m, Shape input, NetworkLipschitz.Options o, Backend backend) {
        if (m instanceof ReLU || m instanceof MaxMin || m instanceof GroupSort || m instanceof Flatten
                || m instanceof Identity) {
            return Outcome.of(constant(1, SpectralNorm.Kind.EXACT));
        }
        if (m instanceof LeakyReLU l) {
            return Outcome.of(constant(Math.max(1, Math.abs(l.slope())), SpectralNorm.Kind.EXACT));
        }
        if (m instanceof Dropout d) {
            return Outcome.of(d.isTraining() && d.p() > 0 ? constant(1 / (1 - d.p()), SpectralNorm.Kind.EXACT)
                    : constant(1, SpectralNorm.Kind.EXACT));
        }
        if (m instanceof Linear l) {
            return Outcome.of(o.dense().dense(l.weight().value().detach().cast(o.dtype())));
        }
        if (m instanceof Conv2d c) {
            return Outcome.of(conv(c, input, o));
        }
        if (m instanceof MaxPool2d p) {
            checkSpatial("MaxPool2d", input);
            Pool2dSpec s = p.spec();
            int mh = maxCover(input.dim(-2), s.kernelH(), s.strideH(), s.padH(), s.outH(input.dim(-2)));
            int mw = maxCover(input.dim(-1), s.kernelW(), s.strideW(), s.padW(), s.outW(input.dim(-1)));
            return Outcome.of(constant(Math.sqrt((double) mh * mw), SpectralNorm.Kind.EXACT));
        }
        if (m instanceof AvgPool2d p) {
            return Outcome.of(avgPool(p, input, o, backend));
        }
        if (m instanceof BatchNorm bn) {
            if (bn.isTraining()) {
                return Outcome.none("BatchNorm in training mode normalises with batch statistics; call eval()");
            }
            double[] gamma = bn.weight().cast(DType.FLOAT64).toDoubleArray();
            double[] var = bn.runningVar().cast(DType.FLOAT64).toDoubleArray();
            double best = 0;
            for (int i = 0; i < gamma.length; i++) {
                best = Math.max(best, Math.abs(gamma[i]) / Math.sqrt(var[i] + bn.eps()));
            }
            return Outcome.of(new SpectralNorm(best, SpectralNorm.Kind.EXACT, 0, DType.FLOAT64, "diagonal"));
        }
        return Outcome.none("no rule for " + m.getClass().getSimpleName()
                + "; implement LipschitzBounded to declare its bound");
    }

    private static SpectralNorm constant(double v, SpectralNorm.Kind kind) {
        return new SpectralNorm(v, kind, 0, null, "closed-form");
    }

    private static void checkSpatial(String op, Shape input) {
        checkArgument(input.rank() == 3, "%s: expects one [C, H, W] sample, got %s", op, input);
    }

    /** Spectral norm of a convolution layer (groups: the largest block; dilation: kernel with holes). */
    static SpectralNorm conv(Conv2d c, Shape input, NetworkLipschitz.Options o) {
        checkSpatial("Conv2d", input);
        Conv2d.Options opt = c.options();
        Tensor w = dilate(c.weight().value().detach().cast(o.dtype()), opt.dilation());
        ConvGeometry g = new ConvGeometry(input.dim(1), input.dim(2), opt.stride(), opt.padding(), opt.padding(),
                opt.paddingMode());
        int groups = opt.groups();
        if (groups == 1) {
            return o.conv().conv(w, g);
        }
        int per = w.dim(0) / groups;
        SpectralNorm best = null;
        SpectralNorm.Kind kind = SpectralNorm.Kind.EXACT;
        for (int j = 0; j < groups; j++) {
            SpectralNorm s = o.conv().conv(w.narrow(0, j * per, per), g);
            kind = kind.times(s.kind());
            if (best == null || s.value() > best.value()) {
                best = s;
            }
        }
        return best.withKind(kind);
    }

    /** The kernel a dilation {@code d} applies: taps {@code d} apart, zeros between. */
    static Tensor dilate(Tensor k, int d) {
        if (d == 1) {
            return k;
        }
        int co = k.dim(0);
        int ci = k.dim(1);
        int kh = k.dim(2);
        int kw = k.dim(3);
        Tensor rows = k.reshape(co, ci, kh, 1, kw).pad(new int[5], new int[] {0, 0, 0, d - 1, 0},
                org.robust4j.core.backend.PadMode.ZERO).reshape(co, ci, kh * d, kw).narrow(2, 0, d * (kh - 1) + 1);
        int h = rows.dim(2);
        return rows.reshape(co, ci, h, kw, 1).pad(new int[5], new int[] {0, 0, 0, 0, d - 1},
                org.robust4j.core.backend.PadMode.ZERO).reshape(co, ci, h, kw * d).narrow(3, 0, d * (kw - 1) + 1);
    }

    private static SpectralNorm avgPool(AvgPool2d p, Shape input, NetworkLipschitz.Options o, Backend backend) {
        checkSpatial("AvgPool2d", input);
        Pool2dSpec s = p.spec();
        int h = input.dim(1);
        int w = input.dim(2);
        double weight = p.scale() / ((double) s.kernelH() * s.kernelW());
        if (s.strideH() >= s.kernelH() && s.strideW() >= s.kernelW()) {
            // Disjoint windows: a direct sum of rows weight * (1, ..., 1) over each window's real pixels.
            int rh = maxInside(h, s.kernelH(), s.strideH(), s.padH(), s.outH(h));
            int rw = maxInside(w, s.kernelW(), s.strideW(), s.padW(), s.outW(w));
            return new SpectralNorm(weight * Math.sqrt((double) rh * rw), SpectralNorm.Kind.EXACT, 0, null,
                    "closed-form");
        }
        checkArgument(s.strideH() == s.strideW(), "AvgPool2d: overlapping windows with unequal strides %sx%s are not supported",
                s.strideH(), s.strideW());
        Tensor kernel = Tensor.full(backend, o.dtype(), weight, 1, 1, s.kernelH(), s.kernelW());
        ConvGeometry g = new ConvGeometry(h, w, s.strideH(), s.padH(), s.padW(), org.robust4j.core.backend.PadMode.ZERO);
        return o.conv().conv(kernel, g);
    }

    /** Largest number of windows (start {@code i s - p}, length k, i < o) that contain one pixel of [0, n). */
    static int maxCover(int n, int k, int s, int p, int o) {
        int[] count = new int[n];
        int best = 0;
        for (int i = 0; i < o; i++) {
            for (int x = Math.max(0, i * s - p); x < Math.min(n, i * s - p + k); x++) {
                best = Math.max(best, ++count[x]);
            }
        }
        return best;
    }

    /** Largest number of real pixels of [0, n) inside one window. */
    static int maxInside(int n, int k, int s, int p, int o) {
        int best = 0;
        for (int i = 0; i < o; i++) {
            best = Math.max(best, Math.min(n, i * s - p + k) - Math.max(0, i * s - p));
        }
        return best;
    }

    static List<String> supported() {
        List<String> r = new ArrayList<>();
        for (Class<?> c : List.of(Linear.class, Conv2d.class, ReLU.class, LeakyReLU.class, MaxMin.class, GroupSort.class,
                Flatten.class, Identity.class, Dropout.class, MaxPool2d.class, AvgPool2d.class, BatchNorm.class)) {
            r.add(c.getSimpleName());
        }
        return r;
    }
}
