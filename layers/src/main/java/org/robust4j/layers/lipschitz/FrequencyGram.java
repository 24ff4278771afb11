package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Arrays;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressScope;

/**
 * Gram iteration on a batch of complex matrices, one independent bound per matrix (Delattre et
 * al., ICML 2023, Algorithm "Lip_Conv"; research note section 1.2). Each matrix gets its own
 * Frobenius rescaling and log-domain scale, so the bound of matrix {@code A} after {@code T}
 * squarings is its Schatten-{@code 2^(T+1)} norm
 *
 * <pre>  log B_T = sum_{t<T} 2^-t log r_t + 2^-T log ||G_T||_F,   G_0 = A,  G_{t+1} = (G_t/r_t)^H (G_t/r_t)</pre>
 *
 * with {@code r_t = ||G_t||_F}. Products are real block operations on {@code (re, im)}: for
 * {@code G = S + iK}, {@code G^H G = (S^T S + K^T K) + i (Q - Q^T)} with {@code Q = S^T K}, three
 * real batched products instead of four. The first product is taken on the smaller side
 * ({@code A^H A} or {@code A A^H}).
 *
 * <p>Numerics: the scales are host doubles computed from detached values. {@code ||G_t||_F^2} is
 * read from the diagonal of the product just computed ({@code tr G^H G}), not from a pass over
 * the batch, and the product is divided by it at every other step, which keeps every
 * {@code ||G||_F} within {@code [1/rank^2, 1]}: no overflow at any iteration count, half the
 * elementwise passes. When {@code ||A||_F^2} itself leaves the dtype's range, the matrices are
 * first divided by their largest entry; a zero matrix gets the bound 0 instead of 0/0. Treating
 * the scales as constants leaves the gradient exact: the bound is scale-invariant,
 * {@code (S/c)^a c^a = S^a} (research note 1.8).
 *
 * <p>Pruning: after step {@code t >= 1}, {@code G_t} is positive semi-definite and each matrix
 * has an upper bound {@code U = B_t} and a lower bound {@code L = U (||G_t||_F / tr G_t)^(2^-t)}
 * on its largest singular value ({@code lambda_max >= sum lambda^2 / sum lambda}). A matrix whose
 * {@code U} is below the largest {@code L} cannot hold the maximum of the final bounds (they
 * only decrease with {@code t}), so it is dropped: the maximum is unchanged, usually at a
 * fraction of the cost.
 */
final class FrequencyGram {
    private FrequencyGram() {}

    /**
     * Per-matrix bounds that survived pruning ({@code bounds}, in the graph), the same on the host
     * ({@code upper}) with lower bounds on each matrix's largest singular value, the original
     * index of each survivor, and the last iterate {@code G_T} (a power of {@code A^H A}, or of
     * {@code A A^H} when {@code leftGram}) with its log-scales: its dominant column approximates a
     * top singular vector, and {@link #resume} continues from it.
     */
    record Result(Tensor bounds, double[] upper, double[] lower, int[] indices, ComplexBatch gram,
                  double[] logScale, int iterations, boolean leftGram) {
        /** The largest bound (a scalar in the graph). */
        Tensor max() {
            return bounds.max();
        }
    }

    /** The iteration in progress: the current iterates, their log-scales and original indices. */
    private static final class State {
        Tensor re;
        Tensor im;
        double[] logScale;
        int[] indices;
        int t;
    }

    /**
     * @param a          {@code [F, m, d]} complex matrices
     * @param iterations number of Gram squarings {@code T >= 0}
     * @param prune      drop matrices that cannot hold the maximum (only the maximum stays meaningful)
     */
    static Result run(ComplexBatch a, int iterations, boolean prune) {
        checkArgument(iterations >= 0, "Gram iteration: iterations must be >= 0, got %s", iterations);
        State st = new State();
        st.re = a.re();
        st.im = a.im();
        st.logScale = new double[a.batch()];
        st.indices = identity(a.batch());
        if (iterations == 0 && outOfRange(detachedFrobeniusSquared(st.re, st.im), a.re().dtype())) {
            Tensor[] scaled = divideByLargestEntry(a, st.logScale);
            st.re = scaled[0];
            st.im = scaled[1];
        }
        advance(st, a, iterations, prune);
        return finish(st, a.cols() > a.rows());
    }

    /**
     * Continues {@code r} for the survivors at positions {@code which} (of {@code r}'s arrays) up to
     * {@code iterations} squarings in all, without pruning.
     */
    static Result resume(Result r, int[] which, int iterations) {
        checkArgument(iterations >= r.iterations(), "Gram iteration: cannot resume %s squarings at %s",
                r.iterations(), iterations);
        State st = new State();
        ComplexBatch g = r.gram().select(Tensor.ofLongs(r.gram().re().backend(), toLongs(which)));
        st.re = g.re();
        st.im = g.im();
        st.logScale = pick(r.logScale(), which);
        st.indices = pick(r.indices(), which);
        st.t = r.iterations();
        advance(st, null, iterations, false);
        return finish(st, r.leftGram());
    }

