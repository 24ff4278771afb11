package org.robust4j.certify.renyi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.NoiseDistribution;

class RenyiTest {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);

    /**
     * {@code D_lambda(P || Q) = log(int p^lambda q^(1-lambda)) / (lambda - 1)} for normalised 1-D densities, by
     * composite 10-point Gauss-Legendre on 4000 panels of [lo, hi] (break points at the kinks are panel edges).
     */
    private static double numericRenyi(double lambda, java.util.function.DoubleUnaryOperator p,
                                       java.util.function.DoubleUnaryOperator q, double lo, double hi) {
        org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory factory =
                new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory();
        int panels = 4000;
        double sum = 0;
        for (int i = 0; i < panels; i++) {
            double a = lo + (hi - lo) * i / panels;
            double b = lo + (hi - lo) * (i + 1) / panels;
            sum += factory.legendre(10, a, b).integrate(
                    z -> Math.exp(lambda * Math.log(p.applyAsDouble(z)) + (1 - lambda) * Math.log(q.applyAsDouble(z))));
        }
        return Math.log(sum) / (lambda - 1);
    }

    @Test
    void gaussianDivergenceMatchesNumericalIntegration() {
        double sigma = 0.7;
        for (double lambda : new double[] {1.5, 2, 8}) {
            for (double delta : new double[] {0.1, 0.5, 1.3}) {
                double c = 1 / (sigma * Math.sqrt(2 * Math.PI));
                double numeric = numericRenyi(lambda, z -> c * Math.exp(-z * z / (2 * sigma * sigma)),
                        z -> c * Math.exp(-(z - delta) * (z - delta) / (2 * sigma * sigma)), -20, 20);
                assertThat(RenyiDivergence.gaussian(lambda, delta, sigma)).isCloseTo(numeric, within(1e-9));
            }
        }
    }

    @Test
    void laplaceDivergenceMatchesNumericalIntegrationAndOneCoordinateIsTheWorstSplit() {
        double b = 0.4;
        for (double lambda : new double[] {1.2, 3, 20}) {
            for (double delta : new double[] {0.05, 0.4, 2.0}) {
                // Panels of width 0.01 put 0 and delta (the kinks) on panel edges.
                double numeric = numericRenyi(lambda, z -> Math.exp(-Math.abs(z) / b) / (2 * b),
                        z -> Math.exp(-Math.abs(z - delta) / b) / (2 * b), -20, 20);
                assertThat(RenyiDivergence.laplace(lambda, delta, b)).isCloseTo(numeric, within(1e-8));
                assertThat(RenyiDivergence.laplace(lambda, delta, b)).isLessThanOrEqualTo(delta / b + 1e-12);
                // Divergences add over coordinates; any split of the l1 budget gives no more than one coordinate.
                for (double share : new double[] {0.1, 0.3, 0.5}) {
                    double split = RenyiDivergence.laplace(lambda, share * delta, b)
                            + RenyiDivergence.laplace(lambda, (1 - share) * delta, b);
                    assertThat(split).isLessThanOrEqualTo(RenyiDivergence.laplace(lambda, delta, b) + 1e-12);
                }
            }
        }
    }

    @Test
    void argmaxThresholdIsTheMinimumDivergenceToATie() {
        // Brute force over three-class Q with q1 = q2 (the boundary where class 2 catches up): the smallest
        // D_lambda(Q || P) must equal the closed form, and the closed form must never exceed it.
        double[][] ps = {{0.7, 0.2, 0.1}, {0.5, 0.45, 0.05}, {0.9, 0.05, 0.05}, {0.6, 0.1, 0.3}};
        for (double[] p : ps) {
            double p1 = p[0];
            double p2 = Math.max(p[1], p[2]);
            for (double lambda : new double[] {1.5, 2, 10}) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 1; i < 200_000; i++) {
                    double q = 0.5 * i / 200_000;              // q1 = q_runner-up = q, the rest 1 - 2q
                    double rest = 1 - 2 * q;
                    double s = Math.pow(q, lambda) * Math.pow(p1, 1 - lambda) + Math.pow(q, lambda) * Math.pow(p2, 1 - lambda)
                            + Math.pow(rest, lambda) * Math.pow(1 - p1 - p2, 1 - lambda);
                    best = Math.min(best, Math.log(s) / (lambda - 1));
                }
                double formula = ArgmaxPreservation.threshold(lambda, p1, p2);
                assertThat(formula).as("p=%s lambda=%s", java.util.Arrays.toString(p), lambda)
                        .isLessThanOrEqualTo(best + 1e-12).isCloseTo(best, within(1e-6));
            }
        }
    }

    @Test
    void argmaxThresholdGrowsWithTheTopClassAndShrinksWithTheRunnerUp() {
        for (double lambda : new double[] {1.1, 2, 50}) {
            for (double p1 = 0.3; p1 < 0.99; p1 += 0.05) {
                for (double p2 = 0.01; p2 < p1 && p1 + p2 <= 1; p2 += 0.05) {
                    double t = ArgmaxPreservation.threshold(lambda, p1, p2);
                    if (p1 + 0.01 + p2 <= 1) {
                        assertThat(ArgmaxPreservation.threshold(lambda, p1 + 0.01, p2)).isGreaterThanOrEqualTo(t);
                    }
                    assertThat(ArgmaxPreservation.threshold(lambda, p1, Math.max(0, p2 - 0.005))).isGreaterThanOrEqualTo(t);
                }
            }
        }
        assertThat(ArgmaxPreservation.threshold(2, 0.4, 0.4)).isZero();
        assertThat(ArgmaxPreservation.threshold(2, 0.9, 0.0)).isCloseTo(-Math.log(0.1), within(1e-12));
    }

    @Test
    void renyiRadiusNeverExceedsCohensTightRadius() {
        // For input Gaussian noise and the binary reduction, Cohen et al.'s radius is tight (their Theorem 2):
        // any sound certificate from the same pA must stay below it.
        double sigma = 0.5;
        RenyiCertificate c = RenyiCertificate.inputNoise(NoiseDistribution.gaussian(sigma));
        assertThat(c.norm()).isEqualTo(Norm.L2);
        for (double p : new double[] {0.55, 0.7, 0.9, 0.99, 0.9999}) {
            double renyi = c.radius(p, 1 - p).radius();
            assertThat(renyi).as("p=%s", p).isPositive().isLessThanOrEqualTo(sigma * STD.inverseCumulativeProbability(p));
        }
        assertThat(c.radius(0.5, 0.5).radius()).isZero();
    }

    @Test
    void laplaceRenyiRadiusNeverExceedsTheTightL1Radius() {
        double b = 0.3;
        RenyiCertificate c = RenyiCertificate.inputNoise(NoiseDistribution.laplace(b));
        assertThat(c.norm()).isEqualTo(Norm.L1);
        for (double p : new double[] {0.6, 0.8, 0.95, 0.999}) {
            double renyi = c.radius(p, 1 - p).radius();
            assertThat(renyi).as("p=%s", p).isPositive()
                    .isLessThanOrEqualTo(NoiseDistribution.laplace(b).radius(p) + 1e-12);
        }
    }

    @Test
    void aLipschitzPrefixShrinksTheRadiusByItsConstant() {
        RenyiCertificate input = RenyiCertificate.inputNoise(NoiseDistribution.gaussian(0.5));
        RenyiCertificate layered = new RenyiCertificate(NoiseDistribution.gaussian(0.5), 4.0, Norm.L2);
        assertThat(layered.radius(0.9, 0.1).radius()).isCloseTo(input.radius(0.9, 0.1).radius() / 4, within(1e-12));
        assertThatThrownBy(() -> RenyiCertificate.inputNoise(NoiseDistribution.uniform(0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uniform");
    }

    @Test
    void totalVariationBoundHoldsForShiftedGaussians() {
        // TV(N(0, s^2), N(d, s^2)) = 2 Phi(d / 2s) - 1, and every Renyi divergence of order > 1 exceeds the KL.
        double s = 1.0;
        for (double d : new double[] {0.01, 0.3, 1, 3}) {
            double tv = 2 * STD.cumulativeProbability(d / (2 * s)) - 1;
            double eps = RenyiDivergence.gaussian(1.0001, d, s);
            assertThat(TotalVariationBound.fromRenyi(eps)).as("d=%s", d).isGreaterThanOrEqualTo(tv);
        }
        assertThat(TotalVariationBound.fromRenyi(1e-6)).isCloseTo(Math.sqrt(1e-6 / 2), within(1e-8));
        assertThat(TotalVariationBound.fromRenyi(0)).isZero();
    }

    @Test
    void riskGapBoundUsesTheEntropies() {
        assertThat(AdversarialRiskGap.bound(0, new double[] {0, 0})).isZero();
        assertThat(AdversarialRiskGap.bound(0.1, new double[] {0, 0})).isCloseTo(1 - Math.exp(-0.1), within(1e-15));
        assertThat(AdversarialRiskGap.entropy(new long[] {5, 5})).isCloseTo(Math.log(2), within(1e-15));
    }
}
