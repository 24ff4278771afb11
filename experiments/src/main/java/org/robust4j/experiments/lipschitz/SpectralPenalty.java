package org.robust4j.experiments.lipschitz;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.ConvMap;
import org.robust4j.layers.lipschitz.DenseMap;
import org.robust4j.layers.lipschitz.DifferentiableSpectralNorm;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.LipBound;
import org.robust4j.layers.lipschitz.PersistentPowerIteration;
import org.robust4j.layers.lipschitz.SpatialGramBound;
import org.robust4j.layers.loss.Loss;
import org.robust4j.layers.train.BatchLoss;

/**
 * Lipschitz regularisation (LipBound, Araujo et al. 2021; Gram iteration, Delattre et al. 2023):
 * the training loss plus {@code lambda * sum over layers of a differentiable spectral-norm bound}
 * of each layer's weight, so gradient descent also shrinks the layers' norms.
 *
 * <p>Methods: {@code gram} (Gram iteration on the layer's actual geometry), {@code spatial-gram}
 * (the input-size-free spatial Gram bound), {@code lipbound} (LipBound's trigonometric-polynomial
 * bound; it bounds convolutions only, so dense layers get Gram iteration), {@code power} (one
 * persistent power step per batch and layer, as spectral normalisation does: an estimate from
 * below, not a bound).
 */
final class SpectralPenalty implements BatchLoss, AutoCloseable {
    static final List<String> METHODS = List.of("gram", "spatial-gram", "lipbound", "power");

    private final List<PenalisedLayers.Site> sites;
    private final Loss loss;
    private final double lambda;
    private final String method;
    private final DifferentiableSpectralNorm conv;
    private final DifferentiableSpectralNorm dense;
    private final List<PersistentPowerIteration> power = new ArrayList<>();

    /**
     * @param iterations Gram squarings ({@code gram}, {@code spatial-gram}, and dense layers under
     *                   {@code lipbound}), LipBound grid points, or power steps per batch
     */
    SpectralPenalty(List<PenalisedLayers.Site> sites, Loss loss, String method, double lambda, int iterations,
                    int denseGramIterations) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Lipschitz penalty: lambda must be finite and >= 0, got " + lambda);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Lipschitz penalty: iterations must be >= 1, got " + iterations);
        }
        this.sites = List.copyOf(sites);
        this.loss = loss;
        this.lambda = lambda;
        this.method = method;
        switch (method) {
            case "gram" -> {
                conv = new GramIteration(iterations);
                dense = conv;
            }
            case "spatial-gram" -> {
                conv = new SpatialGramBound(iterations);
                dense = new GramIteration(denseGramIterations);
            }
            case "lipbound" -> {
                conv = new LipBound(iterations);
                dense = new GramIteration(denseGramIterations);
            }
            case "power" -> {
                conv = null;
                dense = null;
                for (int i = 0; i < sites.size(); i++) {
                    power.add(new PersistentPowerIteration(iterations, 1000L + i));
                }
            }
            default -> throw new IllegalArgumentException("Lipschitz penalty: unknown method '" + method
                    + "'; expected one of " + String.join(", ", METHODS));
        }
    }

    String method() {
        return method;
    }

    double lambda() {
        return lambda;
    }

    @Override
    public Result compute(Module model, Tensor x, Tensor y) {
        Tensor logits = model.forward(x);
        Tensor total = loss.compute(logits, y);
        if (lambda > 0) {
            total = total.add(penalty().mul(lambda));
        }
        return new Result(total, logits);
    }

    /** The sum of the layers' bounds, in the graph of their weights. */
    Tensor penalty() {
        Tensor sum = null;
        for (int i = 0; i < sites.size(); i++) {
            PenalisedLayers.Site s = sites.get(i);
            Tensor w = s.weight();
            Tensor b;
            if (method.equals("power")) {
                b = power.get(i).sigma(s.isConv() ? new ConvMap(w, s.geometry()) : new DenseMap(w));
            } else {
                b = s.isConv() ? conv.convDifferentiable(w, s.geometry()) : dense.denseDifferentiable(w);
            }
            sum = sum == null ? b : sum.add(b);
        }
        return sum;
    }

    @Override
    public void close() {
        power.forEach(PersistentPowerIteration::close);
    }
}
