package org.robust4j.layers.loss;

import org.robust4j.core.tensor.Tensor;

/**
 * PyTorch's {@code multi_margin_loss} with {@code p = 1}: {@code sum_{j != y} max(0, m - f_y + f_j) / C},
 * averaged over the batch. CPL trains with {@code m = 0.7}.
 */
public final class MultiMarginLoss implements Loss {
    private final double margin;

    public MultiMarginLoss(double margin) {
        this.margin = margin;
    }

    @Override
    public Tensor compute(Tensor logits, Tensor labels) {
        Loss.checkInputs("multi-margin", logits, labels);
        int c = logits.dim(1);
        Tensor oneHot = labels.oneHot(c, logits.dtype());
        Tensor fy = logits.mul(oneHot).sum(new int[] {1}, true);
        Tensor hinge = logits.sub(fy).add(margin).relu().mul(oneHot.rsub(1.0));
        return hinge.sum(1).div(c).mean();
    }
}
