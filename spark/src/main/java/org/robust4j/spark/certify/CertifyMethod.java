package org.robust4j.spark.certify;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.curve.CertifiedSample;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.spark.exec.ItemTask;

/** How items are certified: randomized smoothing or the Lipschitz margin, with all their parameters. */
public sealed interface CertifyMethod extends Serializable {

    /** {@code smoothing} or {@code lipschitz}, as {@code summary.json}'s {@code method}. */
    String name();

    /** The per-item task for items of shape {@code itemShape}. */
    ItemTask<? extends Record> task(int[] itemShape);

    /** The radii of the headline certified-accuracy table. */
    double[] radii();

    /** Every parameter that changes the records (a re-run into the same output must match them). */
    Map<String, Object> parameters();

    /**
     * Randomized smoothing (Cohen et al.) with {@code gaussian}, {@code laplace} or {@code uniform}
     * noise of the given scale.
     */
    record Smoothing(String noiseName, double scale, int n0, int n, double alpha, int batchSize, long seed)
            implements CertifyMethod {
        private static final long serialVersionUID = 1L;

        public Smoothing {
            noise(noiseName, scale);
            new SmoothingParams(n0, n, alpha, batchSize, seed); // validates
        }

        public NoiseDistribution noise() {
            return noise(noiseName, scale);
        }

        public SmoothingParams params() {
            return new SmoothingParams(n0, n, alpha, batchSize, seed);
        }

        private static NoiseDistribution noise(String name, double scale) {
            checkArgument(scale > 0 && Double.isFinite(scale), "smoothing: the noise scale must be positive, got %s", scale);
            return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
                case "gaussian" -> NoiseDistribution.gaussian(scale);
                case "laplace" -> NoiseDistribution.laplace(scale);
                case "uniform" -> NoiseDistribution.uniform(scale);
                default -> throw new IllegalArgumentException("smoothing: unknown noise '" + name
                        + "'; known: gaussian, laplace, uniform");
            };
        }

        @Override
        public String name() {
            return "smoothing";
        }

        @Override
        public ItemTask<? extends Record> task(int[] itemShape) {
            return new SmoothingTask(this, itemShape.clone());
        }

        @Override
        public double[] radii() {
            return CertifiedAccuracyCurve.SMOOTHING_RADII.clone();
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", name());
            m.put("noise", noiseName.toLowerCase(Locale.ROOT));
            m.put("scale", scale);
            m.put("n0", n0);
            m.put("n", n);
            m.put("alpha", alpha);
            m.put("batch_size", batchSize);
            m.put("seed", seed);
            return m;
        }
    }

    /** The Lipschitz-margin certificate for a network whose logit map is {@code lipschitz}-Lipschitz in l2. */
    record LipschitzMargin(double lipschitz, int batchSize) implements CertifyMethod {
        private static final long serialVersionUID = 1L;

        public LipschitzMargin {
            checkArgument(lipschitz > 0 && Double.isFinite(lipschitz), "lipschitz: the bound must be positive, got %s",
                    lipschitz);
            checkArgument(batchSize > 0, "lipschitz: the batch size must be positive, got %s", batchSize);
        }

        @Override
        public String name() {
            return "lipschitz";
        }

        @Override
        public ItemTask<? extends Record> task(int[] itemShape) {
            return new LipschitzTask(this, itemShape.clone());
        }

        @Override
        public double[] radii() {
            return CertifiedAccuracyCurve.LIPSCHITZ_RADII.clone();
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", name());
            m.put("lipschitz", lipschitz);
            // The batch size does not change the records (no randomness), so a resumed run may change it.
            return m;
        }
    }

    /** Unchecked view of a record list as certified samples (every certify record is one). */
    @SuppressWarnings("unchecked")
    static java.util.List<CertifiedSample> samples(java.util.List<? extends Record> records) {
        return (java.util.List<CertifiedSample>) (java.util.List<?>) records;
    }
}
