package org.robust4j.certify.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The pairwise certificate of a network {@code f(x) = W_hat h(x) + b} whose last layer has
 * normalised rows ({@code w_hat_j = w_j / ||w_j||}, the LLN head of Singla et al. used by SLL and
 * CPL) on top of an {@code L}-Lipschitz body {@code h}: each difference {@code f_c - f_j} is
 * {@code L ||w_hat_c - w_hat_j||}-Lipschitz, so the prediction {@code c} is kept within
 * <pre>
 *   radius = min_{j != c} (f_c - f_j) / (L ||w_hat_c - w_hat_j||_2)
 * </pre>
 * (SLL's {@code eval_certified_lln}, CPL's {@code certified_accuracy_LLN}). Tighter than
 * {@code margin / 2L}, since {@code ||w_hat_c - w_hat_j|| <= 2}. The whole network is not
 * {@code L}-Lipschitz (SLL issue #2 measured about 1.8 for L = 1), so the global
 * {@link LipschitzMarginCertificate} must not be used for it.
 */
public final class LlnMarginCertificate {
    private final double bodyLipschitz;
    private final double[][] rowDistance;

    /**
     * @param lastWeight the head's raw weight {@code [classes, features]} (rows are normalised here)
     * @param bodyLipschitz a certified l2 Lipschitz bound of the body before the head
     */
    public LlnMarginCertificate(Tensor lastWeight, double bodyLipschitz) {
        checkArgument(lastWeight.rank() == 2, "LlnMarginCertificate: weight must be [classes, features], got %s",
                lastWeight.shape());
        checkArgument(bodyLipschitz > 0 && Double.isFinite(bodyLipschitz),
                "LlnMarginCertificate: the body's Lipschitz bound must be positive and finite, got %s", bodyLipschitz);
        this.bodyLipschitz = bodyLipschitz;
        int c = lastWeight.dim(0);
        int d = lastWeight.dim(1);
        double[] w = lastWeight.toDoubleArray();
        double[][] unit = new double[c][d];
        for (int i = 0; i < c; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += w[i * d + k] * w[i * d + k];
            }
            norm = Math.sqrt(norm);
            checkArgument(norm > 0, "LlnMarginCertificate: row %s of the weight is zero", i);
            for (int k = 0; k < d; k++) {
                unit[i][k] = w[i * d + k] / norm;
            }
        }
        rowDistance = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = unit[i][k] - unit[j][k];
                    s += diff * diff;
                }
                rowDistance[i][j] = Math.sqrt(s);
            }
        }
    }

    /** {@code ||w_hat_i - w_hat_j||_2}: with the body's bound, the Lipschitz constant of {@code f_i - f_j}. */
    public double rowDistance(int i, int j) {
        return rowDistance[i][j];
    }

    public double bodyLipschitz() {
        return bodyLipschitz;
    }

    /** The pairwise radius of one row of logits around its argmax. */
    public double radius(double[] logits) {
        int c = LipschitzMarginCertificate.argMax(logits);
        double r = Double.POSITIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            if (j != c) {
                double dist = rowDistance[c][j];
                // Identical rows cannot be told apart: f_c - f_j is then a constant and never changes sign.
                double rj = dist == 0 ? (logits[c] > logits[j] ? Double.POSITIVE_INFINITY : 0.0)
                        : (logits[c] - logits[j]) / (bodyLipschitz * dist);
                r = Math.min(r, rj);
            }
        }
        return logits.length < 2 ? 0.0 : r;
    }

    /** Records for logits {@code [N, C]}; row {@code i} is sample {@code firstIndex + i}. */
    public List<LipschitzRecord> certify(Tensor logits, int[] labels, long firstIndex) {
        checkArgument(logits.rank() == 2 && logits.dim(1) == rowDistance.length,
                "LlnMarginCertificate: logits must be [N, %s], got %s", rowDistance.length, logits.shape());
        LipschitzMarginCertificate.checkLabels(labels, logits.dim(0));
        double[] v = logits.toDoubleArray();
        int n = logits.dim(0);
        int c = logits.dim(1);
        List<LipschitzRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] row = java.util.Arrays.copyOfRange(v, i * c, (i + 1) * c);
            double r = radius(row);
            out.add(new LipschitzRecord(firstIndex + i, labels == null ? -1 : labels[i],
                    LipschitzMarginCertificate.argMax(row), r * bodyLipschitz, r));
        }
        return out;
    }

    /** Runs {@code model} (body and LLN head) over {@code inputs} in batches and certifies. */
    public List<LipschitzRecord> certify(Module model, Tensor inputs, int[] labels, int batchSize, long firstIndex) {
        LipschitzMarginCertificate.checkLabels(labels, inputs.dim(0));
        List<LipschitzRecord> out = new ArrayList<>(inputs.dim(0));
        for (int start = 0; start < inputs.dim(0); start += batchSize) {
            int end = Math.min(inputs.dim(0), start + batchSize);
            try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
                Tensor logits = model.forward(inputs.slice(0, start, end));
                out.addAll(certify(logits, labels == null ? null : java.util.Arrays.copyOfRange(labels, start, end),
                        firstIndex + start));
            }
        }
        return out;
    }
}
