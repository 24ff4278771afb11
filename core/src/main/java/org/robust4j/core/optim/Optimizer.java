package org.robust4j.core.optim;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Base of the optimizers: a list of parameters, a learning rate that schedules may change,
 * and per-parameter state kept outside every scope. {@link #step()} runs without recording a
 * graph and frees its temporaries at once.
 */
public abstract class Optimizer {
    protected final List<Parameter> params;
    protected double lr;
    private final Map<Parameter, Tensor[]> state = new IdentityHashMap<>();
    private final Map<Parameter, long[]> updates = new IdentityHashMap<>();
    private long steps;

    protected Optimizer(List<Parameter> params, double lr) {
        checkArgument(!params.isEmpty(), "optimizer: no parameters to optimize");
        checkArgument(lr >= 0 && Double.isFinite(lr), "optimizer: learning rate must be finite and >= 0, got %s", lr);
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** Updates every parameter that has a gradient. */
    public final void step() {
        steps++;
        try (Scope s = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    long[] n = updates.computeIfAbsent(p, k -> new long[1]);
                    update(p, g, ++n[0]);
                }
            }
        }
    }

    /**
     * One parameter's update; {@code t} counts this parameter's updates from 1 (a parameter
     * without a gradient at some step is not updated and not counted). Runs inside a scope,
     * without grad.
     */
    protected abstract void update(Parameter p, Tensor grad, long t);

    /**
     * The optimizer's state tensors for {@code p} (momentum buffers and the like), created by
     * {@code init} on first use, outside any scope.
     */
    protected Tensor[] state(Parameter p, Function<Tensor, Tensor[]> init) {
        return state.computeIfAbsent(p, k -> Scope.untracked(() -> init.apply(k.value())));
    }

    public void zeroGrad() {
        for (Parameter p : params) {
            p.value().zeroGrad();
        }
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        checkArgument(lr >= 0 && Double.isFinite(lr), "optimizer: learning rate must be finite and >= 0, got %s", lr);
        this.lr = lr;
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    public List<Parameter> parameters() {
        return params;
    }
}
