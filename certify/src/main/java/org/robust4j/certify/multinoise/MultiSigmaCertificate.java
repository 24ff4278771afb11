package org.robust4j.certify.multinoise;

import static org.robust4j.core.util.Checks.checkArgument;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The l2 certificate of a Gaussian-smoothed classifier that also knows how the base classifier
 * behaves under a second, same-centre Gaussian {@code N(x, sigma1^2 I)}: the two-variance case of
 * Ettedgui, Araujo, Pinot, Chevaleyre and Atif, "Towards evading the limits of randomized
 * smoothing" (arXiv 2206.01715), whose code ({@code certify_multi_sigma.py}) this follows.
 *
 * <p>Given {@code a <= P(f(x + N(0, sigma0^2 I)) = A)} and
 * {@code l <= P(f(x + N(0, sigma1^2 I)) = A) <= u} (holding simultaneously), the smoothed
 * classifier {@code g} (at noise {@code sigma0}) keeps class A at {@code x + delta} when
 * {@code V(||delta||) > 1/2}, where {@code V(eps)} is the smallest mass under {@code N(x + delta,
 * sigma0^2 I)} of any decision region meeting the constraints (the binary reduction
 * {@code pB = 1 - pA}). Both probes are isotropic about {@code x}, so {@code V} depends on
 * {@code ||delta||} only and no minimum over directions is needed.
 *
 * <p>Soundness:
 * <ul>
 *   <li>each {@code V(eps)} is bounded from below through weak duality ({@link NeymanPearsonDual}):
 *       any multipliers give a valid bound, quadrature error estimates are subtracted;</li>
 *   <li>{@code V} is {@code 1/(sigma0 sqrt(2 pi))}-Lipschitz in {@code eps} (the total variation
 *       between {@code N(x + delta, sigma0^2 I)} and {@code N(x + delta', sigma0^2 I)} is at most
 *       that times {@code ||delta - delta'||}), so a bound {@code L > 1/2} at {@code eps} certifies
 *       every radius below {@code eps + (L - 1/2) sigma0 sqrt(2 pi)}: the radius is reached by
 *       such steps, never by interpolating between points;</li>
 *   <li>below Cohen's radius {@code sigma0 Phi^-1(a)} Cohen's bound holds (more constraints only
 *       raise the minimum), so the result is never below it, and equals it when the probe's
 *       interval contains the half-space's probe mass {@code Phi(sigma0 Phi^-1(a) / sigma1)} (then
 *       the half-space meets every constraint and is still the worst case).</li>
 * </ul>
 *
 * <p>Assumptions: the input dimension {@code d >= 2} is the dimension in which the noise is
 * added; {@code sigma1 != sigma0}; the three bounds hold simultaneously (the caller splits its
 * failure probability, see {@link MultiNoiseCertifier}).
 */
public final class MultiSigmaCertificate {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);
    private static final int MAX_STEPS = 40;

    /**
     * @param radius the certified l2 radius (0 when {@code a <= 1/2})
     * @param cohenRadius {@code sigma0 Phi^-1(a)}, what the smoothing probe alone certifies
     * @param probeUsed whether the probe's constraint was active (the radius may exceed Cohen's)
     * @param probeConsistent false when no decision region meets all three bounds at once (this
     *     happens only when a confidence bound failed); then the probe is ignored
     * @param evaluations how many region-mass integrals were computed
     */
    public record Result(double radius, double cohenRadius, boolean probeUsed, boolean probeConsistent,
                         int evaluations) {}

    private final int dimension;
    private final double sigma0;
    private final double sigma1;
    private final NeymanPearsonDual dual;
    private final double stepTolerance;

    public MultiSigmaCertificate(int dimension, double sigma0, double sigma1) {
        checkArgument(dimension >= 2, "MultiSigmaCertificate: dimension must be at least 2, got %s", dimension);
        checkArgument(sigma0 > 0 && sigma1 > 0 && Double.isFinite(sigma0) && Double.isFinite(sigma1),
                "MultiSigmaCertificate: sigmas must be positive, got %s and %s", sigma0, sigma1);
        checkArgument(Math.abs(sigma1 / sigma0 - 1) > 1e-6,
                "MultiSigmaCertificate: the probe's sigma %s must differ from the smoothing sigma %s", sigma1, sigma0);
        this.dimension = dimension;
        this.sigma0 = sigma0;
        this.sigma1 = sigma1;
        this.dual = new NeymanPearsonDual(dimension, sigma0, sigma1);
        this.stepTolerance = 1e-4 * sigma0;
    }

    public int dimension() {
        return dimension;
    }

    public double sigma0() {
        return sigma0;
    }

    public double sigma1() {
        return sigma1;
    }

    /** Cohen's radius {@code sigma0 Phi^-1(a)} (0 when {@code a <= 1/2}). */
    public double cohenRadius(double a) {
        return a <= 0.5 ? 0.0 : sigma0 * STD.inverseCumulativeProbability(a);
    }

    /**
     * A sound lower bound on the probability of the certified class under
     * {@code N(x + delta, sigma0^2 I)} for every {@code ||delta|| = eps}, given the constraints.
     */
    public double lowerBound(double eps, double a, double l, double u) {
        checkBounds(a, l, u);
        checkArgument(eps >= 0, "MultiSigmaCertificate: eps must be non-negative, got %s", eps);
        if (eps == 0) {
            return a;
        }
        if (u < dual.leastProbeMass(a)) {
            return dual.cohen(eps, a);       // inconsistent bounds: ignore the probe (see certify)
        }
        return dual.best(eps, a, l, u, null).value();
    }

    /** The certified l2 radius for {@code a <= pA(sigma0)} and {@code l <= pA(sigma1) <= u}. */
    public Result certify(double a, double l, double u) {
        checkBounds(a, l, u);
        double cohen = cohenRadius(a);
        if (a <= 0.5) {
            return new Result(0.0, 0.0, false, true, 0);
        }
        double half = dual.halfSpaceProbeMass(a);
        if (l <= half && half <= u) {
            return new Result(cohen, cohen, false, true, 0);
        }
        if (u < dual.leastProbeMass(a)) {
            // Infeasible constraints make the dual unbounded; they can only come from a failed confidence
            // bound, so fall back to what the smoothing probe certifies on its own.
            return new Result(cohen, cohen, false, false, 0);
        }
        // March outwards from Cohen's radius, each step as long as the Lipschitz bound on V allows.
        double lipschitz = 1 / (sigma0 * Math.sqrt(2 * Math.PI));
        double eps = cohen;
        double certified = cohen;
        int evaluations = 0;
        NeymanPearsonDual.Bound warm = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            NeymanPearsonDual.Bound b = dual.best(eps, a, l, u, warm);
            evaluations += b.evaluations();
            if (!(b.value() > 0.5)) {
                break;
            }
            double reach = eps + (b.value() - 0.5) / lipschitz;
            certified = reach;
            if (reach - eps < stepTolerance) {
                break;
            }
            eps = reach;
            warm = b.k1() != 0 ? b : warm;
        }
        return new Result(Math.max(certified, cohen), cohen, true, true, evaluations);
    }

    private static void checkBounds(double a, double l, double u) {
        checkArgument(a >= 0 && a <= 1 && l >= 0 && u <= 1 && l <= u,
                "MultiSigmaCertificate: need probabilities 0 <= a <= 1 and 0 <= l <= u <= 1, got a=%s l=%s u=%s", a, l, u);
    }
}
