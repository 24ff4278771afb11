package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * One call for tools: the spectral norm of a weight tensor by a named method, as the
 * {@code robust4j spectral-norm} command and the experiments need it. A 2-D tensor is a dense
 * weight {@code [out, in]} (the input size is ignored); a 4-D tensor is a convolution kernel
 * {@code [c_out, c_in, kh, kw]} with "same" padding {@code kh/2, kw/2} of the given mode.
 */
public final class SpectralNorms {
    private SpectralNorms() {}

    /**
     * @param weight     2-D dense weight or 4-D kernel, any floating dtype (cast to {@code dtype})
     * @param inputH     input height (convolutions only)
     * @param inputW     input width (convolutions only)
     * @param padding    zero or circular (convolutions only)
     * @param stride     stride (convolutions only)
     * @param method     {@code gram|power|exact|spatial-gram|lipbound|singla-feizi}
     * @param iterations the method's iteration count, or null for its default
     * @param dtype      the arithmetic's dtype
     * @throws IllegalArgumentException for an impossible shape, an unknown method, or a method
     *                                  that does not apply (with a one-line message)
     */
    public static SpectralNorm estimate(Tensor weight, int inputH, int inputW, PadMode padding, int stride,
                                        String method, Integer iterations, DType dtype) {
        checkNotNull(weight, "weight");
        checkNotNull(dtype, "dtype");
        checkArgument(dtype.isFloating(), "spectral-norm: dtype must be floating, got %s", dtype);
        SpectralNormMethod m = SpectralNormMethod.byName(method);
        int it = iterations == null ? m.defaultIterations() : iterations;
        SpectralNormEstimator e = m.create(it);
        Tensor w = weight.detach().cast(dtype);
        if (w.rank() == 2) {
            checkArgument(m.supportsDense(), "spectral-norm: method %s bounds convolutions, but the tensor %s is dense",
                    m.cliName(), w.shape());
            return e.dense(w);
        }
        checkArgument(w.rank() == 4, "spectral-norm: expected a 2-D dense weight or a 4-D [c_out, c_in, kh, kw] kernel, got %s",
                w.shape());
        return e.conv(w, ConvGeometry.same(w.shape(), inputH, inputW, stride, padding));
    }
}
