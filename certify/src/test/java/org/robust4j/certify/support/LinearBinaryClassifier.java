package org.robust4j.certify.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * {@code f(x) = 1 if w.x + b > 0 else 0}, as a module with logits {@code [-(w.x+b), w.x+b]}: the
 * classifier whose smoothed version and robust radius have closed forms (Cohen et al., Props. 4-5).
 */
public final class LinearBinaryClassifier extends Module {
    private final double[] w;
    private final double b;
    private final Tensor weight;
    private final Tensor bias;

    public LinearBinaryClassifier(Backend backend, double[] w, double b) {
        this.w = w.clone();
        this.b = b;
        int d = w.length;
        double[] rows = new double[2 * d];
        for (int i = 0; i < d; i++) {
            rows[i] = -w[i];
            rows[d + i] = w[i];
        }
        this.weight = registerParameter("weight", Tensor.of(backend, rows, 2, d).cast(DType.FLOAT32)).value();
        this.bias = registerParameter("bias", Tensor.of(backend, new double[] {-b, b}, 2).cast(DType.FLOAT32)).value();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.matmul(weight, false, true).add(bias);
    }

    /** {@code w.x + b} in double precision. */
    public double score(double[] x) {
        double s = b;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    public double l2NormOfW() {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    public double linfNormOfW() {
        double m = 0;
        for (double v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
