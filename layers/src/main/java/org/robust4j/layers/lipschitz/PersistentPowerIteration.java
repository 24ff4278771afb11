package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Power iteration with a vector that persists across calls, for training (spectral
 * normalisation, Miyato et al. 2018; convolutional version of Farnia et al. 2019): each call
 * advances the vector by a few steps on the current weights and returns
 *
 * <pre>  sigma = u^T A v,   u = A v / ||A v||,  with u and v held constant,</pre>
 *
 * whose gradient {@code u v^T} (for a dense map) is what spectral normalisation uses. The value is
 * an estimate from below that lags the weights when they move fast (research note 4.8). The
 * vector lives outside every scope, like a parameter, until {@link #close()}; one instance
 * serves one layer. Build the {@link ConvMap} for each call inside the step's scope (it reads
 * the kernel's current values).
 */
public final class PersistentPowerIteration implements AutoCloseable {
    private final int stepsPerCall;
    private final long seed;
    private Tensor v;

    public PersistentPowerIteration(int stepsPerCall, long seed) {
        checkArgument(stepsPerCall >= 0, "PersistentPowerIteration: steps per call must be >= 0, got %s", stepsPerCall);
        this.stepsPerCall = stepsPerCall;
        this.seed = seed;
    }

    /** One step per call, as {@code torch.nn.utils.spectral_norm} does by default. */
    public PersistentPowerIteration() {
        this(1, PowerIteration.DEFAULT_SEED);
    }

    /**
     * Advances the vector on {@code a} and returns the estimate as a scalar in the graph of
     * {@code a}'s weights.
     */
    public Tensor sigma(LinearMap a) {
        DType dt = a.dtype();
        try (GradMode.Restore ng = Autograd.noGrad()) {
            if (v == null) {
                Tensor init = Tensor.randn(a.backend(), new Generator(seed), dt, a.inputShape().toArray());
                double n = init.norm().cast(DType.FLOAT64).item();
                v = Scope.untracked(() -> Tensor.wrap(a.backend().copy(init.div(n).data())));
            }
            checkArgument(v.shape().equals(a.inputShape()) && v.dtype() == dt,
                    "PersistentPowerIteration: vector %s %s does not fit the map's input %s %s (one instance per layer)",
                    v.shape(), v.dtype(), a.inputShape(), dt);
            for (int k = 0; k < stepsPerCall; k++) {
                try (Scope s = Scope.open()) {
                    Tensor w = a.adjoint(a.apply(v));
                    double nw = w.norm().cast(DType.FLOAT64).item();
                    if (nw > 0) {
                        v.assign(w.div(nw));
                    }
                }
            }
        }
        Tensor y = a.apply(v);
        Tensor u;
        try (GradMode.Restore ng = Autograd.noGrad()) {
            double ny = y.detach().norm().cast(DType.FLOAT64).item();
            u = y.detach().div(ny > 0 ? ny : 1);
        }
        return y.mul(u).sum();
    }

    /** The current vector (a unit vector of the map's input shape), or null before the first call. */
    public Tensor vector() {
        return v;
    }

    /** Releases the vector; the next call starts again from the seed. */
    @Override
    public void close() {
        if (v != null) {
            v.close();
            v = null;
        }
    }
}
