package org.robust4j.experiments.testing;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;
import org.robust4j.core.backend.Backends;

/** Backends for tests: the real default one when it is on the class path, or a stub that only has a name. */
public final class TestBackends {
    public static final String DEFAULT = "nd4j";

    private TestBackends() {}

    /** Whether the default backend is registered and can run here (tests that compute assume it). */
    public static boolean defaultAvailable() {
        return Backends.providers().stream()
                .filter(p -> p.name().equals(DEFAULT))
                .anyMatch(p -> p.unavailableReason().isEmpty());
    }

    public static BackendProvider defaultProvider() {
        return Backends.provider(DEFAULT);
    }

    /**
     * A test double: a backend named {@code name} that answers only {@code name}, {@code info},
     * {@code close} and {@code releasePooled} and throws for any computation, for code that only records the backend (summary.json, REPORT.md).
     */
    public static Backend nameOnly(String name) {
        return (Backend) Proxy.newProxyInstance(TestBackends.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "info" -> Map.of("kind", "stub");
                    case "close", "synchronize", "releasePooled" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("stub backend: " + method.getName());
                });
    }
}
