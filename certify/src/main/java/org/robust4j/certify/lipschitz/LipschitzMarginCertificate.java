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
 * The margin certificate of a network whose logit map is {@code L}-Lipschitz in l2 (Tsuzuku, Sato,
 * Sugiyama 2018; the certificate of the SLL, CPL and AOL papers): a perturbation of norm
 * {@code eps} changes each logit difference by at most {@code sqrt(2) L eps}
 * ({@code |Δ(f_i - f_j)| <= |Δf_i| + |Δf_j| <= sqrt(2) ||Δf||_2}), so the prediction is kept within
 * {@code radius = (f_top - f_runner-up) / (sqrt(2) L)}.
 *
 * <p>A network with a normalised-rows last layer (LLN) is not globally 1-Lipschitz; use
 * {@link LlnMarginCertificate} for it (the pairwise certificate its papers use).
 */
public final class LipschitzMarginCertificate {
    private final double lipschitz;

    /** @param lipschitz a certified l2 Lipschitz bound of the logit map (1 for a 1-Lipschitz network) */
    public LipschitzMarginCertificate(double lipschitz) {
        checkArgument(lipschitz > 0 && Double.isFinite(lipschitz),
                "LipschitzMarginCertificate: the Lipschitz bound must be positive and finite, got %s", lipschitz);
        this.lipschitz = lipschitz;
    }

    public double lipschitz() {
        return lipschitz;
    }

    /** The radius for one row of logits: {@code (top - runner-up) / (sqrt(2) L)}. */
    public double radius(double[] logits) {
        return margin(logits) / (Math.sqrt(2) * lipschitz);
    }

    /** Top logit minus the runner-up (0 for a single class). */
    static double margin(double[] logits) {
        int top = argMax(logits);
        double second = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            if (j != top) {
                second = Math.max(second, logits[j]);
            }
        }
        return logits.length < 2 ? 0.0 : logits[top] - second;
    }

    /** Records for logits {@code [N, C]}; row {@code i} is sample {@code firstIndex + i}. */
    public List<LipschitzRecord> certify(Tensor logits, int[] labels, long firstIndex) {
        checkArgument(logits.rank() == 2, "LipschitzMarginCertificate: logits must be [N, classes], got %s", logits.shape());
        checkLabels(labels, logits.dim(0));
        double[] v = logits.toDoubleArray();
        int n = logits.dim(0);
        int c = logits.dim(1);
        List<LipschitzRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] row = java.util.Arrays.copyOfRange(v, i * c, (i + 1) * c);
            double m = margin(row);
            out.add(new LipschitzRecord(firstIndex + i, labels == null ? -1 : labels[i], argMax(row), m,
                    m / (Math.sqrt(2) * lipschitz)));
        }
        return out;
    }

    /** Runs {@code model} over {@code inputs} in batches (each in a scope, without autograd) and certifies. */
    public List<LipschitzRecord> certify(Module model, Tensor inputs, int[] labels, int batchSize, long firstIndex) {
        checkLabels(labels, inputs.dim(0));
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

    static int argMax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    static void checkLabels(int[] labels, int n) {
        checkArgument(labels == null || labels.length == n, "%s labels for %s inputs", labels == null ? 0 : labels.length, n);
    }
}
