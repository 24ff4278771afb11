package org.robust4j.layers.lipschitz;

import org.robust4j.core.tensor.Tensor;

/**
 * An estimator whose value is a smooth (almost everywhere) function of the weights and can be
 * computed inside the autograd graph, so a training loss can penalise it (Lipschitz
 * regularisation, as in LipBound and the Gram-iteration paper). The tensors returned are scalars
 * of the weight's dtype, recorded when grad mode is on and the weight requires grad; where the
 * value is a maximum (over frequencies, channels or grid points) the gradient is that of the
 * maximising term.
 */
public interface DifferentiableSpectralNorm extends SpectralNormEstimator {

    /** {@link #dense} as a scalar tensor in the graph of {@code weight}. */
    Tensor denseDifferentiable(Tensor weight);

    /** {@link #conv} as a scalar tensor in the graph of {@code kernel}. */
    Tensor convDifferentiable(Tensor kernel, ConvGeometry geometry);
}
