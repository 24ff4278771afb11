package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * What an attack returns for a batch of {@code N} samples.
 *
 * @param adversarial the adversarial batch, same shape as the input, inside the input box and
 *                    (for attacks with a budget) the eps-ball; where the attack failed it holds
 *                    the attack's best point (PGD's last iterate, C&W's input itself), never zeros
 * @param success     per sample, whether the model's prediction on {@code adversarial} meets the
 *                    goal: it is computed by one forward pass on the returned batch, so it agrees
 *                    with the model's prediction there (for a randomized model: one fresh draw)
 * @param predictions per sample, the model's class on {@code adversarial} (that same forward pass)
 * @param distances   per sample, the norm of {@code adversarial - x} in the attack's norm
 * @param norm        the norm of {@code distances}
 */
public record AttackResult(Tensor adversarial, boolean[] success, long[] predictions, double[] distances, Norm norm) {
    public AttackResult {
        int n = adversarial.dim(0);
        checkArgument(success.length == n && predictions.length == n && distances.length == n,
                "attack result: %s samples but %s success flags, %s predictions, %s distances", n, success.length,
                predictions.length, distances.length);
    }

    public int size() {
        return success.length;
    }

    public int successCount() {
        int k = 0;
        for (boolean s : success) {
            k += s ? 1 : 0;
        }
        return k;
    }

    /** Fraction of samples where the attack succeeded. */
    public double successRate() {
        return success.length == 0 ? 0 : successCount() / (double) success.length;
    }

    /**
     * Success with a perturbation no larger than {@code eps} (with a relative slack of 1e-6 for
     * float32 rounding): how a minimal-norm attack such as C&W counts at a budget.
     */
    public boolean[] successWithin(double eps) {
        boolean[] s = new boolean[success.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = success[i] && distances[i] <= eps * (1 + 1e-6);
        }
        return s;
    }
}
