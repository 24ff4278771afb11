package org.robust4j.layers.lipschitz;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The estimators by their command-line names, with their default iteration counts. */
public enum SpectralNormMethod {
    /** {@link GramIteration}: upper bound, dense and convolutions; iterations = squarings. */
    GRAM("gram", GramIteration.DEFAULT_ITERATIONS),
    /** {@link PowerIteration}: estimate from below; iterations = power steps. */
    POWER("power", PowerIteration.DEFAULT_ITERATIONS),
    /** {@link ExactSpectralNorm}: SVD; no iterations. */
    EXACT("exact", 0),
    /** {@link SpatialGramBound}: input-size-free upper bound; iterations = squarings. */
    SPATIAL_GRAM("spatial-gram", SpatialGramBound.DEFAULT_ITERATIONS),
    /** {@link LipBound}: input-size-free upper bound; iterations = grid points per axis. */
    LIPBOUND("lipbound", LipBound.DEFAULT_GRID),
    /** {@link SinglaFeiziBound}: input-size-free upper bound; iterations = Gram squarings per reshape. */
    SINGLA_FEIZI("singla-feizi", SinglaFeiziBound.DEFAULT_ITERATIONS);

    private final String cliName;
    private final int defaultIterations;

    SpectralNormMethod(String cliName, int defaultIterations) {
        this.cliName = cliName;
        this.defaultIterations = defaultIterations;
    }

    public String cliName() {
        return cliName;
    }

    public int defaultIterations() {
        return defaultIterations;
    }

    /**
     * How many steps the estimator with {@code iterations} reports to the current
     * {@link org.robust4j.core.util.ProgressScope}: its squarings or power steps; for
     * {@code exact} the most Gram squarings it may take (it usually stops earlier); 0 for the
     * bounds that are one quick computation.
     */
    public int progressSteps(int iterations) {
        return switch (this) {
            case GRAM, POWER, SPATIAL_GRAM -> iterations;
            case EXACT -> ExactSpectralNorm.MAX_ITERATIONS;
            case LIPBOUND, SINGLA_FEIZI -> 0;
        };
    }

    /** Whether the method applies to dense weights (the input-size-free bounds are for convolutions). */
    public boolean supportsDense() {
        return this == GRAM || this == POWER || this == EXACT;
    }

    /** The estimator with {@code iterations} (ignored by {@code exact}). */
    public SpectralNormEstimator create(int iterations) {
        return switch (this) {
            case GRAM -> new GramIteration(iterations);
            case POWER -> new PowerIteration(iterations);
            case EXACT -> new ExactSpectralNorm();
            case SPATIAL_GRAM -> new SpatialGramBound(iterations);
            case LIPBOUND -> new LipBound(iterations);
            case SINGLA_FEIZI -> new SinglaFeiziBound(iterations);
        };
    }

    public SpectralNormEstimator create() {
        return create(defaultIterations);
    }

    /** The method named {@code name} (case-insensitive); the error lists the names there are. */
    public static SpectralNormMethod byName(String name) {
        for (SpectralNormMethod m : values()) {
            if (m.cliName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown spectral-norm method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SpectralNormMethod::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
