package org.robust4j.layers.lipschitz;

import org.robust4j.core.tensor.Tensor;

/**
 * A differentiable upper bound that applies to convolutions only (LipBound, Singla–Feizi, the
 * spatial Gram bound): dense weights are refused with a message naming the methods that do
 * apply, and the non-differentiable value is the differentiable bound on a detached kernel.
 */
abstract class ConvOnlyBound implements DifferentiableSpectralNorm {
    private final String layerName;

    ConvOnlyBound(String layerName) {
        this.layerName = layerName;
    }

    /** The bound as a scalar tensor, recorded in the graph of {@code kernel}. */
    abstract Tensor bound(Tensor kernel, ConvGeometry geometry);

    /** What the result's {@code iterations} field reports (grid size, squarings, ...). */
    abstract int reportedIterations();

    @Override
    public final SpectralNorm dense(Tensor weight) {
        throw denseRefused(weight);
    }

    @Override
    public final Tensor denseDifferentiable(Tensor weight) {
        throw denseRefused(weight);
    }

    private IllegalArgumentException denseRefused(Tensor weight) {
        return new IllegalArgumentException(method() + " bounds convolutions; use gram, power or exact for the dense "
                + weight.shape() + " weight");
    }

    @Override
    public final SpectralNorm conv(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv(layerName, kernel, geometry);
        double v = Estimates.value(() -> bound(kernel.detach(), geometry));
        return new SpectralNorm(v, SpectralNorm.Kind.UPPER, reportedIterations(), kernel.dtype(), method());
    }

    @Override
    public final Tensor convDifferentiable(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv(layerName, kernel, geometry);
        return bound(kernel, geometry);
    }
}