    /** Squares up to {@code iterations}; {@code a} (the original matrices) is needed at step 0 only. */
    private static void advance(State st, ComplexBatch a, int iterations, boolean prune) {
        Backend b = st.re.backend();
        DType dt = st.re.dtype();
        for (; st.t < iterations; st.t++) {
            int t = st.t;
            double[] traceG = t >= 1 ? detachedTrace(st.re) : null;
            boolean wide = t == 0 && st.re.dim(2) > st.re.dim(1);
            Tensor[] p = gramProduct(st.re, st.im, wide);
            if (t == 0 && outOfRange(detachedTrace(p[0]), dt)) {
                // ||A||_F^2 overflowed or underflowed the dtype: divide by the largest entry first.
                Tensor[] scaled = divideByLargestEntry(a, st.logScale);
                p = gramProduct(scaled[0], scaled[1], wide);
            }
            Tensor pr = p[0];
            Tensor pi = p[1];
            // ||G||_F^2 = tr(G^H G): read from P's diagonal instead of a pass over G.
            double[] s = detachedTrace(pr);
            if (t >= 1 && prune && worthChecking(st.indices.length, pr.dim(1))) {
                double[] upper = new double[st.indices.length];
                double[] lower = new double[st.indices.length];
                bounds(st.logScale, s, traceG, t, upper, lower);
                int[] keep = survivors(upper, lower, dt);
                // A gather copies the batch: only worth it when it drops a good share.
                if (keep.length <= 0.8 * st.indices.length) {
                    Tensor sel = Tensor.ofLongs(b, toLongs(keep));
                    pr = pr.gather(0, sel);
                    pi = pi.gather(0, sel);
                    st.indices = pick(st.indices, keep);
                    st.logScale = pick(st.logScale, keep);
                    s = pick(s, keep);
                }
            }
            st.re = pr;
            st.im = pi;
            // Rescale at every other step, G_{t+1} = P / ||G_t||_F^2 = (G_t/r_t)^H (G_t/r_t), whose
            // norm lies in [1/rank, 1]; the next square's in [1/rank^2, 1].
            if (t % 2 == 0) {
                double w = Math.pow(2, -t);
                double[] scale = new double[st.indices.length];
                for (int f = 0; f < scale.length; f++) {
                    scale[f] = s[f] > 0 ? 1 / s[f] : 1;
                    st.logScale[f] += s[f] > 0 ? w * 0.5 * Math.log(s[f]) : 0;
                }
                Tensor c = column(b, scale, dt);
                st.re = st.re.mul(c);
                st.im = st.im.mul(c);
            }
            ProgressScope.current().progress(t + 1, iterations);
        }
    }

    /** The bounds {@code exp(logScale) ||G_T||_F^(2^-T)}, in the graph, zero matrices masked to 0. */
    private static Result finish(State st, boolean leftGram) {
        Backend b = st.re.backend();
        DType dt = st.re.dtype();
        int iterations = st.t;
        Tensor last = st.re.square().sum(1, 2).add(st.im.square().sum(1, 2));
        double[] sHost;
        try (GradMode.Restore ng = Autograd.noGrad()) {
            sHost = last.detach().cast(DType.FLOAT64).toDoubleArray();
        }
        double e = Math.pow(2, -iterations - 1);
        double[] coef = new double[st.indices.length];
        boolean anyZero = false;
        for (int f = 0; f < coef.length; f++) {
            coef[f] = Math.exp(st.logScale[f]);
            anyZero |= !(sHost[f] > 0);
        }
        Tensor coefT = Tensor.of(b, coef, coef.length).cast(dt);
        Tensor bound;
        if (anyZero) {
            Tensor positive = last.gt(0.0);
            Tensor safe = Tensor.where(positive, last, Tensor.onesLike(last));
            bound = Tensor.where(positive, safe.pow(e).mul(coefT), Tensor.zerosLike(last));
        } else {
            bound = last.pow(e).mul(coefT);
        }
        double[] upper = new double[st.indices.length];
        double[] lower = new double[st.indices.length];
        if (iterations >= 1) {
            bounds(st.logScale, sHost, detachedTrace(st.re), iterations, upper, lower);
        } else {
            for (int f = 0; f < upper.length; f++) {
                // ||A||_2 >= ||A||_F / sqrt(rank).
                upper[f] = coef[f] * Math.sqrt(sHost[f]);
                lower[f] = upper[f] / Math.sqrt(Math.min(st.re.dim(1), st.re.dim(2)));
            }
        }
        return new Result(bound, upper, lower, st.indices, new ComplexBatch(st.re, st.im), st.logScale, iterations,
                leftGram);
    }

