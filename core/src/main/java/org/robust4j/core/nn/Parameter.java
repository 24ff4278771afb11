package org.robust4j.core.nn;

import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * A trainable tensor owned by a {@link Module}: a leaf that requires grad and lives outside
 * every {@link Scope}. Optimizers update its value in place, so the identity of
 * {@link #value()} never changes and graphs built from it stay valid between steps.
 */
public final class Parameter {
    private final Tensor value;
    private boolean decay = true;

    /** Takes a copy of {@code init} (outside any scope) as the parameter's value. */
    public Parameter(Tensor init) {
        Tensor copy = Scope.untracked(() -> Tensor.wrap(init.backend().copy(init.data())));
        this.value = copy.requiresGrad(true);
    }

    /** The tensor to compute with. */
    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return value.grad();
    }

    /** Whether weight decay applies (PyTorch practice: not to biases and normalisation scales). */
    public boolean decay() {
        return decay;
    }

    public Parameter noDecay() {
        this.decay = false;
        return this;
    }

    /** Overwrites the value in place (shape and dtype must match). */
    public void set(Tensor v) {
        value.assign(v);
    }

    @Override
    public String toString() {
        return "Parameter" + value.shape() + " " + value.dtype();
    }
}
