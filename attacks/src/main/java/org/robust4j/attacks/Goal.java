package org.robust4j.attacks;

import org.robust4j.core.tensor.Tensor;

/**
 * What counts as success. Untargeted: the labels given are the true classes and the attack
 * wins when the prediction differs. Targeted: the labels given are the targets and the attack
 * wins when the prediction equals them (torchattacks' "by label" mode, foolbox's
 * {@code TargetedMisclassification}).
 */
public enum Goal {
    UNTARGETED,
    TARGETED;

    /** The per-sample objective every gradient attack ascends: the loss, or minus the loss toward the target. */
    public Tensor objective(AttackLoss loss, Tensor logits, Tensor labels) {
        Tensor l = loss.perSample(logits, labels);
        return this == UNTARGETED ? l : l.neg();
    }

    /** Whether predicting {@code prediction} for a sample labelled {@code label} is a success. */
    public boolean isSuccess(long prediction, long label) {
        return this == UNTARGETED ? prediction != label : prediction == label;
    }

    /** Per-sample success of the given predictions. */
    public boolean[] success(long[] predictions, long[] labels) {
        boolean[] s = new boolean[predictions.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = isSuccess(predictions[i], labels[i]);
        }
        return s;
    }
}
