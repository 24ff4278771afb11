package org.robust4j.experiments.registry;

import java.util.List;

/** An experiment name that the registry does not know. */
public final class UnknownExperimentException extends IllegalArgumentException {
    private final List<String> available;

    public UnknownExperimentException(String name, List<String> available) {
        super("unknown experiment '" + name + "'; available experiments: " + String.join(", ", available));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
