package org.robust4j.attacks.support;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.backend.Backend;

/**
 * A linear classifier {@code z = flatten(x) W^T + b} with known weights, whose minimal
 * adversarial perturbations have closed forms. The weights are kept on the host too, so tests
 * compute the closed forms without the model.
 */
public final class AffineModel extends Module {
    private final double[][] w;
    private final double[] b;
    private final Tensor weight;
    private final Tensor bias;

    public AffineModel(Backend backend, double[][] w, double[] b) {
        this.w = w;
        this.b = b;
        int classes = w.length;
        int d = w[0].length;
        double[] flat = new double[classes * d];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(w[c], 0, flat, c * d, d);
        }
        this.weight = registerParameter("weight", Tensor.of(backend, flat, classes, d).cast(DType.FLOAT32)).value();
        this.bias = registerParameter("bias", Tensor.of(backend, b, classes).cast(DType.FLOAT32)).value();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(1).matmul(weight, false, true).add(bias);
    }

    public double[][] w() {
        return w;
    }

    public double[] b() {
        return b;
    }

    /** Logits of one flattened sample, in double. */
    public double[] logits(double[] x) {
        double[] z = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            for (int j = 0; j < x.length; j++) {
                s += w[c][j] * x[j];
            }
            z[c] = s;
        }
        return z;
    }

    /**
     * Minimal distance, in the norm dual to {@code dualNorm} (2 for l_2, 1 for l_inf), from
     * {@code x} to the decision boundary against each other class, minimised over the classes:
     * {@code min_{j != y} (z_y - z_j) / ||w_y - w_j||_dual}, ignoring the input box.
     */
    public double minimalDistance(double[] x, int y, int dualNorm) {
        double[] z = logits(x);
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < w.length; j++) {
            if (j == y) {
                continue;
            }
            double n = 0;
            for (int k = 0; k < x.length; k++) {
                double diff = Math.abs(w[y][k] - w[j][k]);
                n += dualNorm == 1 ? diff : diff * diff;
            }
            n = dualNorm == 1 ? n : Math.sqrt(n);
            best = Math.min(best, (z[y] - z[j]) / n);
        }
        return best;
    }
}
