package org.robust4j.certify.curve;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Certified accuracy as a function of the radius: the fraction of inputs whose certified
 * prediction is correct with a radius of at least {@code r} (Cohen et al.'s "approximate certified
 * accuracy"; abstentions count as wrong). Works for any {@link CertifiedSample}: smoothing,
 * multi-noise, Rényi and Lipschitz records alike.
 */
public final class CertifiedAccuracyCurve {
    /** The radii of Cohen et al.'s CIFAR-10 table (Table 3). */
    public static final double[] SMOOTHING_RADII = {0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5};
    /** The radii of the SLL / CPL / AOL tables: 36/255, 72/255, 108/255 and 1. */
    public static final double[] LIPSCHITZ_RADII = {36 / 255.0, 72 / 255.0, 108 / 255.0, 1.0};

    /** One point of the curve. */
    public record Point(double radius, double certifiedAccuracy) {}

    private final List<? extends CertifiedSample> samples;

    public CertifiedAccuracyCurve(List<? extends CertifiedSample> samples) {
        checkArgument(!samples.isEmpty(), "CertifiedAccuracyCurve: no samples");
        this.samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }

    /** Certified accuracy at radius {@code r}. */
    public double at(double r) {
        long k = samples.stream().filter(s -> s.certifiedAt(r)).count();
        return k / (double) samples.size();
    }

    /** The curve at the given radii. */
    public List<Point> at(double[] radii) {
        List<Point> out = new ArrayList<>(radii.length);
        for (double r : radii) {
            out.add(new Point(r, at(r)));
        }
        return out;
    }

    /** {@code radius -> certified accuracy}, in the order given (for {@code summary.json}). */
    public Map<Double, Double> asMap(double[] radii) {
        Map<Double, Double> m = new LinkedHashMap<>();
        for (double r : radii) {
            m.put(r, at(r));
        }
        return m;
    }

    /**
     * The whole step curve: one point at 0 and one at each distinct certified radius of a correct
     * prediction, where the accuracy drops just after it.
     */
    public List<Point> steps() {
        double[] radii = samples.stream().filter(CertifiedSample::correct).mapToDouble(CertifiedSample::radius)
                .filter(Double::isFinite).distinct().sorted().toArray();
        List<Point> out = new ArrayList<>(radii.length + 1);
        out.add(new Point(0.0, at(0.0)));
        for (double r : radii) {
            if (r > 0) {
                out.add(new Point(r, at(r)));
            }
        }
        return out;
    }

    /** Correct and not abstained: the certified accuracy at radius 0 (the smoothed classifier's accuracy). */
    public double cleanAccuracy() {
        return at(0.0);
    }

    public double abstainRate() {
        return samples.stream().filter(CertifiedSample::abstained).count() / (double) samples.size();
    }

    /** Average certified radius: the mean over all inputs of the radius if correct and 0 otherwise. */
    public double meanCertifiedRadius() {
        return samples.stream().mapToDouble(s -> s.correct() ? s.radius() : 0.0).average().orElse(0.0);
    }

    /**
     * A bound that holds with probability at least {@code 1 - rho} on the true certified accuracy
     * from the approximate one {@code y/m} of CERTIFY at failure probability {@code alpha} (Cohen et
     * al., Appendix D):
     * {@code (1/(1-alpha)) (y/m - alpha - sqrt(2 alpha (1-alpha) log(1/rho) / m) - log(1/rho) / (3m))}.
     */
    public static double highProbabilityLowerBound(double approximate, int m, double alpha, double rho) {
        checkArgument(m > 0 && alpha > 0 && alpha < 1 && rho > 0 && rho < 1,
                "highProbabilityLowerBound: need m > 0 and alpha, rho in (0, 1)");
        double log = Math.log(1 / rho);
        double b = (approximate - alpha - Math.sqrt(2 * alpha * (1 - alpha) * log / m) - log / (3.0 * m)) / (1 - alpha);
        return Math.max(0.0, b);
    }

    @Override
    public String toString() {
        return "CertifiedAccuracyCurve(" + samples.size() + " samples, clean " + cleanAccuracy() + ")";
    }
}
