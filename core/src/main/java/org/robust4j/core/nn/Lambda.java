package org.robust4j.core.nn;

import java.util.function.UnaryOperator;
import org.robust4j.core.tensor.Tensor;

/** A parameter-free module from a function, for one-off glue (reshapes, scalings) in a Sequential. */
public final class Lambda extends Module {
    private final String name;
    private final UnaryOperator<Tensor> fn;

    public Lambda(String name, UnaryOperator<Tensor> fn) {
        this.name = name;
        this.fn = fn;
    }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }

    @Override
    protected String describe() {
        return name;
    }
}
