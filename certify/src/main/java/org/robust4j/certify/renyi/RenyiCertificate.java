package org.robust4j.certify.renyi;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.GaussianNoise;
import org.robust4j.certify.smoothing.LaplaceNoise;
import org.robust4j.certify.smoothing.NoiseDistribution;

/**
 * The certified radius of a noise-injected network {@code N_X(x) = psi(phi(x) + X)} from the
 * Rényi guarantee of Pinot et al. (NeurIPS 2019, arXiv 1902.01148): a perturbation {@code tau} of
 * the input moves {@code phi(x)} by at most {@code Delta = L ||tau||}, so the output class
 * distributions at {@code x} and {@code x + tau} are within {@code D_lambda(X || X + Delta)}
 * ({@link RenyiDivergence}, by data processing), and the top class is kept while that is below
 * {@link ArgmaxPreservation#threshold}. Every order {@code lambda > 1} gives a valid radius; the
 * largest over a grid of orders is returned.
 *
 * <ul>
 *   <li>Gaussian {@code N(0, sigma^2 I)}: {@code L} is the Lipschitz constant of {@code phi} from the
 *       input norm to l2; {@code radius = (sigma / L) max_lambda sqrt(2 T(lambda) / lambda)}.</li>
 *   <li>Laplace(b): {@code L} is the Lipschitz constant from the input norm to l1; the radius solves
 *       {@code D_lambda(Delta) = T(lambda)}.</li>
 * </ul>
 * Uniform noise has no Rényi guarantee of this kind (shifted uniform laws are not mutually
 * absolutely continuous, so the divergence is infinite) and is rejected.
 */
public final class RenyiCertificate {
    /** The radius and the Rényi order that gave it. */
    public record Radius(double radius, double order) {}

    private static final int GRID = 161;

    private final NoiseDistribution noise;
    private final double lipschitz;
    private final Norm inputNorm;

    /**
     * @param noise Gaussian or Laplace noise added after {@code phi}
     * @param lipschitz Lipschitz constant of {@code phi} from {@code inputNorm} to l2 (Gaussian) or l1 (Laplace); 1 for input noise in that norm
     * @param inputNorm the norm in which the radius is certified
     */
    public RenyiCertificate(NoiseDistribution noise, double lipschitz, Norm inputNorm) {
        checkArgument(noise instanceof GaussianNoise || noise instanceof LaplaceNoise,
                "RenyiCertificate: %s noise has no Renyi-divergence guarantee (only gaussian and laplace)", noise.name());
        checkArgument(lipschitz > 0 && Double.isFinite(lipschitz),
                "RenyiCertificate: the Lipschitz constant must be positive and finite, got %s", lipschitz);
        this.noise = noise;
        this.lipschitz = lipschitz;
        this.inputNorm = inputNorm;
    }

    /** Input noise in the noise's natural norm (l2 for Gaussian, l1 for Laplace). */
    public static RenyiCertificate inputNoise(NoiseDistribution noise) {
        return new RenyiCertificate(noise, 1.0, noise instanceof LaplaceNoise ? Norm.L1 : Norm.L2);
    }

    public Norm norm() {
        return inputNorm;
    }

    /** The radius for bounds {@code p1 <= P(top class)} and {@code p2 >= P(any other class)}. */
    public Radius radius(double p1Lower, double p2Upper) {
        if (!(p1Lower > p2Upper)) {
            return new Radius(0.0, Double.NaN);
        }
        Radius best = new Radius(0.0, Double.NaN);
        // Orders 1 + 10^k for k in [-3, 5]: small orders suit small margins, large orders large ones.
        for (int i = 0; i < GRID; i++) {
            double lambda = 1 + Math.pow(10, -3 + 8.0 * i / (GRID - 1));
            double r = radiusAt(lambda, p1Lower, p2Upper);
            if (r > best.radius()) {
                best = new Radius(r, lambda);
            }
        }
        return best;
    }

    /** The radius certified by order {@code lambda}. */
    public double radiusAt(double lambda, double p1Lower, double p2Upper) {
        double t = ArgmaxPreservation.threshold(lambda, p1Lower, p2Upper);
        if (!(t > 0)) {
            return 0.0;
        }
        if (Double.isInfinite(t)) {
            return Double.POSITIVE_INFINITY;
        }
        if (noise instanceof GaussianNoise g) {
            return g.sigma() / lipschitz * Math.sqrt(2 * t / lambda);
        }
        double b = ((LaplaceNoise) noise).b();
        // D_lambda(Delta) is increasing in Delta: bisect for D = t.
        double lo = 0;
        double hi = b;
        while (RenyiDivergence.laplace(lambda, hi, b) < t) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (RenyiDivergence.laplace(lambda, mid, b) < t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo / lipschitz;          // lo keeps D below the threshold
    }
}
