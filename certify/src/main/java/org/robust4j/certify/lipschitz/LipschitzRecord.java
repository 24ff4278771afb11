package org.robust4j.certify.lipschitz;

import org.robust4j.certify.curve.CertifiedSample;

/**
 * A Lipschitz-margin certificate of one input: the predicted class is kept within the l2 ball of
 * {@link #radius()} around the input. These certificates never abstain.
 *
 * @param index the sample's index in its dataset
 * @param label the true label, or -1
 * @param prediction the predicted class (argmax of the logits)
 * @param margin the logit margin used (top logit minus the runner-up, or the weighted pairwise minimum for LLN)
 * @param radius the certified l2 radius
 */
public record LipschitzRecord(long index, int label, int prediction, double margin, double radius)
        implements CertifiedSample {

    @Override
    public boolean abstained() {
        return false;
    }
}