    /** {@code G^H G} (or {@code G G^H} when {@code wide}) as {re, im}, with {@code Q - Q^T} as the imaginary part. */
    private static Tensor[] gramProduct(Tensor re, Tensor im, boolean wide) {
        Tensor pr = wide ? re.matmul(re, false, true).add(im.matmul(im, false, true))
                : re.matmul(re, true, false).add(im.matmul(im, true, false));
        Tensor q = wide ? im.matmul(re, false, true) : re.matmul(im, true, false);
        return new Tensor[] {pr, q.sub(q.mT())};
    }

    /** {@code a} divided by each matrix's largest entry, whose log goes into {@code logScale}. */
    private static Tensor[] divideByLargestEntry(ComplexBatch a, double[] logScale) {
        double[] maxAbs = maxAbs(a);
        double[] inv = new double[maxAbs.length];
        for (int f = 0; f < inv.length; f++) {
            inv[f] = maxAbs[f] > 0 ? 1 / maxAbs[f] : 1;
            logScale[f] = maxAbs[f] > 0 ? Math.log(maxAbs[f]) : 0;
        }
        Backend b = a.re().backend();
        DType dt = a.re().dtype();
        return new Tensor[] {a.re().mul(column(b, inv, dt)), a.im().mul(column(b, inv, dt))};
    }

    /** Upper and lower bounds of every matrix from {@code ||G_t||_F^2 = s} and {@code tr G_t}. */
    private static void bounds(double[] logScale, double[] s, double[] tr, int t, double[] upper, double[] lower) {
        double w = Math.pow(2, -t);
        for (int f = 0; f < s.length; f++) {
            if (!(s[f] > 0) || !(tr[f] > 0)) {
                upper[f] = 0;
                lower[f] = 0;
                continue;
            }
            double logU = logScale[f] + w * 0.5 * Math.log(s[f]);
            upper[f] = Math.exp(logU);
            lower[f] = Math.exp(logU + w * (0.5 * Math.log(s[f]) - Math.log(tr[f])));
        }
    }

    /** Indices whose upper bound reaches the best lower bound, with a margin for rounding. */
    private static int[] survivors(double[] upper, double[] lower, DType dt) {
        double best = 0;
        for (double l : lower) {
            best = Math.max(best, l);
        }
        double margin = dt == DType.FLOAT32 ? 1e-3 : 1e-8;
        double cut = best * (1 - margin);
        int[] keep = new int[upper.length];
        int k = 0;
        for (int f = 0; f < upper.length; f++) {
            if (upper[f] >= cut) {
                keep[k++] = f;
            }
        }
        return Arrays.copyOf(keep, k);
    }

    /**
     * A check costs a few passes over the batch and a host round trip; it pays off only when a
     * step's products ({@code batch * c^3}) are large.
     */
    private static boolean worthChecking(int batch, int c) {
        return batch >= 4 && (double) batch * c * c * c >= 1 << 18;
    }

    /** True when some squared norm left the normal range (inf, or 0 / tiny from underflow). */
    private static boolean outOfRange(double[] s, DType dt) {
        double tiny = dt == DType.FLOAT32 ? 1e-30 : 1e-290;
        double huge = dt == DType.FLOAT32 ? 1e30 : 1e290;
        for (double v : s) {
            if (!(v > tiny && v < huge)) {
                return true;
            }
        }
        return false;
    }

    private static double[] maxAbs(ComplexBatch a) {
        try (GradMode.Restore ng = Autograd.noGrad()) {
            Tensor m = a.re().detach().abs().max(1, 2).maximum(a.im().detach().abs().max(1, 2));
            return m.cast(DType.FLOAT64).toDoubleArray();
        }
    }

    private static double[] detachedFrobeniusSquared(Tensor re, Tensor im) {
        try (GradMode.Restore ng = Autograd.noGrad()) {
            Tensor r = re.detach();
            Tensor i = im.detach();
            return r.square().sum(1, 2).add(i.square().sum(1, 2)).cast(DType.FLOAT64).toDoubleArray();
        }
    }

    /** Trace of the real part (the trace of a Hermitian matrix), read from the strided diagonal. */
    private static double[] detachedTrace(Tensor re) {
        try (GradMode.Restore ng = Autograd.noGrad()) {
            int c = re.dim(1);
            return re.detach().reshape(re.dim(0), c * c).slice(1, 0, c * c, c + 1).sum(1)
                    .cast(DType.FLOAT64).toDoubleArray();
        }
    }

    /** {@code v} as a {@code [len, 1, 1]} tensor that broadcasts over a batch of matrices. */
    static Tensor column(Backend b, double[] v, DType dt) {
        return Tensor.of(b, v, v.length, 1, 1).cast(dt);
    }

    static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static long[] toLongs(int[] v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }

    static int[] pick(int[] v, int[] keep) {
        int[] r = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            r[i] = v[keep[i]];
        }
        return r;
    }

    static double[] pick(double[] v, int[] keep) {
        double[] r = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            r[i] = v[keep[i]];
        }
        return r;
    }
}
