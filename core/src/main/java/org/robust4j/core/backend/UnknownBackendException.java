package org.robust4j.core.backend;

import java.util.List;

/** A backend name that no provider on the class path registers. */
public final class UnknownBackendException extends IllegalArgumentException {
    private final List<String> available;

    public UnknownBackendException(String name, List<String> available) {
        super("unknown backend '" + name + "'; available backends: "
                + (available.isEmpty() ? "(none on the class path)" : String.join(", ", available)));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
