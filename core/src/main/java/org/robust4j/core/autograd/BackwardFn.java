package org.robust4j.core.autograd;

import org.robust4j.core.tensor.Tensor;

/**
 * The local gradient rule of one recorded op: given the gradient of the loss with respect to
 * the op's output, returns the gradients with respect to its inputs, in order. Entry {@code i}
 * is computed only when {@code needed[i]} (null otherwise), so an attack that wants the input
 * gradient does not pay for weight gradients.
 */
@FunctionalInterface
public interface BackwardFn {
    Tensor[] apply(Tensor gradOutput, boolean[] needed);
}
