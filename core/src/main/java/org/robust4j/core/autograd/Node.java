package org.robust4j.core.autograd;

import org.robust4j.core.tensor.Tensor;

/** One recorded op in the graph: its name, its inputs, and its gradient rule. */
public final class Node {
    private final String op;
    private final Tensor[] inputs;
    private final BackwardFn backward;

    public Node(String op, Tensor[] inputs, BackwardFn backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String op() {
        return op;
    }

    public Tensor[] inputs() {
        return inputs;
    }

    public BackwardFn backward() {
        return backward;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
