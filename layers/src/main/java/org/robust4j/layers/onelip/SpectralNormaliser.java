package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.ConvGeometry;
import org.robust4j.layers.lipschitz.ConvMap;
import org.robust4j.layers.lipschitz.DenseMap;
import org.robust4j.layers.lipschitz.ExactSpectralNorm;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.LinearMap;
import org.robust4j.layers.lipschitz.PersistentPowerIteration;
import org.robust4j.layers.lipschitz.PowerIteration;

/**
 * The spectral norm {@code sigma} of one layer's weight, as the layer divides by it (spectral
 * normalisation, CPL's step size), chosen by the user:
 *
 * <ul>
 * <li>{@link Method#POWER_ITERATION} (CPL, Miyato et al.): a persistent vector advanced by one
 *     step per training forward, {@code sigma} differentiable in the weight (an estimate from
 *     below that lags the weights). In eval mode the converged value is used, computed once and
 *     cached until the next training forward: not by {@code 100} more power steps as the CPL
 *     code does (on convolutions, whose top singular values cluster, these stopped 4e-4 short in
 *     our tests, leaving the layer above 1-Lipschitz) but by {@link #upper}, the SVD norm (dense)
 *     or the per-frequency norm of the circular embedding (convolutions; equal to the norm for
 *     circular padding, an upper bound for zero padding). So eval-mode layers are never above
 *     their nominal constant.
 * <li>{@link Method#GRAM}: the Gram-iteration upper bound (Delattre et al. 2023), differentiable,
 *     recomputed every forward: the layer is then never above its nominal constant.
 * </ul>
 *
 * One instance per layer; convolutions pass the geometry of the current input (a new input size
 * restarts the power iteration).
 */
public final class SpectralNormaliser {
    /** How {@code sigma} is computed. */
    public enum Method { POWER_ITERATION, GRAM }

    private final Method method;
    private final GramIteration gram = new GramIteration();
    private PersistentPowerIteration power;
    private ConvGeometry geometry;
    private double evalSigma = Double.NaN;
    private double lastSigma = Double.NaN;

    public SpectralNormaliser(Method method) {
        this.method = checkNotNull(method, "method");
    }

    public Method method() {
        return method;
    }

    /**
     * {@code sigma} of {@code weight} ({@code [out, in]}, or a kernel with {@code geometry}) as a
     * scalar: in the weight's graph in training, a constant in eval mode for power iteration.
     */
    public Tensor sigma(Tensor weight, ConvGeometry convGeometry, boolean training) {
        if (method == Method.GRAM) {
            Tensor s = convGeometry == null ? gram.denseDifferentiable(weight) : gram.convDifferentiable(weight, convGeometry);
            lastSigma = s.detach().cast(DType.FLOAT64).item();
            return s;
        }
        if (convGeometry != null && !convGeometry.equals(geometry)) {
            reset();
            geometry = convGeometry;
        }
        if (power == null) {
            power = new PersistentPowerIteration(1, PowerIteration.DEFAULT_SEED);
        }
        if (training) {
            evalSigma = Double.NaN;
            Tensor s = power.sigma(map(weight, convGeometry));
            lastSigma = s.detach().cast(DType.FLOAT64).item();
            return s;
        }
        if (Double.isNaN(evalSigma)) {
            try (Scope s = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
                evalSigma = upper(weight, convGeometry);
            }
        }
        lastSigma = evalSigma;
        return Tensor.scalar(weight.backend(), lastSigma, weight.dtype());
    }

    /**
     * The {@code sigma} the layer divides by in the given mode, as a number (for its bound): the
     * eval value, or in training the last one used (the eval value before any training forward).
     */
    public double sigmaInUse(Tensor weight, ConvGeometry convGeometry, boolean training) {
        if (training && !Double.isNaN(lastSigma) && (convGeometry == null || convGeometry.equals(geometry)
                || method == Method.GRAM)) {
            return lastSigma;
        }
        try (Scope s = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            return sigma(weight.detach(), convGeometry, false).cast(DType.FLOAT64).item();
        }
    }

    /** A guaranteed upper bound of the weight's norm (SVD; per-frequency SVD for convolutions), in FLOAT64. */
    public static double upper(Tensor weight, ConvGeometry convGeometry) {
        ExactSpectralNorm exact = new ExactSpectralNorm();
        Tensor w = weight.detach().cast(DType.FLOAT64);
        return convGeometry == null ? exact.dense(w).value() : exact.conv(w, convGeometry).value();
    }

    private static LinearMap map(Tensor weight, ConvGeometry convGeometry) {
        return convGeometry == null ? new DenseMap(weight) : new ConvMap(weight, convGeometry);
    }

    private void reset() {
        if (power != null) {
            power.close();
            power = null;
        }
        evalSigma = Double.NaN;
        lastSigma = Double.NaN;
    }
}
