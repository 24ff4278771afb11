package org.robust4j.layers.loss;

import org.robust4j.core.tensor.Tensor;

/** Mean of {@code -log softmax(f)_y}, through a stable log-softmax. */
public final class CrossEntropyLoss implements Loss {
    @Override
    public Tensor compute(Tensor logits, Tensor labels) {
        Loss.checkInputs("cross-entropy", logits, labels);
        Tensor oneHot = labels.oneHot(logits.dim(1), logits.dtype());
        return logits.logSoftmax(1).mul(oneHot).sum(1).mean().neg();
    }
}
