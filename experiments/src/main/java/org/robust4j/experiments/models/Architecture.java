package org.robust4j.experiments.models;

import org.robust4j.core.nn.Module;
import org.robust4j.layers.LayerContext;

/** A named network family that builds a {@link Module} from a {@link ModelSpec}. */
public interface Architecture {
    String name();

    String description();

    Module build(LayerContext context, ModelSpec spec);

    /** The loss {@code train} uses when none is given (a {@code TrainingRun.loss} name). */
    default String defaultLoss() {
        return "ce";
    }

    /** The learning-rate schedule {@code train} uses when none is given. */
    default String defaultSchedule() {
        return "constant";
    }
}
