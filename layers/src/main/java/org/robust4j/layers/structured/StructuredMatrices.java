package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.ExactSpectralNorm;
import org.robust4j.layers.lipschitz.SpectralNorm;

/** The explicit matrix of an affine structured layer, for exact norms of small layers. */
final class StructuredMatrices {
    /** Above this many inputs an SVD of the explicit matrix is too slow to be a layer's routine answer. */
    static final int MAX_EXPLICIT = 4096;

    private StructuredMatrices() {}

    /**
     * Exact spectral norm of the linear part of {@code layer} ({@code x -> layer(x) - layer(0)})
     * by SVD of its matrix, whose rows are the images of the basis vectors.
     */
    static SpectralNorm exactNorm(Module layer, int in) {
        checkArgument(in <= MAX_EXPLICIT, "exact spectral norm: %s inputs is above the %s an explicit SVD allows",
                in, MAX_EXPLICIT);
        Tensor any = layer.parameters().get(0).value();
        try (Scope scope = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            Tensor eye = Tensor.eye(any.backend(), any.dtype(), in);
            Tensor rows = layer.forward(eye).sub(layer.forward(Tensor.zeros(any.backend(), any.dtype(), 1, in)));
            SpectralNorm s = new ExactSpectralNorm().dense(rows.cast(DType.FLOAT64));
            return new SpectralNorm(s.value(), SpectralNorm.Kind.EXACT, 0, any.dtype(), "explicit-svd");
        }
    }
}
