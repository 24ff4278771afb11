package org.robust4j.experiments.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robust4j.experiments.backendcheck.BackendCheck;
import org.robust4j.experiments.lipschitz.GramIterationExperiment;
import org.robust4j.experiments.lipschitz.LipschitzRegularizationExperiment;

/**
 * The experiments {@code robust4j list} shows and {@code robust4j run} runs, by name.
 *
 * <p>An explicit list rather than a {@link java.util.ServiceLoader}: all experiments live in
 * this module, and one line per experiment here is easier to read and to grep than service files.
 */
public final class ExperimentRegistry {
    private final Map<String, Experiment<?>> byName = new TreeMap<>();

    public ExperimentRegistry(List<? extends Experiment<?>> experiments) {
        for (Experiment<?> e : experiments) {
            if (byName.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("two experiments are named '" + e.name() + "'");
            }
        }
    }

    /** Every experiment that ships with robust4j. Add new ones here. */
    public static ExperimentRegistry builtIn() {
        return new ExperimentRegistry(List.of(
                new BackendCheck(), new GramIterationExperiment(), new LipschitzRegularizationExperiment(),
                new org.robust4j.experiments.rat.RatExperiment(),
                new org.robust4j.experiments.crossnorm.LinfVsL2Experiment(),
                new org.robust4j.experiments.smoothing.SmoothingCertifyExperiment(),
                new org.robust4j.experiments.noiseinjection.NoiseInjectionExperiment(),
                new org.robust4j.experiments.circulant.CirculantExpressivity(),
                new org.robust4j.experiments.onelip.SllCertified(), new org.robust4j.experiments.onelip.CplDepth(),
                new org.robust4j.experiments.onelip.LipschitzLayersCompare()));
    }

    /** All experiments, sorted by name. */
    public List<Experiment<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The experiment named {@code name}, or {@link UnknownExperimentException} listing the known ones. */
    public Experiment<?> get(String name) {
        Experiment<?> e = byName.get(name);
        if (e == null) {
            throw new UnknownExperimentException(name, names());
        }
        return e;
    }
}
