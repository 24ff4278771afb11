package org.robust4j.attacks;

import org.robust4j.core.tensor.Tensor;

/**
 * The per-sample loss an attack optimises: logits {@code [N, C]} and labels {@code [N]} to a
 * tensor {@code [N]}, larger for the label being less likely. Untargeted attacks ascend it at
 * the true label; targeted attacks descend it at the target (see {@link Goal}). Per sample,
 * because a batch's gradient must not depend on the batch size and APGD keeps per-sample bests.
 */
@FunctionalInterface
public interface AttackLoss {
    Tensor perSample(Tensor logits, Tensor labels);

    /** A short name for reports ({@code ce}, {@code margin}, {@code dlr}). */
    default String label() {
        return "custom";
    }

    /** Cross-entropy {@code -log softmax(z)_y}, the loss of FGSM, PGD and APGD-CE. */
    AttackLoss CROSS_ENTROPY = new AttackLoss() {
        @Override
        public Tensor perSample(Tensor logits, Tensor labels) {
            return logits.logSoftmax(1).mul(Logits.oneHot(logits, labels)).sum(1).neg();
        }

        @Override
        public String label() {
            return "ce";
        }
    };

    /**
     * The logit margin {@code max_{i != y} z_i - z_y}: positive exactly where the label has lost
     * (the f_6 objective of Carlini and Wagner, without the confidence clamp).
     */
    AttackLoss MARGIN = new AttackLoss() {
        @Override
        public Tensor perSample(Tensor logits, Tensor labels) {
            Tensor hot = Logits.oneHot(logits, labels);
            return Logits.otherMax(logits, hot).sub(Logits.labelLogit(logits, hot));
        }

        @Override
        public String label() {
            return "margin";
        }
    };

    /**
     * The difference of logits ratio of Croce and Hein 2020 (APGD-DLR), untargeted:
     * {@code -(z_y - max_{i != y} z_i) / (z_pi1 - z_pi3 + 1e-12)} with {@code pi} the descending
     * order of the logits; invariant to shifting and scaling the logits. Needs at least 3 classes.
     */
    AttackLoss DLR = new AttackLoss() {
        @Override
        public Tensor perSample(Tensor logits, Tensor labels) {
            if (logits.dim(1) < 3) {
                throw new IllegalArgumentException("DLR loss: needs at least 3 classes, got logits " + logits.shape());
            }
            Tensor hot = Logits.oneHot(logits, labels);
            Tensor margin = Logits.labelLogit(logits, hot).sub(Logits.otherMax(logits, hot));
            // z_pi1 - z_pi3: the largest logit minus the third largest.
            Tensor top1 = logits.max(1);
            Tensor first = logits.eq(top1.unsqueeze(1));
            Tensor rest = logits.sub(first.mul(Logits.SHIFT));
            Tensor top2 = rest.max(1);
            Tensor rest2 = rest.sub(rest.eq(top2.unsqueeze(1)).mul(Logits.SHIFT));
            Tensor top3 = rest2.max(1);
            return margin.neg().div(top1.sub(top3).add(1e-12));
        }

        @Override
        public String label() {
            return "dlr";
        }
    };
}
