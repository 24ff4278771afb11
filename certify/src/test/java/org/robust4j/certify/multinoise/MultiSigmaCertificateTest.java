package org.robust4j.certify.multinoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

class MultiSigmaCertificateTest {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);

    @Test
    void reducesToCohenWhenTheProbeCarriesNoWeight() {
        MultiSigmaCertificate c = new MultiSigmaCertificate(784, 0.5, 0.55);
        for (double a : new double[] {0.4, 0.6, 0.8, 0.99}) {
            MultiSigmaCertificate.Result r = c.certify(a, 0.0, 1.0);
            double cohen = a <= 0.5 ? 0 : 0.5 * STD.inverseCumulativeProbability(a);
            assertThat(r.radius()).isEqualTo(cohen);
            assertThat(r.cohenRadius()).isEqualTo(cohen);
            assertThat(r.probeUsed()).isFalse();
            for (double eps : new double[] {0.1, 0.3, 0.7}) {
                assertThat(c.lowerBound(eps, a, 0, 1))
                        .isEqualTo(STD.cumulativeProbability(STD.inverseCumulativeProbability(a) - eps / 0.5));
            }
        }
    }

    @Test
    void aProbeThatAgreesWithTheHalfSpaceGivesCohensRadiusWhichIsTheLinearClassifiersTrueRadius() {
        // For f(x) = [w.x + b > 0] with exact probabilities, the class region is a half-space: its probe mass
        // is Phi(sigma0 Phi^-1(a) / sigma1), and the true robust radius of g is sigma0 Phi^-1(a).
        double sigma0 = 0.5;
        for (double sigma1 : new double[] {0.3, 0.45, 0.6, 1.0}) {
            MultiSigmaCertificate c = new MultiSigmaCertificate(100, sigma0, sigma1);
            double a = 0.85;
            double probe = STD.cumulativeProbability(sigma0 * STD.inverseCumulativeProbability(a) / sigma1);
            double trueRadius = sigma0 * STD.inverseCumulativeProbability(a);
            MultiSigmaCertificate.Result r = c.certify(a, probe, probe);
            assertThat(r.radius()).as("sigma1=%s", sigma1).isLessThanOrEqualTo(trueRadius).isEqualTo(r.cohenRadius());
        }
    }

    @Test
    void neverBelowCohen() {
        for (double sigma1 : new double[] {0.4, 0.6}) {
            MultiSigmaCertificate c = new MultiSigmaCertificate(50, 0.5, sigma1);
            for (double a : new double[] {0.6, 0.8, 0.95}) {
                for (double[] lu : new double[][] {{0, 0.2}, {0.3, 0.5}, {0.7, 0.9}, {0.9, 1}, {0.99, 1}}) {
                    MultiSigmaCertificate.Result r = c.certify(a, lu[0], lu[1]);
                    assertThat(r.radius()).as("sigma1=%s a=%s l=%s u=%s", sigma1, a, lu[0], lu[1])
                            .isGreaterThanOrEqualTo(c.cohenRadius(a));
                }
            }
        }
    }

    @Test
    void strictlyAboveCohenWhenTheClassRegionIsTheOutsideOfABall() {
        // Cohen et al.'s Prop. 6 situation in d = 784: f = A outside the ball ||z - x|| <= t. A wider probe sees
        // almost only class A, which no half-space with mu0 = a allows, so the paper's theory certifies more.
        int d = 784;
        double sigma0 = 0.5;
        double a = 0.8;
        ChiSquaredDistribution chi = new ChiSquaredDistribution(d);
        double t2 = sigma0 * sigma0 * chi.inverseCumulativeProbability(1 - a);
        for (double sigma1 : new double[] {0.55, 0.45}) {
            double probe = 1 - chi.cumulativeProbability(t2 / (sigma1 * sigma1));
            MultiSigmaCertificate c = new MultiSigmaCertificate(d, sigma0, sigma1);
            MultiSigmaCertificate.Result r = c.certify(a, probe, probe);
            assertThat(r.probeUsed()).isTrue();
            assertThat(r.radius()).as("sigma1=%s, probe mass %s", sigma1, probe).isGreaterThan(1.1 * r.cohenRadius());
        }
    }

    @Test
    void inconsistentBoundsFallBackToCohen() {
        // sigma1 < sigma0: no region with mu0 >= 0.8 has probe mass 0 (the least is the outside of a ball).
        MultiSigmaCertificate c = new MultiSigmaCertificate(784, 0.5, 0.45);
        MultiSigmaCertificate.Result r = c.certify(0.8, 0.0, 1e-9);
        assertThat(r.probeConsistent()).isFalse();
        assertThat(r.radius()).isEqualTo(r.cohenRadius());
    }

    @Test
    void regionMassesAgreeWithMonteCarloInFullDimension() {
        // Independent check of the (u, S) reduction and the chi-square integrals: sample z in R^d directly and
        // test k0 rho0 + k1 rho1 > rho_nu from the densities themselves, at the multipliers the dual picks.
        int d = 60;
        double sigma0 = 0.5;
        int samples = 100_000;
        for (double[] setting : new double[][] {{0.6, 0.85, 0.97, 1.0}, {0.42, 0.85, 0.0, 0.6}}) {
            double sigma1 = setting[0];
            double a = setting[1];
            double l = setting[2];
            double u = setting[3];
            NeymanPearsonDual dual = new NeymanPearsonDual(d, sigma0, sigma1);
            double eps = 1.2 * sigma0 * STD.inverseCumulativeProbability(a);
            NeymanPearsonDual.Bound b = dual.best(eps, a, l, u, null);
            assertThat(b.k1()).as("the probe is active").isNotZero();
            RegionMasses.Masses q = new RegionMasses(d, sigma0, sigma1, 1e-11).compute(eps, b.logK0(), b.k1());
            double[] mc = monteCarloMasses(d, sigma0, sigma1, eps, b.logK0(), b.k1(), samples, 11);
            double tol = 4 * 0.5 / Math.sqrt(samples);
            assertThat(mc[0]).as("mu0").isCloseTo(q.mu0(), within(tol));
            assertThat(mc[1]).as("mu1").isCloseTo(q.mu1(), within(tol));
            assertThat(mc[2]).as("nu").isCloseTo(q.nu(), within(tol));
            // Strong duality at the chosen multipliers: the region meets the active constraints, so the bound
            // is (up to the solver's tolerance) the nu-mass of a feasible region and cannot be improved.
            assertThat(q.mu0()).isCloseTo(a, within(1e-5));
            assertThat(q.mu1()).isCloseTo(b.k1() > 0 ? l : u, within(1e-5));
            assertThat(b.value()).isCloseTo(q.nu(), within(1e-5)).isGreaterThan(dual.cohen(eps, a));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new MultiSigmaCertificate(1, 0.5, 0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiSigmaCertificate(10, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        MultiSigmaCertificate c = new MultiSigmaCertificate(10, 0.5, 0.6);
        assertThatThrownBy(() -> c.certify(0.8, 0.9, 0.8)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {mu0(R), mu1(R), nu(R)} by sampling z in R^d, with delta = eps e_1. */
    private static double[] monteCarloMasses(int d, double s0, double s1, double eps, double logK0, double k1, int n,
                                             long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sigmas = {s0, s1, s0};
        double[] shifts = {0, 0, eps};
        double[] out = new double[3];
        double[] z = new double[d];
        for (int which = 0; which < 3; which++) {
            int hits = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[j] = sigmas[which] * rng.nextGaussian();
                }
                z[0] += shifts[which];
                if (inRegion(z, s0, s1, eps, logK0, k1)) {
                    hits++;
                }
            }
            out[which] = hits / (double) n;
        }
        return out;
    }

    private static boolean inRegion(double[] z, double s0, double s1, double eps, double logK0, double k1) {
        int d = z.length;
        double r2 = 0;
        for (double v : z) {
            r2 += v * v;
        }
        // Log densities without the common (2 pi)^(-d/2).
        double l0 = -r2 / (2 * s0 * s0) - d * Math.log(s0) + logK0;
        double l1 = -r2 / (2 * s1 * s1) - d * Math.log(s1) + Math.log(Math.abs(k1));
        double lnu = -(r2 - 2 * eps * z[0] + eps * eps) / (2 * s0 * s0) - d * Math.log(s0);
        double m = Math.max(lnu, Math.max(l0, l1));
        double lhs = (Double.isInfinite(logK0) ? 0 : Math.exp(l0 - m)) + Math.signum(k1) * Math.exp(l1 - m);
        return lhs > Math.exp(lnu - m);
    }
}
