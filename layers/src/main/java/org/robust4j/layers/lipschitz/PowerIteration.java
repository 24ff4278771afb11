package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressScope;

/**
 * Power iteration on {@code A^T A} through the map and its adjoint (dense: Miyato et al. 2018;
 * convolutions through conv and transposed conv: Ryu et al. 2019, Farnia et al. 2019):
 *
 * <pre>  v <- v/||v||;  repeat N times: u = A v; w = A^T u; v = w/||w||;   estimate = ||A v||</pre>
 *
 * An estimate from below ({@code ||A v|| <= ||A||} for a unit {@code v}), converging linearly at
 * the rate {@code (sigma_2/sigma_1)^2}, which is slow for convolutions whose neighbouring
 * frequencies have nearly equal top singular values (research note 1.7). The start vector is
 * drawn from a fixed seed unless one is given; {@link PersistentPowerIteration} keeps it across
 * calls for training.
 */
public final class PowerIteration implements SpectralNormEstimator {
    public static final int DEFAULT_ITERATIONS = 100;
    /** Seed of the default start vector. */
    public static final long DEFAULT_SEED = 20240601L;

    private final int iterations;
    private final long seed;
    private final Tensor start;

    public PowerIteration() {
        this(DEFAULT_ITERATIONS);
    }

    public PowerIteration(int iterations) {
        this(iterations, DEFAULT_SEED, null);
    }

    private PowerIteration(int iterations, long seed, Tensor start) {
        checkArgument(iterations >= 0, "PowerIteration: iterations must be >= 0, got %s", iterations);
        this.iterations = iterations;
        this.seed = seed;
        this.start = start;
    }

    /** Starts from a standard normal vector drawn with {@code seed}. */
    public PowerIteration withSeed(long s) {
        return new PowerIteration(iterations, s, null);
    }

    /** Starts from {@code v0} (normalised first); its shape must be the map's input shape (or its size). */
    public PowerIteration withStart(Tensor v0) {
        return new PowerIteration(iterations, seed, v0);
    }

    @Override
    public String method() {
        return "power";
    }

    @Override
    public SpectralNorm dense(Tensor weight) {
        Estimates.checkDense("PowerIteration", weight);
        return estimate(new DenseMap(weight.detach()), weight.dtype());
    }

    @Override
    public SpectralNorm conv(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv("PowerIteration", kernel, geometry);
        return estimate(new ConvMap(kernel.detach(), geometry), kernel.dtype());
    }

    private SpectralNorm estimate(LinearMap a, DType dtype) {
        double v = Estimates.compute(() -> run(a, startVector(a, dtype), iterations));
        return new SpectralNorm(v, SpectralNorm.Kind.ESTIMATE, iterations, dtype, method());
    }

    private Tensor startVector(LinearMap a, DType dtype) {
        int[] shape = a.inputShape().toArray();
        if (start == null) {
            return Tensor.randn(a.backend(), new Generator(seed), dtype, shape);
        }
        checkArgument(start.size() == a.inputShape().size(), "PowerIteration: start vector %s does not fit input %s",
                start.shape(), a.inputShape());
        return start.detach().cast(dtype).reshape(shape);
    }

    /**
     * Runs {@code iterations} steps from {@code v0} and returns {@code ||A v||}; 0 when the
     * iterate vanishes (then {@code A^T A v0 = 0}, and 0 is still a lower bound).
     */
    static double run(LinearMap a, Tensor v0, int iterations) {
        double n0 = norm(v0);
        checkArgument(n0 > 0 && Double.isFinite(n0), "PowerIteration: start vector has norm %s", n0);
        Tensor v = v0.div(n0);
        for (int k = 0; k < iterations; k++) {
            try (Scope s = Scope.open()) {
                Tensor w = a.adjoint(a.apply(v));
                double nw = norm(w);
                if (!(nw > 0)) {
                    return 0;
                }
                v = s.keep(w.div(nw));
            }
            ProgressScope.current().progress(k + 1, iterations);
        }
        return norm(a.apply(v));
    }

    /** Euclidean norm on the host (the sum of squares is a single reduction). */
    static double norm(Tensor x) {
        return Math.sqrt(x.square().sum().cast(DType.FLOAT64).item());
    }
}
